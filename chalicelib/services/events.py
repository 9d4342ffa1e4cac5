"""Processes one inbound marketplace event: parse, decide, commit once, then send what it queued."""
from dataclasses import dataclass
from typing import Sequence

from chalicelib.domain.errors import InvalidInput
from chalicelib.services import contact_events, order_events, outbox, seller_events
from chalicelib.services.envelope import Envelope, parse_envelope
from chalicelib.services.outbox import Publisher
from chalicelib.services.changes import Change, CreateOrder, SaveContact
from chalicelib.services.ports import ConditionFailed, Handler, Store

# Every event type's handler, as its module registers it; what each reads is found by rehearsing it (read_ahead.py).
HANDLERS: dict[str, Handler] = {**seller_events.HANDLERS, **order_events.HANDLERS, **contact_events.HANDLERS}


@dataclass(frozen=True)
class Outcome:
    status: str  # "processed" or "duplicate"
    routed: tuple[str, ...] = ()  # where the contacts this event created were routed (csba, fba, seller)


def process(store: Store, publisher: Publisher, body: str | None) -> str:
    """Apply the event in `body` once. Returns "processed" or "duplicate".

    Raises InvalidInput (never retry), NotYetKnown or StaleWrite (retry later).
    """
    return apply(store, publisher, body).status


def apply(store: Store, publisher: Publisher, body: str | None) -> Outcome:
    """`process`, telling also the routing decisions the event took (the ContactsRouted metric)."""
    event, detail = parse_envelope(body)
    try:
        changes = HANDLERS[event.type](store, event, detail)
    except InvalidInput:
        if store.was_processed(event.event_id):  # a redelivery judged against its own effects (a shipment
            outbox.redeliver_for_event(store, publisher, event.event_id)  # counted once looks like too many)
            return Outcome("duplicate")
        raise
    try:
        applied = store.commit_event(event.event_id, event.type, changes)
    except ConditionFailed as failed:
        if not _creation(failed.change):
            raise
        changes = []  # what the event creates exists: announced before under another event id
        applied = store.commit_event(event.event_id, event.type, changes)
    if applied:
        outbox.deliver(store, publisher, outbox.queued(changes))
        return Outcome("processed", _routed(changes))
    outbox.redeliver_for_event(store, publisher, event.event_id)
    return Outcome("duplicate")


def _routed(changes: Sequence[Change]) -> tuple[str, ...]:
    return tuple(c.contact.destination for c in changes if isinstance(c, SaveContact) and c.contact.version is None)


def _creation(change: Change | None) -> bool:
    return isinstance(change, CreateOrder) or (isinstance(change, SaveContact) and change.contact.version is None)
