"""Reads of orders, contacts, support notes and the outbox, its claims and the sent mark (a mixin of DynamoStore)."""
import json

from pynamodb.exceptions import DoesNotExist, UpdateError

from chalicelib.adapters import mapping, shards
from chalicelib.services.changes import QueueMessage
from chalicelib.services.ports import ENROLLMENT, SELLER, ProductNote


class DynamoReads:
    def seller_and_enrollment(self, seller_id: str, marketplace_id: str):
        """The seller and its enrolment in one marketplace, in one request (either may be None)."""
        seller, enrollment = (SELLER, seller_id), (ENROLLMENT, seller_id, marketplace_id)
        found = self.prefetch([seller, enrollment])
        return (found[seller] if seller in found else self.get_seller(seller_id),
                found[enrollment] if enrollment in found else self.get_enrollment(seller_id, marketplace_id))

    def get_order(self, order_id: str):
        try:
            return mapping.order_from(self.t.OrderRecord.get(order_id, consistent_read=True))
        except DoesNotExist:
            return None

    def get_contact(self, contact_id: str):
        try:
            return mapping.contact_from(self.t.ContactRecord.get(contact_id, consistent_read=True))
        except DoesNotExist:
            return None

    def support_notes(self, seller_id: str, asins: list[str]) -> list[ProductNote]:
        """The seller's notes for these ASINs, in the order given; ASINs without notes are left out."""
        keys = [(seller_id, asin) for asin in dict.fromkeys(asins)]
        found = {r.asin: r for r in self.t.SupportNoteRecord.batch_get(keys)} if keys else {}
        return [{"asin": asin, "text": found[asin].text} for _, asin in keys if asin in found]

    def get_refund(self, refund_id: str):
        try:
            return mapping.refund_from(self.t.RefundRecord.get(refund_id, consistent_read=True))
        except DoesNotExist:
            return None

    def refunds_of_contact(self, contact_id: str) -> list:
        return [mapping.refund_from(r) for r in self.t.RefundRecord.by_contact.query(contact_id)]

    def pending_messages(self, keys: list[str]) -> list[QueueMessage]:
        records = self.t.OutboxRecord.batch_get(keys) if keys else []
        return [_message(r) for r in records if r.pending]

    def stale_pending_messages(self, older_than_iso: str) -> list[QueueMessage]:
        record = self.t.OutboxRecord
        queries = [record.pending_index.query(str(shard), record.created_at < older_than_iso)
                   for shard in range(shards.PENDING_SHARDS)]
        return [_message(r) for r in shards.merged(queries, record, key=lambda r: r.created_at)]

    def mark_sent(self, key: str) -> None:
        self.t.OutboxRecord(key).delete()

    def claim(self, key: str, now_iso: str, until_iso: str) -> bool:
        """Take a pending message for sending until `until_iso`, unless sent or claimed by another until after now."""
        record, claimed = self.t.OutboxRecord, self.t.OutboxRecord.claimed_until
        try:
            record(key).update(actions=[claimed.set(until_iso)],
                               condition=record.message_key.exists() & (claimed.does_not_exist() | (claimed < now_iso)))
        except UpdateError as error:
            if error.cause_response_code == "ConditionalCheckFailedException":
                return False
            raise
        return True

    def release(self, key: str) -> None:
        """Give up a claim (the send failed): the next sender need not wait for the lease to end."""
        record = self.t.OutboxRecord
        try:
            record(key).update(actions=[record.claimed_until.remove()], condition=record.message_key.exists())
        except UpdateError as error:
            if error.cause_response_code != "ConditionalCheckFailedException":
                raise

    def overdue_contacts(self, at_iso: str) -> list[str]:
        """Ids of CSBA contacts still awaiting a first response whose respond_by is before `at`."""
        record = self.t.ContactRecord
        queries = [record.awaiting.query(str(shard), record.respond_by < at_iso)
                   for shard in range(shards.AWAITING_SHARDS)]
        return [r.contact_id for r in shards.merged(queries, record, key=lambda r: r.respond_by)]


def _message(record) -> QueueMessage:
    return QueueMessage(record.message_key, record.queue, json.loads(record.body))
