"""Processes one inbound marketplace event, parsed (services/inbound_events.py): decide, commit once, then send what
it queued."""
from typing import Sequence

from msgspec import Struct

from chalicelib.domain.errors import InvalidInput
from chalicelib.services import contact_events, order_events, outbox, seller_events
from chalicelib.services.inbound_events import Event, Rejected, parse
from chalicelib.services.outbox import Publisher
from chalicelib.services.changes import Change, CreateOrder, SaveContact
from chalicelib.services.ports import ConditionFailed, Handler, Store

# Every event type's handler, as its module registers it; what each reads is found by rehearsing it (read_ahead.py).
HANDLERS: dict[str, Handler] = {**seller_events.HANDLERS, **order_events.HANDLERS, **contact_events.HANDLERS}


class Outcome(Struct, frozen=True):
    """What applying one event did."""

    status: str  # "processed" or "duplicate"
    routed: tuple[str, ...] = ()  # where the contacts this event created were routed (csba, fba, seller)


def process(store: Store, publisher: Publisher, body: str | None) -> str:
    """Parse the event in `body` and apply it once. Returns "processed" or "duplicate".

    Raises InvalidInput (never retry), NotYetKnown or StaleWrite (retry later).
    """
    event = parse(body)
    if isinstance(event, Rejected):
        raise InvalidInput(event.reason)
    return apply(store, publisher, event).status


def apply(store: Store, publisher: Publisher, event: Event) -> Outcome:
    """Apply a parsed event once, telling also the routing decisions it took (the ContactsRouted metric).

    Raises InvalidInput (never retry), NotYetKnown or StaleWrite (retry later).
    """
    envelope = event.envelope
    try:
        changes = HANDLERS[envelope.type](store, envelope, event.detail)
    except InvalidInput:
        if store.was_processed(envelope.event_id):  # a redelivery judged against its own effects (a shipment
            outbox.redeliver_for_event(store, publisher, envelope.event_id)  # counted once looks like too many)
            return Outcome("duplicate")
        raise
    try:
        applied = store.commit_event(envelope.event_id, envelope.type, changes)
    except ConditionFailed as failed:
        if not _creation(failed.change):
            raise
        changes = []  # what the event creates exists: announced before under another event id
        applied = store.commit_event(envelope.event_id, envelope.type, changes)
    if applied:
        outbox.deliver(store, publisher, outbox.queued(changes))
        return Outcome("processed", _routed(changes))
    outbox.redeliver_for_event(store, publisher, envelope.event_id)
    return Outcome("duplicate")


def _routed(changes: Sequence[Change]) -> tuple[str, ...]:
    return tuple(c.contact.destination for c in changes if isinstance(c, SaveContact) and c.contact.version is None)


def _creation(change: Change | None) -> bool:
    return isinstance(change, CreateOrder) or (isinstance(change, SaveContact) and change.contact.version is None)
