"""What the events of a batch will read, found by rehearsing their handlers before any is processed.

The handlers are the one description of what each event type reads. Each runs here against the items known so
far (a `Rehearsal`): an item not known yet is noted and answered as absent, so the handler goes on to show what
else it reads (a seller not stored yet is a new one, so SellerRegistered shows its enrolment too). What a handler
decides is thrown away, and so is its error (an order not placed yet, an invalid detail): what it read until
then is noted. Run again once the noted items are fetched, the handlers show what they read next (the support
notes of the contacts routed to Amazon CS, on the orders just fetched). A read missed here is still made, on its
own, when the event asks for it.
"""
from typing import Mapping, Sequence, TypeVar

from chalicelib.domain.contacts import Contact
from chalicelib.domain.enrollment import Enrollment
from chalicelib.domain.errors import CsbaError
from chalicelib.domain.orders import Order
from chalicelib.domain.sellers import Seller
from chalicelib.services.events import HANDLERS
from chalicelib.services.inbound_events import Event
from chalicelib.services.ports import CONTACT, ENROLLMENT, NOTE, ORDER, SELLER, Key, ProductNote

T = TypeVar("T")


def wanted(events: Sequence[Event], known: Mapping[Key, object]) -> set[Key]:
    """The items the events' handlers read that `known` lacks, each handler answered from `known` (else: absent)."""
    rehearsal = Rehearsal(known)
    for event in events:
        try:
            HANDLERS[event.envelope.type](rehearsal, event.envelope, event.detail)
        except CsbaError:  # it waits for what it refers to, or is invalid: what it read so far is noted
            continue
    return rehearsal.missing


class Rehearsal:
    """The reads of an event handler (ports.EventReads) answered from `known`; what it lacks is noted as missing."""

    def __init__(self, known: Mapping[Key, object]):
        self.known, self.missing = known, set[Key]()

    def get_seller(self, seller_id: str) -> Seller | None:
        return self._item((SELLER, seller_id), Seller)

    def get_enrollment(self, seller_id: str, marketplace_id: str) -> Enrollment | None:
        return self._item((ENROLLMENT, seller_id, marketplace_id), Enrollment)

    def seller_and_enrollment(self, seller_id: str, marketplace_id: str) -> tuple[Seller | None, Enrollment | None]:
        return self.get_seller(seller_id), self.get_enrollment(seller_id, marketplace_id)

    def get_order(self, order_id: str) -> Order | None:
        return self._item((ORDER, order_id), Order)

    def get_contact(self, contact_id: str) -> Contact | None:
        return self._item((CONTACT, contact_id), Contact)

    def support_notes(self, seller_id: str, asins: list[str]) -> list[ProductNote]:
        texts = {asin: self._item((NOTE, seller_id, asin), str) for asin in dict.fromkeys(asins)}
        return [ProductNote(asin=asin, text=text) for asin, text in texts.items() if text is not None]

    def _item(self, key: Key, kind: type[T]) -> T | None:
        if key not in self.known:
            self.missing.add(key)
        item = self.known.get(key)
        return item if isinstance(item, kind) else None
