"""Processes one inbound marketplace event: parse, decide, commit once, then send what it queued."""
from typing import Any, Callable

from chalicelib.domain.errors import InvalidInput
from chalicelib.services import contact_events, order_events, outbox, seller_events
from chalicelib.services.envelope import Envelope, parse_envelope
from chalicelib.services.outbox import Publisher
from chalicelib.services.changes import Change, CreateOrder, SaveContact
from chalicelib.services.ports import ConditionFailed, Store

# Each handler takes (store, envelope, the detail model of its type) and returns the event's changes.
HANDLERS: dict[str, Callable[[Store, Envelope, Any], list[Change]]] = {
    "SellerRegistered": seller_events.seller_registered,
    "SellerStatusChanged": seller_events.seller_status_changed,
    "OrderPlaced": order_events.order_placed,
    "OrderShipped": order_events.order_shipped,
    "ReturnRequested": order_events.return_requested,
    "ContactCreated": contact_events.contact_created,
    "ContactResponded": contact_events.contact_responded,
    "ContactResolved": contact_events.contact_resolved,
    "SurveyAnswered": contact_events.survey_answered,
}


def process(store: Store, publisher: Publisher, body: str | None) -> str:
    """Apply the event in `body` once. Returns "processed" or "duplicate".

    Raises InvalidInput (never retry), NotYetKnown or StaleWrite (retry later).
    """
    event, detail = parse_envelope(body)
    try:
        changes = HANDLERS[event.type](store, event, detail)
    except InvalidInput:
        if store.was_processed(event.event_id):  # a redelivery judged against its own effects (a shipment
            outbox.redeliver_for_event(store, publisher, event.event_id)  # counted once looks like too many)
            return "duplicate"
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
        return "processed"
    outbox.redeliver_for_event(store, publisher, event.event_id)
    return "duplicate"


def _creation(change: Change | None) -> bool:
    return isinstance(change, CreateOrder) or (isinstance(change, SaveContact) and change.contact.version is None)
