"""A Store for the events of one SQS batch: reads served from one read-ahead, writes passed through.

Before the batch, `read_ahead` fetches what its events will read (services/read_ahead.py rehearses their
handlers), in a request per round, two rounds at most. A commit then hands back what it wrote, as the store now
holds it (the new version included), so a later event of the batch reads what an earlier one wrote, and its
optimistic lock checks the right version; an item whose state the store cannot tell (the commit failed, or
changed it in place) is forgotten, and so is every item an event read if it fails: the next event reading one
reads it from the store again. The sent marks of the batch's messages wait for `settle`, one request.

Another process may change an item after the read-ahead. An item an event writes is written under
the version read, so the write is refused (StaleWrite) and the event retried, as without the
read-ahead; an item only read (the enrolment deciding an order's coverage) is as of the batch's
start, earlier than a read of its own by at most the time the batch takes.
"""
import contextlib
from typing import Callable, Collection, Iterable, Iterator, Sequence, TypeVar

from chalicelib.domain.contacts import Contact
from chalicelib.domain.enrollment import Enrollment
from chalicelib.domain.orders import Order
from chalicelib.domain.refunds import Refund
from chalicelib.domain.sellers import Seller
from chalicelib.services import read_ahead
from chalicelib.services.changes import Change, QueueMessage
from chalicelib.services.ports import (CONTACT, ENROLLMENT, NOTE, ORDER, SELLER, UNTOLD, Key, ProductNote, Store,
                                       Written)

ROUNDS = 2  # what the envelopes name, then what depends on it (the notes of the contacts routed to Amazon CS)
T = TypeVar("T")


class BatchStore:
    def __init__(self, store: Store):
        self.store = store
        self._items: dict[Key, object] = {}  # an item, or None: not stored
        self._touched: set[Key] = set()  # by the current event
        self._sent: list[str] = []

    def read_ahead(self, bodies: Sequence[str]) -> int:
        """Fetches what the events in `bodies` will read; returns how many items the store left unanswered."""
        events, asked = read_ahead.parsed(bodies), set[Key]()
        for _ in range(ROUNDS):
            wanted = read_ahead.wanted(events, self._items) - asked
            if not wanted:
                break
            asked |= wanted
            self.prefetch(wanted)
        return len(asked - self._items.keys())

    @contextlib.contextmanager
    def event(self) -> Iterator[None]:
        """Around one event: if it fails, the items it read or wrote are forgotten."""
        self._touched, succeeded = set(), False
        try:
            yield
            succeeded = True
        finally:
            if not succeeded:
                self._forget(self._touched)

    def settle(self) -> list[str]:
        """Marks the messages the batch sent, together; returns the keys left pending (the sweep resends them)."""
        sent, self._sent = list(dict.fromkeys(self._sent)), []
        return self.store.mark_all_sent(sent) if sent else []

    def prefetch(self, keys: Collection[Key]) -> dict[Key, object]:
        missing = set(keys) - self._items.keys()
        if missing:
            self._items.update(self.store.prefetch(missing))
        return {key: self._items[key] for key in keys if key in self._items}

    def get_seller(self, seller_id: str) -> Seller | None:
        return self._read((SELLER, seller_id), Seller, lambda: self.store.get_seller(seller_id))

    def get_enrollment(self, seller_id: str, marketplace_id: str) -> Enrollment | None:
        return self._read((ENROLLMENT, seller_id, marketplace_id), Enrollment,
                          lambda: self.store.get_enrollment(seller_id, marketplace_id))

    def seller_and_enrollment(self, seller_id: str, marketplace_id: str) -> tuple[Seller | None, Enrollment | None]:
        seller, enrollment = (SELLER, seller_id), (ENROLLMENT, seller_id, marketplace_id)
        if not (seller in self._items and enrollment in self._items):
            self._items.update(zip((seller, enrollment), self.store.seller_and_enrollment(seller_id, marketplace_id)))
        return self.get_seller(seller_id), self.get_enrollment(seller_id, marketplace_id)

    def get_order(self, order_id: str) -> Order | None:
        return self._read((ORDER, order_id), Order, lambda: self.store.get_order(order_id))

    def get_contact(self, contact_id: str) -> Contact | None:
        return self._read((CONTACT, contact_id), Contact, lambda: self.store.get_contact(contact_id))

    def support_notes(self, seller_id: str, asins: list[str]) -> list[ProductNote]:
        keys = [(NOTE, seller_id, asin) for asin in dict.fromkeys(asins)]
        if not all(key in self._items for key in keys):
            return self.store.support_notes(seller_id, asins)
        return [{"asin": key[2], "text": str(self._items[key])} for key in keys if self._items[key] is not None]

    def get_refund(self, refund_id: str) -> Refund | None:
        return self.store.get_refund(refund_id)

    def list_enrollments(self, seller_id: str) -> list[Enrollment]:
        return self.store.list_enrollments(seller_id)

    def save_enrollment(self, enrollment: Enrollment) -> Enrollment:
        self._items.clear()  # not on the events' path: the batch reads again what it held
        return self.store.save_enrollment(enrollment)

    def commit(self, changes: Sequence[Change]) -> None:
        self._items.clear()  # not on the events' path: the batch reads again what it held
        self.store.commit(changes)

    def commit_event(self, event_id: str, event_type: str, changes: Sequence[Change]) -> bool:
        """The store's commit; the items it wrote are held as the store says it now holds them (forgotten if it
        cannot tell: the commit failed, or changed an item in place)."""
        written: Written = {}
        try:
            return self.store.commit_event(event_id, event_type, changes, written)
        finally:
            self._touched.update(written)
            self._forget(key for key, item in written.items() if item is UNTOLD)
            self._items.update((key, item) for key, item in written.items() if item is not UNTOLD)

    def was_processed(self, event_id: str) -> bool:
        return self.store.was_processed(event_id)

    def outbox_keys_of(self, event_id: str) -> list[str]:
        return self.store.outbox_keys_of(event_id)

    def pending_messages(self, keys: list[str]) -> list[QueueMessage]:
        sent = set(self._sent)
        return self.store.pending_messages([key for key in keys if key not in sent])

    def mark_sent(self, key: str) -> None:
        self._sent.append(key)

    def claim(self, key: str, now_iso: str, until_iso: str) -> bool:
        return self.store.claim(key, now_iso, until_iso)

    def release(self, key: str) -> None:
        self.store.release(key)

    def mark_all_sent(self, keys: Sequence[str]) -> list[str]:
        self._sent.extend(keys)
        return []

    def _read(self, key: Key, kind: type[T], fetch: Callable[[], T | None]) -> T | None:
        self._touched.add(key)
        if key not in self._items:
            self._items[key] = fetch()
        item = self._items[key]
        return item if isinstance(item, kind) else None

    def _forget(self, keys: Iterable[Key]) -> None:
        for key in list(keys):
            self._items.pop(key, None)
