"""Every DynamoDB request of the repositories, sent through the one Connection of their configuration.

A record class stays the schema: PynamoDB's public builders (`get_operation_kwargs_from_class`,
`get_save_kwargs_from_instance`, `get_update_kwargs_from_instance`, `get_delete_kwargs_from_instance`)
write each request, version condition and increment included, without a request or a client; the
Connection sends it (`dispatch`); `from_raw_data` reads the answer. No Model request method is called:
each would go through its class's own connection, with its own botocore session and client (tens of
milliseconds of every cold start apiece, bench figure 1). A refusal is raised as those methods raise
it (GetError, PutError, UpdateError, DeleteError around botocore's error: `cause_response_code` reads
the same), so the repositories handle it as before. Queries: adapters/table_queries.py.
"""
import time
from itertools import batched
from typing import Any, Iterable, TypeVar

from botocore.exceptions import BotoCoreError, ClientError
from pynamodb.connection import Connection
from pynamodb.exceptions import DeleteError, GetError, PutError, PynamoDBException, UpdateError
from pynamodb.expressions.condition import Condition
from pynamodb.expressions.update import Action
from pynamodb.models import Model

R = TypeVar("R", bound=Model)
RawJson = dict[str, Any]  # Any: DynamoDB's low-level JSON, requests and answers, as botocore takes and gives it

GET_LIMIT, WRITE_LIMIT = 100, 25  # keys per BatchGetItem, items per BatchWriteItem (DynamoDB's limits)
TRIES, FIRST_PAUSE = 8, 0.025  # a batch's unprocessed part asked again after 25, 50, ... 1,600 ms, then refused


class TableRequests:
    def __init__(self, connection: Connection):
        self.connection = connection

    def send(self, operation: str, request: RawJson, refused: type[PynamoDBException]) -> RawJson:
        """DynamoDB's answer to `request`; its refusal (after botocore's retries) raised as `refused`."""
        try:
            answer: RawJson = self.connection.dispatch(operation, request)
        except (BotoCoreError, ClientError) as error:
            raise refused(f"{operation} failed: {error}", error) from error
        return answer

    def get(self, record: type[R], hash_key: Any, range_key: Any = None, consistent_read: bool = False) -> R | None:
        """The item under these keys, or None."""
        request = record.get_operation_kwargs_from_class(hash_key, range_key)
        if consistent_read:
            request["ConsistentRead"] = True
        item = self.send("GetItem", request, GetError).get("Item")
        return record.from_raw_data(item) if item else None

    def save(self, item: Model, condition: Condition | None = None) -> None:
        """Writes `item` whole, as Model.save: under its version (absent: never saved), which it then increments."""
        self.send("PutItem", item.get_save_kwargs_from_instance(condition=condition), PutError)
        item.update_local_version_attribute()  # type: ignore[no-untyped-call]  # pynamodb leaves it unannotated

    def update(self, item: Model, actions: list[Action], condition: Condition | None = None) -> None:
        """Applies `actions` to the stored item, as Model.update: under its version if it has one (incremented
        by the update); `item` then holds the whole item as stored."""
        request = item.get_update_kwargs_from_instance(actions=actions, condition=condition)
        request["ReturnValues"] = "ALL_NEW"
        item.deserialize(self.send("UpdateItem", request, UpdateError)["Attributes"])

    def delete(self, item: Model, condition: Condition | None = None) -> None:
        self.send("DeleteItem", item.get_delete_kwargs_from_instance(condition=condition), DeleteError)

    def batch_get(self, record: type[R], keys: Iterable[Any], consistent_read: bool = False) -> list[R]:
        """The items under `keys` (hash keys, or (hash, range) pairs) that exist, in any order: 100 keys per
        BatchGetItem, what DynamoDB left unprocessed asked again."""
        table = record.Meta.table_name
        raw_keys = [_raw_key(record, key) for key in dict.fromkeys(keys)]
        found: list[R] = []
        for start in range(0, len(raw_keys), GET_LIMIT):
            request: RawJson = {table: {"Keys": raw_keys[start:start + GET_LIMIT]}}
            if consistent_read:
                request[table]["ConsistentRead"] = True
            for answer in self._until_processed("BatchGetItem", request, "UnprocessedKeys", GetError):
                found += map(record.from_raw_data, answer.get("Responses", {}).get(table, []))
        return found

    def batch_save(self, items: Iterable[Model]) -> None:
        """Writes every item whole (no condition, no version), 25 per BatchWriteItem as they come (a stream is
        never held whole), the unprocessed sent again."""
        for chunk in batched(items, WRITE_LIMIT):
            request = {type(item).Meta.table_name: list[RawJson]() for item in chunk}
            for item in chunk:
                request[type(item).Meta.table_name].append({"PutRequest": {"Item": item.serialize()}})
            self._until_processed("BatchWriteItem", request, "UnprocessedItems", PutError)

    def _until_processed(self, operation: str, request: RawJson, unprocessed: str,
                         refused: type[PynamoDBException]) -> list[RawJson]:
        """The answers to a batch request and to what each left unprocessed, asked again after a growing pause;
        `refused` if some is still unprocessed after TRIES requests."""
        answers: list[RawJson] = []
        for attempt in range(TRIES):
            if attempt:
                time.sleep(FIRST_PAUSE * 2 ** (attempt - 1))
            answers.append(self.send(operation, {"RequestItems": request}, refused))
            request = answers[-1].get(unprocessed) or {}
            if not request:
                return answers
        raise refused(f"{operation}: still unprocessed after {TRIES} requests")


def _raw_key(record: type[Model], key: Any) -> RawJson:
    hash_key, range_key = key if isinstance(key, tuple) else (key, None)
    raw: RawJson = record.get_operation_kwargs_from_class(hash_key, range_key)["Key"]
    return raw
