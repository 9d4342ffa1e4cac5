"""What one SQS batch has read and written, held by key, so that each of its events reads what the ones before wrote.

The batch's read-ahead fetches what its events will read (services/batch_store.py); a read it missed is fetched on
its own and held too. A commit tells what it wrote as the store now holds it (services/ports.Written), and that is
held in turn: a later event of the batch reads what an earlier one wrote, and its optimistic lock checks the right
version. An event that fails forgets every item it read or wrote: the next event reading one reads it from the store.

Another process may change an item after the read-ahead. An item an event writes is written under the version read,
so the write is refused (StaleWrite) and the event retried, as without the read-ahead; an item only read (the
enrolment deciding an order's coverage) is as of the batch's start, earlier than a read of its own by at most the
time the batch takes.
"""
import contextlib
from typing import Callable, Collection, Iterable, Iterator, TypeVar

from chalicelib.domain.contacts import Contact
from chalicelib.domain.enrollment import Enrollment
from chalicelib.domain.orders import Order
from chalicelib.domain.sellers import Seller
from chalicelib.services.open_transaction import FlushFirst
from chalicelib.services.ports import (CONTACT, ENROLLMENT, NOTE, ORDER, SELLER, Item, Key, ProductNote, Store,
                                       Untold, Written)

Held = TypeVar("Held", Seller, Enrollment, Order, Contact)


class BatchReads:
    """The reads an event's handler makes (services/ports.EventReads), served from what the batch holds."""

    def __init__(self, store: Store) -> None:
        self._items: dict[Key, Item] = {}  # an item, or None: not stored
        self._touched: set[Key] = set()  # read or written by the current event
        self.store = store

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

    def _read(self, key: Key, fetch: Callable[..., Held | None], kind: type[Held]) -> Held | None:
        """The item under `key` (of the class `kind`: a key names one kind of item), fetched if not held."""
        self._touched.add(key)
        if key not in self._items:
            self._items[key] = fetch(*key[1:])
        item = self._items[key]
        return item if isinstance(item, kind) else None

    def _hold(self, written: Written) -> None:
        """Holds the items as the store told them; forgets those it could not tell (UNTOLD)."""
        for key, item in written.items():
            if isinstance(item, Untold):
                self._items.pop(key, None)
            else:
                self._items[key] = item

    def _forget(self, keys: Iterable[Key]) -> None:
        for key in list(keys):
            self._items.pop(key, None)
