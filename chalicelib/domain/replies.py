"""A seller's reply to a buyer through the inbox (DESIGN section 8), and the SellerReply it sends."""
from datetime import datetime, timedelta

from msgspec import Struct

from chalicelib.domain.clock import to_wire
from chalicelib.domain.contacts import Contact
from chalicelib.domain.wire import JsonObject

MAX_TEXT = 4000  # characters, as a support note


class Reply(Struct, frozen=True):
    """A seller's reply to a contact, sent through the inbox."""

    reply_id: str
    contact_id: str
    seller_id: str
    text: str
    sent_at: datetime
    within_24h: bool

    @classmethod
    def to(cls, contact: Contact, reply_id: str, text: str, at: datetime) -> "Reply":
        within = at - contact.created_at <= timedelta(hours=24)
        return cls(reply_id, contact.contact_id, contact.seller_id, text, at, within)

    @property
    def message_key(self) -> str:
        return f"reply:{self.reply_id}"

    def same_request(self, seller_id: str, contact_id: str, text: str) -> bool:
        return (self.seller_id, self.contact_id, self.text) == (seller_id, contact_id, text)

    def to_wire(self) -> JsonObject:
        return {"reply_id": self.reply_id, "contact_id": self.contact_id, "sent_at": to_wire(self.sent_at),
                "within_24h": self.within_24h}


def seller_reply_message(reply: Reply, contact: Contact) -> JsonObject:
    """The SellerReply for BUYER_MESSAGES_QUEUE: fields fixed by DESIGN section 8."""
    return {"type": "SellerReply", "idempotency_key": reply.message_key, "reply_id": reply.reply_id,
            "contact_id": contact.contact_id, "seller_id": contact.seller_id,
            "marketplace_id": contact.marketplace_id, "order_id": contact.order_id, "language": contact.language,
            "text": reply.text, "sent_at": to_wire(reply.sent_at)}
