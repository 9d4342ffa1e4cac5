"""Transactions on DynamoDB: each event's changes with its processed mark, or a service's changes, all or none."""
from datetime import timedelta
from typing import Sequence

from pynamodb.exceptions import TransactWriteError
from pynamodb.expressions.condition import Condition
from pynamodb.expressions.update import Action
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.binding import Tables
from chalicelib.adapters.dynamo_prefetch import held
from chalicelib.adapters.dynamo_writes import write
from chalicelib.domain.clock import utc_now
from chalicelib.services.changes import AddToCounters, AddToWeekCounters, Change, QueueMessage
from chalicelib.services.ports import ConditionFailed, Written

PROCESSED_MARK_TTL = timedelta(days=400)  # longer than any redelivery, replay or re-billing window
# Counter adds write no item an event reads (`write` returns None for them), and their records, a number per counter,
# are the costliest to build: written_by leaves them out (most of its CPU in a first batch; bench figure 1).
COUNTER_ADDS = (AddToCounters, AddToWeekCounters)


class _Unsent(TransactWrite):
    """A transaction that takes items and keeps none: `write` on it tells what each change writes, for nothing."""

    def save(self, model: Model, condition: Condition | None = None, return_values: str | None = None) -> None:
        pass

    def update(self, model: Model, actions: list[Action], condition: Condition | None = None,
               return_values: str | None = None, *, add_version_condition: bool = True) -> None:
        pass


class Transactions:
    def __init__(self, tables: Tables):
        self.t = tables

    def commit_event(self, event_id: str, event_type: str, changes: Sequence[Change],
                     written: Written | None = None) -> bool:
        """Apply every change and mark the event processed, atomically; False if already processed. `written`
        learns what it wrote of the items events read (services/ports.Store.commit_event)."""
        mark = self._processed_mark(event_id, event_type, changes)
        try:
            self._transact(changes, [mark], {} if written is None else written)
        except ConditionFailed as failed:
            if failed.change is None:
                return False
            raise
        return True

    def commit_events(self, events: Sequence[tuple[str, str]], changes: Sequence[Change],
                      written: Written | None = None) -> None:
        """Marks every (event_id, event_type) processed and applies `changes`, in one transaction; ConditionFailed
        if DynamoDB refuses it for any reason (services/open_transaction.py commits the events one by one then).
        `written` learns what it wrote, as commit_event's."""
        marks = [self._processed_mark(event_id, event_type, []) for event_id, event_type in events]
        try:
            self._transact(changes, marks, {} if written is None else written)
        except (TransactWriteError, ConditionFailed):
            raise ConditionFailed(None) from None

    def written_by(self, changes: Sequence[Change]) -> Written:
        """What `changes` would write of the items events read, as they state them: their records, built as a
        transaction builds them, in a transaction never sent (services/ports.GroupedStore.written_by)."""
        unsent = _Unsent(connection=self.t.connection)
        writing = [change for change in changes if not isinstance(change, COUNTER_ADDS)]
        return dict(held(self.t, [record for change in writing if (record := write(unsent, self.t, change))],
                         committed=True))

    def commit(self, changes: Sequence[Change]) -> None:
        """Apply every change in one transaction, or none; ConditionFailed names the change refused."""
        self._transact(changes, [], {})

    def _transact(self, changes: Sequence[Change], marks: Sequence[Model], written: Written) -> None:
        """Writes the marks and the changes in one transaction, noting in `written` what it writes of the items events
        read: UNTOLD until the commit is confirmed, then each record as now stored (its version set by the commit)."""
        try:
            with TransactWrite(connection=self.t.connection) as tx:
                for mark in marks:
                    tx.save(mark, condition=self.t.ProcessedEventRecord.event_id.does_not_exist())
                records = [record for record in (write(tx, self.t, change) for change in changes) if record]
                written.update(held(self.t, records, committed=False))
        except TransactWriteError as error:
            reasons = [r.code if r else None for r in (error.cancellation_reasons or [])]
            if "ConditionalCheckFailed" not in reasons:
                raise
            index = reasons.index("ConditionalCheckFailed") - len(marks)
            raise ConditionFailed(None if index < 0 else changes[index]) from None
        written.update(held(self.t, records, committed=True))

    def _processed_mark(self, event_id: str, event_type: str, changes: Sequence[Change]) -> Model:
        now = utc_now()
        keys = [c.key for c in changes if isinstance(c, QueueMessage)]
        return self.t.ProcessedEventRecord(event_id, event_type=event_type, processed_at=now, outbox_keys=keys,
                                           expires_at=int((now + PROCESSED_MARK_TTL).timestamp()))

    def was_processed(self, event_id: str) -> bool:
        return self.t.requests.get(self.t.ProcessedEventRecord, event_id, consistent_read=True) is not None

    def outbox_keys_of(self, event_id: str) -> list[str]:
        """The messages a processed event queued (to resend if the send after its commit was lost)."""
        mark = self.t.requests.get(self.t.ProcessedEventRecord, event_id, consistent_read=True)
        return [] if mark is None else [str(key) for key in mark.outbox_keys or []]
