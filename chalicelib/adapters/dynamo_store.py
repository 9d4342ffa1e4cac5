"""The case store port (services/ports.CaseStore: what events and the HTTP side of contacts, orders, refunds and
the outbox read and write) on DynamoDB: one repository per aggregate, built here from the tables of one
configuration, each method handed to the repository that owns it. The whole port, with the month store, is
adapters/dynamo_app_store.py; the marketplace events consumer takes this one alone, so its cold start does not
import the close, invoices and insights (bench figure 1)."""
from datetime import datetime
from typing import Collection, Sequence

from chalicelib.adapters.binding import Tables
from chalicelib.adapters.dynamo_contacts import ContactRepository, NoteRepository, ReplyRepository
from chalicelib.adapters.dynamo_events import Transactions
from chalicelib.adapters.dynamo_orders import OrderRepository, RefundRepository
from chalicelib.adapters.dynamo_outbox import OutboxRepository
from chalicelib.adapters.dynamo_prefetch import DynamoPrefetch
from chalicelib.adapters.dynamo_sellers import SellerRepository
from chalicelib.domain.contacts import Contact
from chalicelib.domain.enrollment import Enrollment
from chalicelib.domain.orders import Order
from chalicelib.domain.refunds import Refund
from chalicelib.domain.replies import Reply
from chalicelib.domain.sellers import Seller
from chalicelib.services.changes import Change, QueueMessage
from chalicelib.services.ports import ENROLLMENT, SELLER, Item, Key, Position, ProductNote, Written


class DynamoStore:
    def __init__(self, tables: Tables):
        self.t = tables  # the bound records (tests read the tables through them)
        self.sellers, self.transactions = SellerRepository(tables), Transactions(tables)
        self.orders, self.refunds = OrderRepository(tables), RefundRepository(tables)
        self.contacts, self.notes = ContactRepository(tables), NoteRepository(tables)
        self.replies = ReplyRepository(tables)
        self.outbox, self.batches = OutboxRepository(tables), DynamoPrefetch(tables)

    def seller_and_enrollment(self, seller_id: str, marketplace_id: str) -> tuple[Seller | None, Enrollment | None]:
        """The seller and its enrolment in one marketplace, in one request (either may be None)."""
        seller, enrollment = (SELLER, seller_id), (ENROLLMENT, seller_id, marketplace_id)
        found = self.batches.prefetch([seller, enrollment])
        held_seller = found[seller] if seller in found else self.get_seller(seller_id)
        held_enrollment = found[enrollment] if enrollment in found else self.get_enrollment(seller_id, marketplace_id)
        return (held_seller if isinstance(held_seller, Seller) else None,
                held_enrollment if isinstance(held_enrollment, Enrollment) else None)

    def get_seller(self, seller_id: str) -> Seller | None:
        return self.sellers.get_seller(seller_id)

    def get_enrollment(self, seller_id: str, marketplace_id: str) -> Enrollment | None:
        return self.sellers.get_enrollment(seller_id, marketplace_id)

    def list_enrollments(self, seller_id: str) -> list[Enrollment]:
        return self.sellers.list_enrollments(seller_id)

    def save_enrollment(self, enrollment: Enrollment) -> Enrollment:
        return self.sellers.save_enrollment(enrollment)

    def get_order(self, order_id: str) -> Order | None:
        return self.orders.get_order(order_id)

    def get_refund(self, refund_id: str) -> Refund | None:
        return self.refunds.get_refund(refund_id)

    def refunds_of_contact(self, contact_id: str) -> list[Refund]:
        return self.refunds.refunds_of_contact(contact_id)

    def get_contact(self, contact_id: str) -> Contact | None:
        return self.contacts.get_contact(contact_id)

    def csba_contacts(self, seller_id: str, marketplace_id: str | None, status: str | None, limit: int,
                      after: Position | None) -> tuple[list[Contact], Position | None]:
        return self.contacts.csba_contacts(seller_id, marketplace_id, status, limit, after)

    def inbox_contacts(self, seller_id: str, marketplace_id: str | None, status: str | None, limit: int,
                       after: Position | None) -> tuple[list[Contact], Position | None]:
        return self.contacts.inbox_contacts(seller_id, marketplace_id, status, limit, after)

    def overdue_contacts(self, at_iso: str) -> list[str]:
        return self.contacts.overdue_contacts(at_iso)

    def support_notes(self, seller_id: str, asins: list[str]) -> list[ProductNote]:
        return self.notes.support_notes(seller_id, asins)

    def save_support_note(self, seller_id: str, asin: str, text: str, updated_at: datetime) -> None:
        self.notes.save_support_note(seller_id, asin, text, updated_at)

    def get_reply(self, reply_id: str) -> Reply | None:
        return self.replies.get_reply(reply_id)

    def pending_messages(self, keys: list[str]) -> list[QueueMessage]:
        return self.outbox.pending_messages(keys)

    def stale_pending_messages(self, older_than_iso: str) -> list[QueueMessage]:
        return self.outbox.stale_pending_messages(older_than_iso)

    def mark_sent(self, key: str) -> None:
        self.outbox.mark_sent(key)

    def claim(self, key: str, now_iso: str, until_iso: str) -> bool:
        return self.outbox.claim(key, now_iso, until_iso)

    def release(self, key: str) -> None:
        self.outbox.release(key)

    def claim_unsent(self, key: str, now_iso: str, older_than_iso: str) -> QueueMessage | None:
        return self.outbox.claim_unsent(key, now_iso, older_than_iso)

    def prefetch(self, keys: Collection[Key]) -> dict[Key, Item]:
        return self.batches.prefetch(keys)

    def mark_all_sent(self, keys: Sequence[str]) -> list[str]:
        return self.batches.mark_all_sent(keys)

    def commit_event(self, event_id: str, event_type: str, changes: Sequence[Change],
                     written: Written | None = None) -> bool:
        return self.transactions.commit_event(event_id, event_type, changes, written)

    def commit_events(self, events: Sequence[tuple[str, str]], changes: Sequence[Change]) -> None:
        self.transactions.commit_events(events, changes)

    def commit(self, changes: Sequence[Change]) -> None:
        self.transactions.commit(changes)

    def was_processed(self, event_id: str) -> bool:
        return self.transactions.was_processed(event_id)

    def outbox_keys_of(self, event_id: str) -> list[str]:
        return self.transactions.outbox_keys_of(event_id)
