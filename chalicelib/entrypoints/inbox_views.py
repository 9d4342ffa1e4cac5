"""Response bodies of the seller's inbox (DESIGN section 8)."""
from chalicelib.domain.clock import to_wire
from chalicelib.domain.contacts import Contact
from chalicelib.domain.sellers import Seller
from chalicelib.domain.wire import JsonObject


def inbox_entry(contact: Contact) -> JsonObject:
    return {
        "contact_id": contact.contact_id, "marketplace_id": contact.marketplace_id, "order_id": contact.order_id,
        "asin": contact.asin, "channel": contact.channel, "language": contact.language, "topic": contact.topic,
        "reason": contact.reason, "message": contact.message, "created_at": to_wire(contact.created_at),
        "respond_by": to_wire(contact.respond_by), "status": contact.inbox_status,
        "replied_at": to_wire(contact.replied_at),
    }


def inbox_view(seller_id: str, contacts: list[Contact], next_cursor: str | None) -> JsonObject:
    return {"seller_id": seller_id, "entries": [inbox_entry(c) for c in contacts], "next_cursor": next_cursor}


def profile_view(seller: Seller, vat_id_problem: str | None) -> JsonObject:
    return {"seller_id": seller.seller_id, "status": seller.status, "country": seller.country,
            "vat_id": seller.vat_id, "vat_id_valid": seller.vat_id_valid, "vat_id_problem": vat_id_problem}
