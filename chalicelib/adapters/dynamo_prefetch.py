"""Many items in few requests, on DynamoDB: a batch's reads in BatchGetItem, its sent marks in BatchWriteItem.

DynamoDB may answer part of a batch request (UnprocessedKeys, UnprocessedItems: throttling, size); the
rest is asked again a few times with a growing pause. What is still unanswered after that, or after an
AWS error, is reported rather than raised: the caller reads those items on their own, or leaves those
messages pending for the sweep.
"""
import time
from typing import Any, Callable, Collection, Iterable, Iterator, Sequence

from botocore.exceptions import BotoCoreError, ClientError
from pynamodb.models import Model

from chalicelib.adapters import mapping, seller_mapping
from chalicelib.adapters.binding import Tables
from chalicelib.services.ports import CONTACT, ENROLLMENT, NOTE, ORDER, SELLER, UNTOLD, Item, Key, Untold

RawJson = dict[str, Any]  # Any: DynamoDB's low-level JSON, requests and answers, as botocore takes and gives it

GET_LIMIT, WRITE_LIMIT = 100, 25  # keys per BatchGetItem, items per BatchWriteItem (DynamoDB's limits)
RETRIES, FIRST_PAUSE = 4, 0.025  # unprocessed parts asked again after 25, 50, 100, 200 ms
# kind: (record class, key attributes, item from record; Any: a record of the class named beside it)
KINDS: dict[str, tuple[str, tuple[str, ...], Callable[[Any], Item]]] = {
    SELLER: ("SellerRecord", ("seller_id",), seller_mapping.seller_from),
    ENROLLMENT: ("EnrollmentRecord", ("seller_id", "marketplace_id"), seller_mapping.enrollment_from),
    ORDER: ("OrderRecord", ("order_id",), mapping.order_from),
    CONTACT: ("ContactRecord", ("contact_id",), mapping.contact_from),
    NOTE: ("SupportNoteRecord", ("seller_id", "asin"), lambda record: record.text),
}


class DynamoPrefetch:
    def __init__(self, tables: Tables) -> None:
        self.t = tables

    def prefetch(self, keys: Collection[Key]) -> dict[Key, Item]:
        """{key: item or None} for every key answered; consistent reads, so a write before is seen."""
        wanted, answered = list(dict.fromkeys(keys)), dict[Key, Item]()
        for start in range(0, len(wanted), GET_LIMIT):
            chunk = wanted[start:start + GET_LIMIT]
            found, unanswered = self._batch_get(chunk)
            answered.update({key: found.get(key) for key in chunk if key not in unanswered})
        return answered

    def mark_all_sent(self, keys: Sequence[str]) -> list[str]:
        """Deletes the sent messages' outbox items, 25 per request; returns the keys not deleted.

        Unconditional deletes are safe here: "sent" is the last state of an outbox item (no writer
        makes a sent message pending again), so there is no concurrent update a version check
        could protect, and deleting twice is the same as once.
        """
        wanted, left = list(dict.fromkeys(keys)), list[str]()
        table = self.t.OutboxRecord.Meta.table_name
        for start in range(0, len(wanted), WRITE_LIMIT):
            request = {table: [{"DeleteRequest": {"Key": {"message_key": {"S": key}}}}
                               for key in wanted[start:start + WRITE_LIMIT]]}
            _, unprocessed = self._send_until_processed("batch_write_item", request, "UnprocessedItems")
            left += [r["DeleteRequest"]["Key"]["message_key"]["S"] for r in unprocessed.get(table, [])]
        return left

    def _batch_get(self, keys: list[Key]) -> tuple[dict[Key, Item], set[Key]]:
        """The items found among `keys`, and the keys left unanswered."""
        tables = {kind: getattr(self.t, record).Meta.table_name for kind, (record, _, _) in KINDS.items()}
        kinds = {table: kind for kind, table in tables.items()}
        request: RawJson = {}
        for key in keys:
            request.setdefault(tables[key[0]], {"Keys": [], "ConsistentRead": True})["Keys"].append(_raw_key(key))
        responses, unprocessed = self._send_until_processed("batch_get_item", request, "UnprocessedKeys")
        found = {key: item for response in responses for key, item in self._items(response, kinds).items()}
        return found, {_key(kinds[table], raw) for table, part in unprocessed.items() for raw in part["Keys"]}

    def _send_until_processed(self, operation: str, request: RawJson,
                              unprocessed: str) -> tuple[list[RawJson], RawJson]:
        """The responses to `request` and to what each left unprocessed (asked again a few times, pausing
        longer each time), and what is still unprocessed at the end: all that remained after an AWS error."""
        send: Callable[..., RawJson] = getattr(self.t.connection.client, operation)
        responses: list[RawJson] = []
        for attempt in range(RETRIES + 1):
            if attempt:
                time.sleep(FIRST_PAUSE * 2 ** (attempt - 1))
            try:
                responses.append(send(RequestItems=request))
            except (BotoCoreError, ClientError):
                return responses, request
            request = responses[-1].get(unprocessed) or {}
            if not request:
                break
        return responses, request

    def _items(self, response: RawJson, kinds: dict[str, str]) -> dict[Key, Item]:
        items: dict[Key, Item] = {}
        for table, raw_items in response.get("Responses", {}).items():
            record_name, _, item_of = KINDS[kinds[table]]
            record = getattr(self.t, record_name)
            items.update({_key(kinds[table], raw): item_of(record.from_raw_data(raw)) for raw in raw_items})
        return items


def held(t: Tables, written: Iterable[tuple[Model, bool]], committed: bool) -> Iterator[tuple[Key, Item | Untold]]:
    """What a transaction writes of the items events read: UNTOLD until it is `committed`; then a record written
    whole as the item a read now gives (its version the one the commit set), one written in place still UNTOLD."""
    for record, whole in written:
        for kind, (name, attributes, item_of) in KINDS.items():
            if isinstance(record, getattr(t, name)):
                key = (kind, *(getattr(record, a) for a in attributes))
                yield key, item_of(record) if committed and whole else UNTOLD


def _raw_key(key: Key) -> dict[str, dict[str, str]]:
    return {name: {"S": value} for name, value in zip(KINDS[key[0]][1], key[1:])}


def _key(kind: str, raw: RawJson) -> Key:
    return (kind, *(raw[name]["S"] for name in KINDS[kind][1]))
