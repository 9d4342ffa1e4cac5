"""Transactions on DynamoDB: each event's changes with its processed mark, or a service's changes, all or none."""
from datetime import timedelta
from typing import Sequence

from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.binding import Tables
from chalicelib.adapters.dynamo_writes import write
from chalicelib.domain.clock import utc_now
from chalicelib.services.changes import Change, QueueMessage
from chalicelib.services.ports import ConditionFailed

PROCESSED_MARK_TTL = timedelta(days=400)  # longer than any redelivery, replay or re-billing window


class Transactions:
    def __init__(self, tables: Tables):
        self.t = tables

    def commit_event(self, event_id: str, event_type: str, changes: Sequence[Change]) -> bool:
        """Apply every change and mark the event processed, atomically; False if already processed."""
        mark = self._processed_mark(event_id, event_type, changes)
        try:
            self._transact(changes, mark)
        except ConditionFailed as failed:
            if failed.change is None:
                return False
            raise
        return True

    def commit_events(self, events: Sequence[tuple[str, str]], changes: Sequence[Change]) -> None:
        """Marks every (event_id, event_type) processed and applies `changes`, in one transaction; ConditionFailed
        if DynamoDB refuses it for any reason (services/open_transaction.py commits the events one by one then)."""
        marks = [self._processed_mark(event_id, event_type, []) for event_id, event_type in events]
        try:
            with TransactWrite(connection=self.t.connection) as tx:
                for mark in marks:
                    tx.save(mark, condition=self.t.ProcessedEventRecord.event_id.does_not_exist())
                for change in changes:
                    write(tx, self.t, change)
        except TransactWriteError:
            raise ConditionFailed(None) from None

    def commit(self, changes: Sequence[Change]) -> None:
        """Apply every change in one transaction, or none; ConditionFailed names the change refused."""
        self._transact(changes, None)

    def _transact(self, changes: Sequence[Change], mark: Model | None) -> None:
        try:
            with TransactWrite(connection=self.t.connection) as tx:
                if mark is not None:
                    tx.save(mark, condition=self.t.ProcessedEventRecord.event_id.does_not_exist())
                for change in changes:
                    write(tx, self.t, change)
        except TransactWriteError as error:
            reasons = [r.code if r else None for r in (error.cancellation_reasons or [])]
            if "ConditionalCheckFailed" not in reasons:
                raise
            index = reasons.index("ConditionalCheckFailed") - (mark is not None)
            raise ConditionFailed(None if index < 0 else changes[index]) from None

    def _processed_mark(self, event_id: str, event_type: str, changes: Sequence[Change]) -> Model:
        now = utc_now()
        keys = [c.key for c in changes if isinstance(c, QueueMessage)]
        return self.t.ProcessedEventRecord(event_id, event_type=event_type, processed_at=now, outbox_keys=keys,
                                           expires_at=int((now + PROCESSED_MARK_TTL).timestamp()))

    def was_processed(self, event_id: str) -> bool:
        try:
            self.t.ProcessedEventRecord.get(event_id, consistent_read=True)
        except DoesNotExist:
            return False
        return True

    def outbox_keys_of(self, event_id: str) -> list[str]:
        """The messages a processed event queued (to resend if the send after its commit was lost)."""
        try:
            mark = self.t.ProcessedEventRecord.get(event_id, consistent_read=True)
        except DoesNotExist:
            return []
        return [str(key) for key in mark.outbox_keys or []]
