"""In-memory store and publisher with the same contract as DynamoStore (versions, all-or-nothing commits):
the whole store port (services/app_store.AppStore), run by the contract tests beside DynamoDB's."""
import copy
from typing import Any, Collection, Sequence

from chalicelib.domain.contacts import Contact
from chalicelib.domain.enrollment import Enrollment
from chalicelib.domain.orders import Order
from chalicelib.domain.refunds import Refund
from chalicelib.domain.sellers import Seller
from chalicelib.services.changes import Change, QueueMessage
from chalicelib.services.ports import CONTACT, ENROLLMENT, NOTE, ORDER, SELLER, UNTOLD, ConditionFailed, Key, \
    ProductNote, StaleWrite, Written
from tests.support import fake_writes
from tests.support.fake_months import MonthTables
from tests.support.fake_queries import CaseQueries

TABLES = ("sellers", "enrollments", "orders", "contacts", "counters", "weekly", "outbox", "refunds", "invoices",
          "replies")


class InMemoryStore(CaseQueries, MonthTables):
    def __init__(self) -> None:
        self.sellers: dict[str, Seller] = {}
        self.enrollments: dict[tuple[str, str], Enrollment] = {}
        self.orders: dict[str, Order] = {}
        self.contacts: dict[str, Contact] = {}
        self.refunds: dict[str, Refund] = {}
        self.counters, self.weekly, self.notes = {}, {}, {}
        self.processed: dict[str, list[str]] = {}  # event id -> the keys of the messages it queued
        self.outbox: dict[str, tuple[QueueMessage, str]] = {}  # pending messages: key -> (message, created_at)
        self.claims: dict[str, str] = {}  # outbox key -> claimed until (ISO)
        self.claimed_at: dict[str, str] = {}  # outbox key -> taken over by a repeated request at (ISO)
        self.replies, self.invoices, self.snapshots, self.market_stats = {}, {}, {}, {}
        self.insight_parts, self.insight_stats = {}, {}

    def get_seller(self, seller_id: str) -> Seller | None:
        return self.sellers.get(seller_id)

    def get_enrollment(self, seller_id: str, marketplace_id: str) -> Enrollment | None:
        return self.enrollments.get((seller_id, marketplace_id))

    def list_enrollments(self, seller_id: str) -> list[Enrollment]:
        return [e for (s, _), e in sorted(self.enrollments.items()) if s == seller_id]

    def seller_and_enrollment(self, seller_id: str, marketplace_id: str) -> tuple[Seller | None, Enrollment | None]:
        return self.get_seller(seller_id), self.get_enrollment(seller_id, marketplace_id)

    def get_order(self, order_id: str) -> Order | None:
        return self.orders.get(order_id)

    def get_contact(self, contact_id: str) -> Contact | None:
        return self.contacts.get(contact_id)

    def get_refund(self, refund_id: str) -> Refund | None:
        return self.refunds.get(refund_id)

    def support_notes(self, seller_id: str, asins: list[str]) -> list[ProductNote]:
        return [{"asin": a, "text": self.notes[(seller_id, a)]} for a in dict.fromkeys(asins)
                if (seller_id, a) in self.notes]

    def save_enrollment(self, enrollment: Enrollment) -> Enrollment:
        key = (enrollment.seller_id, enrollment.marketplace_id)
        return fake_writes.versioned(self.enrollments, key, enrollment)

    def commit_event(self, event_id: str, event_type: str, changes: Sequence[Change],
                     written: Written | None = None) -> bool:
        try:
            self._commit_telling([event_id], changes, written)
        except ConditionFailed as failed:
            if failed.change is None:
                return False
            raise
        self.processed[event_id] = [c.key for c in changes if isinstance(c, QueueMessage)]
        return True

    def commit_events(self, events: Sequence[tuple[str, str]], changes: Sequence[Change],
                      written: Written | None = None) -> None:
        try:
            self._commit_telling([event_id for event_id, _ in events], changes, written)
        except StaleWrite:
            raise ConditionFailed(None) from None
        self.processed.update((event_id, []) for event_id, _ in events)

    def written_by(self, changes: Sequence[Change]) -> Written:
        """As DynamoStore's: an item saved whole as the change states it, one changed in place UNTOLD."""
        return {key: item for change in changes for key, item in fake_writes.stated(change)}

    def _commit_telling(self, event_ids: list[str], changes: Sequence[Change], written: Written | None) -> None:
        """Commits `changes` unless one of the events was processed (ConditionFailed(None)), telling `written` the
        items written: UNTOLD until the commit is known, then as now held, as DynamoStore's transaction does."""
        keys = list(self.written_by(changes))
        written = {} if written is None else written
        written.update(dict.fromkeys(keys, UNTOLD))
        if any(event_id in self.processed for event_id in event_ids):
            raise ConditionFailed(None)
        self.commit(changes)
        written.update(self._held(keys))

    def commit(self, changes: Sequence[Change]) -> None:
        snapshot = {name: copy.deepcopy(getattr(self, name)) for name in TABLES}
        try:
            for change in changes:
                self._apply(change)
        except StaleWrite:
            for name, value in snapshot.items():
                setattr(self, name, value)
            raise

    def _apply(self, change: Change) -> None:
        try:
            fake_writes.write(self, change)
        except StaleWrite:
            raise ConditionFailed(change) from None

    def was_processed(self, event_id: str) -> bool:
        return event_id in self.processed

    def outbox_keys_of(self, event_id: str) -> list[str]:
        return self.processed.get(event_id, [])

    def pending_messages(self, keys: list[str]) -> list[QueueMessage]:
        return [self.outbox[k][0] for k in keys if k in self.outbox]

    def mark_sent(self, key: str) -> None:
        self.outbox.pop(key, None)

    def claim(self, key: str, now_iso: str, until_iso: str) -> bool:
        if key not in self.outbox or self.claims.get(key, "") >= now_iso:
            return False
        self.claims[key] = until_iso
        return True

    def release(self, key: str) -> None:
        self.claims.pop(key, None)

    def mark_all_sent(self, keys: Sequence[str]) -> list[str]:
        for key in keys:
            self.mark_sent(key)
        return []

    def prefetch(self, keys: Collection[Key]) -> dict:
        return self._held(keys)

    def _held(self, keys: Collection[Key]) -> dict:
        tables: dict[str, dict[Any, Any]] = {SELLER: self.sellers, ENROLLMENT: self.enrollments, ORDER: self.orders,
                                             CONTACT: self.contacts, NOTE: self.notes}
        return {key: tables[key[0]].get(key[1] if len(key) == 2 else key[1:]) for key in keys}


class RecordingPublisher:
    def __init__(self) -> None:
        self.sent: list[tuple[str, dict, str]] = []

    def send(self, queue: str, body: dict, idempotency_key: str) -> None:
        self.sent.append((queue, body, idempotency_key))
