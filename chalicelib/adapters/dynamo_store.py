"""The Store on DynamoDB: reads, optimistic enrolment writes, and one transaction per event."""
from datetime import timedelta
from typing import Sequence

from pynamodb.exceptions import DoesNotExist, PutError, TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.adapters import mapping
from chalicelib.adapters.binding import Tables
from chalicelib.adapters.dynamo_close import DynamoClose
from chalicelib.adapters.dynamo_history import DynamoHistory
from chalicelib.adapters.dynamo_inbox import DynamoInbox
from chalicelib.adapters.dynamo_insights import DynamoInsights
from chalicelib.adapters.dynamo_prefetch import DynamoPrefetch
from chalicelib.adapters.dynamo_queries import DynamoInvoices, DynamoQueries
from chalicelib.adapters.dynamo_reads import DynamoReads
from chalicelib.adapters.dynamo_writes import write
from chalicelib.domain.clock import utc_now
from chalicelib.domain.enrollment import Enrollment
from chalicelib.domain.sellers import Seller
from chalicelib.services.changes import Change, QueueMessage
from chalicelib.services.ports import ConditionFailed, StaleWrite

PROCESSED_MARK_TTL = timedelta(days=400)  # longer than any redelivery, replay or re-billing window


class DynamoStore(DynamoClose, DynamoInvoices, DynamoReads, DynamoPrefetch, DynamoQueries, DynamoInbox,
                  DynamoInsights, DynamoHistory):
    def __init__(self, tables: Tables):
        self.t = tables

    def get_seller(self, seller_id: str) -> Seller | None:
        try:
            return mapping.seller_from(self.t.SellerRecord.get(seller_id, consistent_read=True))
        except DoesNotExist:
            return None

    def get_enrollment(self, seller_id: str, marketplace_id: str) -> Enrollment | None:
        try:
            return mapping.enrollment_from(self.t.EnrollmentRecord.get(seller_id, marketplace_id,
                                                                       consistent_read=True))
        except DoesNotExist:
            return None

    def list_enrollments(self, seller_id: str) -> list[Enrollment]:
        records = self.t.EnrollmentRecord.query(seller_id, consistent_read=True)
        return [mapping.enrollment_from(r) for r in records]

    def save_enrollment(self, enrollment: Enrollment) -> Enrollment:
        record = mapping.enrollment_record(self.t, enrollment)
        try:
            record.save()
        except PutError as error:
            if _conditional_failure(error):
                raise StaleWrite(f"enrolment {enrollment.seller_id}/{enrollment.marketplace_id} changed") from None
            raise
        return mapping.enrollment_from(record)

    def commit_event(self, event_id: str, event_type: str, changes: Sequence[Change]) -> bool:
        mark = self._processed_mark(event_id, event_type, changes)
        try:
            self._transact(changes, mark)
        except ConditionFailed as failed:
            if failed.change is None:
                return False
            raise
        return True

    def commit(self, changes: Sequence[Change]) -> None:
        """Apply every change in one transaction, or none; ConditionFailed names the change refused."""
        self._transact(changes, None)

    def _transact(self, changes: Sequence[Change], mark) -> None:
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

    def _processed_mark(self, event_id: str, event_type: str, changes: Sequence[Change]):
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
            return list(self.t.ProcessedEventRecord.get(event_id, consistent_read=True).outbox_keys or [])
        except DoesNotExist:
            return []


def _conditional_failure(error: PutError) -> bool:
    return error.cause_response_code == "ConditionalCheckFailedException"
