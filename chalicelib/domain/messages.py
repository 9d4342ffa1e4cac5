"""The messages routing sends: to Amazon CS and to the seller's inbox (fields fixed by DESIGN section 4)."""
from typing import Mapping, Sequence

from chalicelib.domain.clock import to_wire
from chalicelib.domain.contacts import Contact
from chalicelib.domain.marketplaces import marketplace
from chalicelib.domain.routing import skill
from chalicelib.domain.wire import JsonObject

NORMAL, ESCALATED = "normal", "escalated"


def to_amazon_cs(contact: Contact, product_notes: Sequence[Mapping[str, object]],
                 priority: str = NORMAL) -> JsonObject:
    return {
        "contact_id": contact.contact_id, "kind": contact.destination, "seller_id": contact.seller_id,
        "marketplace_id": contact.marketplace_id, "order_id": contact.order_id, "asin": contact.asin,
        "channel": contact.channel, "language": contact.language,
        "skill": skill(marketplace(contact.marketplace_id), contact.language, contact.channel),
        "priority": priority, "topic": contact.topic, "preventable": contact.preventable,
        "respond_by": to_wire(contact.respond_by), "product_notes": product_notes,
    }


def to_seller(contact: Contact) -> JsonObject:
    return {
        "contact_id": contact.contact_id, "seller_id": contact.seller_id,
        "marketplace_id": contact.marketplace_id, "order_id": contact.order_id, "asin": contact.asin,
        "channel": contact.channel, "language": contact.language, "topic": contact.topic,
        "respond_by": to_wire(contact.respond_by), "reason": contact.reason,
    }
