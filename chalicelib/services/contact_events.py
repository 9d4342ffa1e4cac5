"""ContactCreated (routing), ContactResponded, ContactResolved, SurveyAnswered.

HANDLERS at the end registers each handler under its event type (services/events.py gathers them)."""
from collections import Counter

from chalicelib.domain import messages, routing
from chalicelib.domain.contacts import Contact, Moves
from chalicelib.domain.enrollment import enrolled
from chalicelib.domain.errors import NotYetKnown
from chalicelib.domain.marketplaces import marketplace
from chalicelib.domain.orders import Order
from chalicelib.services.changes import Change, QueueMessage, SaveContact, counted_at, counters, week_counters
from chalicelib.services.destinations import Destination
from chalicelib.services.inbound_events import (ContactCreated, ContactResolved, ContactResponded, Envelope,
                                                SurveyAnswered)
from chalicelib.services.ports import EventReads, Handler


def contact_created(store: EventReads, event: Envelope, detail: ContactCreated) -> list[Change]:
    """Routes the contact, counts it if CSBA handles it, and queues the message for its destination.

    A contact announced again under another event id fails the creation's condition; the
    event is then marked processed with no effect (events.process).
    """
    order = store.get_order(detail.order_id) if detail.order_id else None
    if detail.order_id and order is None:
        raise NotYetKnown(f"order {detail.order_id} has not been placed yet")
    contact = _routed(store, event, detail, order)
    return [SaveContact(contact), routed_message(store, contact, _asins(contact, order)),
            *counted_at(contact.seller_id, contact.marketplace_id, contact.created_at, contact.created_deltas())]


def routed_message(store: EventReads, contact: Contact, asins: list[str],
                   priority: str = messages.NORMAL) -> QueueMessage:
    if contact.destination == routing.SELLER:
        return QueueMessage(f"contact:{contact.contact_id}", Destination.SELLER_INBOX, messages.to_seller(contact))
    notes = store.support_notes(contact.seller_id, asins)
    key = f"contact:{contact.contact_id}" + ("" if priority == messages.NORMAL else f":{priority}")
    return QueueMessage(key, Destination.AMAZON_CS, messages.to_amazon_cs(contact, notes, priority))


def contact_responded(store: EventReads, event: Envelope, detail: ContactResponded) -> list[Change]:
    contact = _known_contact(store, detail.contact_id)
    answered, moves = contact.respond(detail.responded_at)
    if answered == contact:
        return []
    return [SaveContact(answered), *_counted(contact, moves)]


def contact_resolved(store: EventReads, event: Envelope, detail: ContactResolved) -> list[Change]:
    contact = _known_contact(store, detail.contact_id)
    return [SaveContact(contact.resolve(detail.resolution))]


def survey_answered(store: EventReads, event: Envelope, detail: SurveyAnswered) -> list[Change]:
    contact = _known_contact(store, detail.contact_id)
    rated, moves = contact.answer_survey(detail.solved, event.occurred_at)
    if rated == contact:
        return []
    return [SaveContact(rated), *_counted(contact, moves)]


def _counted(contact: Contact, moves: Moves) -> list[Change]:
    """One counter change per month and one per ISO week (a transaction may touch an item once)."""
    by_month: dict[str, Counter[str]] = {}
    by_week: dict[str, Counter[str]] = {}
    for (month, week), deltas in moves:
        by_month.setdefault(month, Counter()).update(deltas)
        if week is not None:  # None: a survey first answered before weekly counters existed
            by_week.setdefault(week, Counter()).update(deltas)
    seller, market = contact.seller_id, contact.marketplace_id
    return [*(c for month, deltas in by_month.items() for c in counters(seller, market, month, dict(deltas))),
            *(c for week, deltas in by_week.items() for c in week_counters(seller, market, week, dict(deltas)))]


def _routed(store: EventReads, event: Envelope, detail: ContactCreated, order: Order | None) -> Contact:
    market = marketplace(event.marketplace_id)
    enrolled_now = order is None and _enrolled(store, event)
    where = routing.route(order, detail.topic, market, enrolled_now)
    language = routing.cs_language(detail.language, market) if where.to_amazon else detail.language
    return Contact(
        detail.contact_id, event.seller_id, event.marketplace_id, detail.order_id, detail.asin, detail.channel,
        detail.language, language, detail.topic, routing.is_preventable(detail.topic), event.occurred_at,
        routing.respond_by(event.occurred_at), where.destination, where.reason, message=detail.message)


def _enrolled(store: EventReads, event: Envelope) -> bool:
    return enrolled(store.get_enrollment(event.seller_id, event.marketplace_id), event.occurred_at)


def asins_of(store: EventReads, contact: Contact) -> list[str]:
    """The products a contact is about: its order's ASINs, or the ASIN asked about before any order."""
    return _asins(contact, store.get_order(contact.order_id) if contact.order_id else None)


def _asins(contact: Contact, order: Order | None) -> list[str]:
    if order is not None:
        return list(order.asins)
    return [contact.asin] if contact.asin else []


def _known_contact(store: EventReads, contact_id: str) -> Contact:
    contact = store.get_contact(contact_id)
    if contact is None:
        raise NotYetKnown(f"contact {contact_id} has not been created yet")
    return contact


HANDLERS: dict[str, Handler] = {"ContactCreated": contact_created, "ContactResponded": contact_responded,
                                "ContactResolved": contact_resolved, "SurveyAnswered": survey_answered}
