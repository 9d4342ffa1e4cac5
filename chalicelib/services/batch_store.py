"""A Store for the events of one SQS batch: reads served from one read-ahead, writes passed through.

Before the batch, `read_ahead` fetches what its events will read in two requests at most. A commit
then overwrites the items it wrote with what the store now holds (the new version included), so a
later event of the batch reads what an earlier one wrote, and its optimistic lock checks the right
version. An event that fails forgets every item it read or wrote: the next event reading one reads
it from the store again. The sent marks of the batch's messages wait for `settle`, one request.

Another process may change an item after the read-ahead. An item an event writes is written under
the version read, so the write is refused (StaleWrite) and the event retried, as without the
read-ahead; an item only read (the enrolment deciding an order's coverage) is as of the batch's
start, earlier than a read of its own by at most the time the batch takes.

Made `grouped`, it keeps the commits of consecutive events open and sends them as one transaction
(services/open_transaction.py): `commit_open` commits them; a read of what an open commit may have changed
that the read-ahead does not hold, or an event that cannot join, raises FlushFirst.
"""
import contextlib
from dataclasses import replace
from enum import Enum
from typing import Callable, Collection, Iterable, Iterator, Sequence, TypeVar

from chalicelib.domain.contacts import Contact
from chalicelib.domain.enrollment import Enrollment
from chalicelib.domain.orders import Order
from chalicelib.domain.refunds import Refund
from chalicelib.domain.sellers import Seller
from chalicelib.services import read_ahead
from chalicelib.services.open_transaction import FlushFirst, OpenTransaction
from chalicelib.services.inbound_events import Event
from chalicelib.services.changes import (Change, CreateEnrollment, CreateOrder, QueueMessage, ReserveRefundable,
                                         SaveContact, SaveSeller, ShipUnits)
from chalicelib.services.ports import (CONTACT, ENROLLMENT, NOTE, ORDER, SELLER, UNTOLD, ConditionFailed,
                                      GroupedStore, Item, Key, ProductNote, Untold, Written)


class _Forget(Enum):
    FORGET = "forget"


FORGET = _Forget.FORGET  # what a change leaves of an item it changes without the store telling the result
Held = TypeVar("Held", Seller, Enrollment, Order, Contact)
Versioned = TypeVar("Versioned", Seller, Enrollment, Contact)
Result = TypeVar("Result")
ROUNDS = 2  # what the envelopes name, then what depends on it (the notes of the contacts routed to Amazon CS)


class BatchStore:
    def __init__(self, store: GroupedStore, grouped: bool = False) -> None:
        self.store = store
        self._items: dict[Key, Item] = {}  # an item, or None: not stored
        self._touched: set[Key] = set()  # by the current event
        self._sent: list[str] = []
        self._open = OpenTransaction() if grouped else None
        self._before_open: dict[Key, Item | _Forget] = {}  # items the open transaction writes, as held before it
        self._refused: set[Key] = set()  # items a refused transaction wrote: forgotten once its events ran alone

    def read_ahead(self, events: Sequence[Event]) -> int:
        """Fetches what the parsed `events` will read (read_ahead.py rehearses their handlers), in a request per
        round; returns how many items the store left unanswered."""
        asked = set[Key]()
        for _ in range(ROUNDS):
            wanted = read_ahead.wanted(events, self._items) - asked
            if not wanted:
                break
            asked |= wanted
            self.prefetch(wanted)
        return len(asked - self._items.keys())

    @contextlib.contextmanager
    def event(self) -> Iterator[None]:
        """Around one event: if it fails, the items it read or wrote are forgotten (not when it waits for FlushFirst:
        it wrote nothing, and what it read is what the open transaction commits)."""
        self._touched, succeeded = set(), False
        try:
            yield
            succeeded = True
        except FlushFirst:
            succeeded = True
            raise
        finally:
            if not succeeded:
                self._forget(self._touched)

    @property
    def open_events(self) -> int:
        """How many events' commits the open transaction holds."""
        return len(self._open.events) if self._open else 0

    def commit_open(self) -> bool:
        """Commits the open transaction's events; False if it was refused: the items they wrote are held as before
        them, and each event is to be processed again on its own (`alone`), as if the others had not been.

        Refused may still mean applied (an answer lost on the way back): the events then find their marks and are
        duplicates, and what they wrote is forgotten after them, so that later events read it from the table."""
        if not self._open:
            return True
        opened, self._open = self._open, OpenTransaction()
        before, self._before_open = self._before_open, {}
        try:
            self.store.commit_events(opened.events, opened.changes())
        except ConditionFailed:
            self._forget(before)
            self._items.update((key, item) for key, item in before.items() if item is not FORGET)
            self._refused = set(before)
            return False
        except BaseException:  # no answer: applied or not, what the events wrote is read again from the table
            self._forget(before)
            raise
        return True

    @contextlib.contextmanager
    def alone(self) -> Iterator[None]:
        """Within: every commit is made at once, on its own."""
        opened, self._open = self._open, None
        try:
            yield
        finally:
            self._open = opened
            self._forget(self._refused)
            self._refused = set()

    def settle(self) -> list[str]:
        """Marks the messages the batch sent, together; returns the keys left pending (the sweep resends them)."""
        sent, self._sent = list(dict.fromkeys(self._sent)), []
        return self.store.mark_all_sent(sent) if sent else []

    def prefetch(self, keys: Collection[Key]) -> dict[Key, Item]:
        missing = set(keys) - self._items.keys()
        if missing:
            self._items.update(self.store.prefetch(missing))
        return {key: self._items[key] for key in keys if key in self._items}

    def get_seller(self, seller_id: str) -> Seller | None:
        return self._read((SELLER, seller_id), self.store.get_seller, Seller)

    def get_enrollment(self, seller_id: str, marketplace_id: str) -> Enrollment | None:
        return self._read((ENROLLMENT, seller_id, marketplace_id), self.store.get_enrollment, Enrollment)

    def seller_and_enrollment(self, seller_id: str,
                              marketplace_id: str) -> tuple[Seller | None, Enrollment | None]:
        keys = (SELLER, seller_id), (ENROLLMENT, seller_id, marketplace_id)
        self._touched.update(keys)
        if not all(key in self._items for key in keys):
            self._items.update(zip(keys, self.store.seller_and_enrollment(seller_id, marketplace_id)))
        seller, enrollment = (self._items[key] for key in keys)
        return (seller if isinstance(seller, Seller) else None,
                enrollment if isinstance(enrollment, Enrollment) else None)

    def get_order(self, order_id: str) -> Order | None:
        return self._read((ORDER, order_id), self.store.get_order, Order)

    def get_contact(self, contact_id: str) -> Contact | None:
        return self._read((CONTACT, contact_id), self.store.get_contact, Contact)

    def support_notes(self, seller_id: str, asins: list[str]) -> list[ProductNote]:
        keys = [(NOTE, seller_id, asin) for asin in dict.fromkeys(asins)]
        if not all(key in self._items for key in keys):
            return self.store.support_notes(seller_id, asins)
        return [{"asin": key[2], "text": str(self._items[key])} for key in keys if self._items[key] is not None]

    def get_refund(self, refund_id: str) -> Refund | None:
        return self.store.get_refund(refund_id)

    def list_enrollments(self, seller_id: str) -> list[Enrollment]:
        self._nothing_open()
        return self.store.list_enrollments(seller_id)

    def save_enrollment(self, enrollment: Enrollment) -> Enrollment:
        self._nothing_open()
        return self._write([CreateEnrollment(enrollment)], lambda: self.store.save_enrollment(enrollment))

    def commit_event(self, event_id: str, event_type: str, changes: Sequence[Change],
                     written: Written | None = None) -> bool:
        """The event's commit: joined to the open transaction (its items UNTOLD in `written` until that commits), or
        made now, on its own."""
        if self._open is not None:
            keys = [key for key, _ in filter(None, map(_written, changes))]
            if self._open.takes(event_id, changes, keys):
                self._open.add(event_id, event_type, changes, keys)
                for key in keys:
                    self._before_open.setdefault(key, self._items.get(key, FORGET))
                if written is not None:
                    written.update(dict.fromkeys(keys, UNTOLD))
                return self._write(changes, lambda: True)  # held as written; committed by commit_open
            self._nothing_open()
        return self._committed(lambda told: self.store.commit_event(event_id, event_type, changes, told), written)

    def commit(self, changes: Sequence[Change]) -> None:
        self._nothing_open()
        def write() -> bool:
            self.store.commit(changes)
            return True

        self._write(changes, write)

    def was_processed(self, event_id: str) -> bool:
        self._nothing_open()
        return self.store.was_processed(event_id)

    def outbox_keys_of(self, event_id: str) -> list[str]:
        self._nothing_open()
        return self.store.outbox_keys_of(event_id)

    def pending_messages(self, keys: list[str]) -> list[QueueMessage]:
        self._nothing_open()
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

    def _nothing_open(self) -> None:
        """What follows reads or writes the store itself: the open transaction must be committed before."""
        if self._open:
            raise FlushFirst()

    def _read(self, key: Key, fetch: Callable[..., Held | None], kind: type[Held]) -> Held | None:
        """The item under `key` (of the class `kind`: a key names one kind of item), fetched if not held."""
        self._touched.add(key)
        if key not in self._items:
            self._items[key] = fetch(*key[1:])
        item = self._items[key]
        return item if isinstance(item, kind) else None

    def _write(self, changes: Sequence[Change], write: Callable[[], Result]) -> Result:
        """Forgets what `changes` write, then, once the store took them, holds them as it does now."""
        written = [w for w in map(_written, changes) if w is not None]
        self._touched.update(key for key, _ in written)
        self._forget(key for key, _ in written)
        result = write()
        if result:
            self._items.update((key, item) for key, item in written if item is not FORGET)
        return result

    def _committed(self, commit: Callable[[Written], bool], outer: Written | None) -> bool:
        """A commit of its own: the items it wrote are held as the store says it now holds them (forgotten where it
        cannot tell: the commit failed, or changed an item in place), and told to `outer` as well."""
        written: Written = {}
        try:
            return commit(written)
        finally:
            self._touched.update(written)
            for key, item in written.items():
                if isinstance(item, Untold):
                    self._items.pop(key, None)
                else:
                    self._items[key] = item
            if outer is not None:
                outer.update(written)

    def _forget(self, keys: Iterable[Key]) -> None:
        for key in list(keys):
            self._items.pop(key, None)


def _written(change: Change) -> tuple[Key, Item | _Forget] | None:
    """The item a change writes, as the store holds it afterwards: saved items gain a version."""
    if isinstance(change, SaveSeller):
        return (SELLER, change.seller.seller_id), _saved(change.seller)
    if isinstance(change, CreateEnrollment):
        enrollment = change.enrollment
        return (ENROLLMENT, enrollment.seller_id, enrollment.marketplace_id), _saved(enrollment)
    if isinstance(change, (CreateOrder, ShipUnits)):
        return (ORDER, change.order.order_id), change.order
    if isinstance(change, SaveContact):
        return (CONTACT, change.contact.contact_id), _saved(change.contact)
    if isinstance(change, ReserveRefundable):
        return (ORDER, change.order_id), FORGET
    return None


def _saved(item: Versioned) -> Versioned:
    """The version the store gives an item it saves: one more than the version it was read at (None: 1)."""
    return replace(item, version=(item.version or 0) + 1)
