"""Processes one inbound marketplace event: parse, decide, commit once."""
from typing import Callable

from chalicelib.services import seller_events
from chalicelib.services.envelope import parse_envelope
from chalicelib.services.ports import Store

HANDLERS: dict[str, Callable] = {
    "SellerRegistered": seller_events.seller_registered,
    "SellerStatusChanged": seller_events.seller_status_changed,
}


def process(store: Store, body: str) -> str:
    """Apply the event in `body` once. Returns "processed" or "duplicate".

    Raises InvalidInput (never retry), NotYetKnown or StaleWrite (retry later).
    """
    event, detail = parse_envelope(body)
    changes = HANDLERS[event.type](store, event, detail)
    applied = store.commit_event(event.event_id, event.type, changes)
    return "processed" if applied else "duplicate"
