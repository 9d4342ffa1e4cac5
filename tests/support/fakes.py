"""In-memory Store and Publisher with the same contract as DynamoStore (versions, all-or-nothing events)."""
import copy
from dataclasses import replace

from chalicelib.domain.clock import to_wire, utc_now
from chalicelib.services.changes import (AddToCounters, AddToWeekCounters, CreateEnrollment, CreateOrder, QueueMessage,
                                         SaveContact,
                                         SaveSeller, ShipUnits)
from chalicelib.services.outbox import CLAIM_LEASE
from chalicelib.services.ports import CONTACT, ENROLLMENT, NOTE, ORDER, SELLER, ConditionFailed, StaleWrite


class InMemoryStore:
    def __init__(self):
        self.sellers, self.enrollments, self.orders, self.contacts = {}, {}, {}, {}
        self.counters, self.notes, self.outbox, self.processed = {}, {}, {}, {}
        self.week_counters = {}
        self.claims = {}  # outbox key -> claimed until (ISO)

    def get_seller(self, seller_id):
        return self.sellers.get(seller_id)

    def get_enrollment(self, seller_id, marketplace_id):
        return self.enrollments.get((seller_id, marketplace_id))

    def list_enrollments(self, seller_id):
        return [e for (s, _), e in self.enrollments.items() if s == seller_id]

    def seller_and_enrollment(self, seller_id, marketplace_id):
        return self.get_seller(seller_id), self.get_enrollment(seller_id, marketplace_id)

    def get_order(self, order_id):
        return self.orders.get(order_id)

    def get_contact(self, contact_id):
        return self.contacts.get(contact_id)

    def support_notes(self, seller_id, asins):
        return [{"asin": a, "text": self.notes[(seller_id, a)]} for a in dict.fromkeys(asins)
                if (seller_id, a) in self.notes]

    def save_support_note(self, seller_id, asin, text, updated_at):
        self.notes[(seller_id, asin)] = text

    def save_enrollment(self, enrollment):
        return self._versioned(self.enrollments, (enrollment.seller_id, enrollment.marketplace_id), enrollment)

    def commit_event(self, event_id, event_type, changes):
        if event_id in self.processed:
            return False
        self.commit(changes)
        self.processed[event_id] = [c.key for c in changes if isinstance(c, QueueMessage)]
        return True

    def commit(self, changes):
        tables = ("sellers", "enrollments", "orders", "contacts", "counters", "week_counters", "outbox")
        snapshot = {name: copy.deepcopy(getattr(self, name)) for name in tables}
        try:
            for change in changes:
                self._apply(change)
        except StaleWrite:
            for name, value in snapshot.items():
                setattr(self, name, value)
            raise

    def was_processed(self, event_id):
        return event_id in self.processed

    def outbox_keys_of(self, event_id):
        return self.processed.get(event_id, [])

    def pending_messages(self, keys):
        return [self.outbox[k][0] for k in keys if k in self.outbox and self.outbox[k][1]]

    def mark_sent(self, key):
        self.outbox.pop(key, None)

    def claim(self, key, now_iso, until_iso):
        if key not in self.outbox or self.claims.get(key, "") >= now_iso:
            return False
        self.claims[key] = until_iso
        return True

    def release(self, key):
        self.claims.pop(key, None)

    def mark_all_sent(self, keys):
        for key in keys:
            self.mark_sent(key)
        return []

    def prefetch(self, keys):
        tables = {SELLER: self.sellers, ENROLLMENT: self.enrollments, ORDER: self.orders, CONTACT: self.contacts,
                  NOTE: self.notes}
        return {key: tables[key[0]].get(key[1] if len(key) == 2 else key[1:]) for key in keys}

    def _apply(self, change):
        try:
            self._write(change)
        except StaleWrite:
            raise ConditionFailed(change) from None

    def _write(self, change):
        if isinstance(change, SaveSeller):
            self._versioned(self.sellers, change.seller.seller_id, change.seller)
        elif isinstance(change, CreateEnrollment):
            self.save_enrollment(change.enrollment)
        elif isinstance(change, CreateOrder):
            self._create(self.orders, change.order.order_id, change.order)
        elif isinstance(change, ShipUnits):
            stored = self.orders[change.order.order_id]
            if stored.shipped_units + change.units > stored.units:
                raise StaleWrite(change.order.order_id)
            self.orders[change.order.order_id] = replace(stored, shipped_units=stored.shipped_units + change.units)
        elif isinstance(change, SaveContact):
            self._versioned(self.contacts, change.contact.contact_id, change.contact)
        elif isinstance(change, AddToCounters):
            month = self.counters.setdefault((change.seller_id, change.marketplace_id, change.month), {})
            for name, delta in change.deltas:
                month[name] = month.get(name, 0) + delta
        elif isinstance(change, AddToWeekCounters):
            week = self.week_counters.setdefault((change.seller_id, change.marketplace_id, change.week), {})
            for name, delta in change.deltas:
                week[name] = week.get(name, 0) + delta
        elif isinstance(change, QueueMessage):
            self._create(self.outbox, change.key, (change, True))
            self.claims[change.key] = to_wire(utc_now() + CLAIM_LEASE)  # the committer's, as DynamoStore's
        else:
            raise TypeError(change)

    @staticmethod
    def _create(table, key, value):
        if key in table:
            raise StaleWrite(str(key))
        table[key] = value

    @staticmethod
    def _versioned(table, key, value):
        stored = table.get(key)
        if (stored.version if stored else None) != value.version:
            raise StaleWrite(str(key))
        table[key] = replace(value, version=(value.version or 0) + 1)
        return table[key]


class RecordingPublisher:
    def __init__(self):
        self.sent = []

    def send(self, queue, body, idempotency_key):
        self.sent.append((queue, body, idempotency_key))
