"""Response bodies of the contacts list, the case view and support notes (DESIGN section 8)."""
from chalicelib.domain.clock import to_wire
from chalicelib.domain.contacts import Contact
from chalicelib.domain.money import Money
from chalicelib.domain.orders import Order
from chalicelib.domain.wire import JsonObject
from chalicelib.services.contacts import Case
from chalicelib.services.support_notes import SupportNote
from chalicelib.entrypoints.views import refund_view


def contact_item(contact: Contact) -> JsonObject:
    """A contact as the seller's list shows it."""
    return {
        "contact_id": contact.contact_id, "marketplace_id": contact.marketplace_id, "order_id": contact.order_id,
        "asin": contact.asin, "channel": contact.channel, "language": contact.language, "topic": contact.topic,
        "preventable": contact.preventable, "status": contact.status, "created_at": to_wire(contact.created_at),
        "respond_by": to_wire(contact.respond_by), "responded_at": to_wire(contact.responded_at),
        "resolution": contact.resolution, "escalated": contact.escalated,
    }


def contacts_view(seller_id: str, contacts: list[Contact], next_cursor: str | None) -> JsonObject:
    return {"seller_id": seller_id, "contacts": [contact_item(c) for c in contacts], "next_cursor": next_cursor}


def order_view(order: Order | None) -> JsonObject | None:
    if order is None:
        return None
    refunded = order.refunded or Money.zero(order.total.currency)
    return {
        "order_id": order.order_id, "placed_at": to_wire(order.placed_at),
        "fulfillment_channel": order.fulfillment_channel, "seller_fulfilled_prime": order.seller_fulfilled_prime,
        "units": order.units, "order_total": order.total.to_wire(), "refunded": refunded.to_wire(),
        "asins": list(order.asins), "csba": order.csba,
    }


def case_view(case: Case) -> JsonObject:
    """The agent's case: the contact (with where it was routed and why), its order, notes and refunds."""
    contact = case.contact
    routed = {"seller_id": contact.seller_id, "kind": contact.destination, "destination": contact.destination,
              "reason": contact.reason, "buyer_language": contact.buyer_language, "message": contact.message}
    return {"contact": {**contact_item(contact), **routed}, "order": order_view(case.order),
            "product_notes": case.product_notes, "refunds": [refund_view(r) for r in case.refunds], "respond_by": to_wire(contact.respond_by)}


def note_view(note: SupportNote) -> JsonObject:
    return {"asin": note.asin, "text": note.text, "updated_at": to_wire(note.updated_at)}
