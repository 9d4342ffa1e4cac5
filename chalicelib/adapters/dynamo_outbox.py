"""The outbox on DynamoDB: pending messages, the claims of their senders and the sent mark (a deletion)."""
import json

from pynamodb.exceptions import UpdateError

from chalicelib.adapters import shards
from chalicelib.adapters.binding import Tables
from chalicelib.adapters.records import OutboxRecord
from chalicelib.adapters.table_queries import query
from chalicelib.services.changes import QueueMessage
from chalicelib.services.destinations import Destination


class OutboxRepository:
    def __init__(self, tables: Tables):
        self.t = tables

    def pending_messages(self, keys: list[str]) -> list[QueueMessage]:
        records = self.t.requests.batch_get(self.t.OutboxRecord, keys)
        return [_message(r) for r in records if r.pending]

    def stale_pending_messages(self, older_than_iso: str) -> list[QueueMessage]:
        record = self.t.OutboxRecord
        queries = [query(self.t.requests, record, str(shard), record.created_at < older_than_iso,
                         index=record.pending_index)
                   for shard in range(shards.PENDING_SHARDS)]
        return [_message(r) for r in shards.merged(queries, record, key=lambda r: r.created_at)]

    def mark_sent(self, key: str) -> None:
        self.t.requests.delete(self.t.OutboxRecord(key))

    def claim(self, key: str, now_iso: str, until_iso: str) -> bool:
        """Take a pending message for sending until `until_iso`, unless sent or claimed by another until after now."""
        record, claimed = self.t.OutboxRecord, self.t.OutboxRecord.claimed_until
        try:
            self.t.requests.update(record(key), [claimed.set(until_iso)],
                                   record.message_key.exists() & (claimed.does_not_exist() | (claimed < now_iso)))
        except UpdateError as error:
            if error.cause_response_code == "ConditionalCheckFailedException":
                return False
            raise
        return True

    def release(self, key: str) -> None:
        """Give up a claim (the send failed): the next sender need not wait for the lease to end."""
        record = self.t.OutboxRecord
        try:
            self.t.requests.update(record(key), [record.claimed_until.remove()], record.message_key.exists())
        except UpdateError as error:
            if error.cause_response_code != "ConditionalCheckFailedException":
                raise

    def claim_unsent(self, key: str, now_iso: str, older_than_iso: str) -> QueueMessage | None:
        """The message under `key` if it is still pending since before `older_than_iso` and no one claimed it
        since: claimed now, in one conditional update, so concurrent repeated requests send it once."""
        record = self.t.OutboxRecord
        condition = (record.pending.exists() & (record.created_at < older_than_iso)
                     & (record.claimed_at.does_not_exist() | (record.claimed_at < older_than_iso)))
        item = record(key)
        try:
            self.t.requests.update(item, [record.claimed_at.set(now_iso)], condition)
        except UpdateError as error:
            if error.cause_response_code == "ConditionalCheckFailedException":
                return None
            raise
        return _message(item)


def _message(record: OutboxRecord) -> QueueMessage:
    return QueueMessage(record.message_key, Destination(record.queue), json.loads(record.body))
