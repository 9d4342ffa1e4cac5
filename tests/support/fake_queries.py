"""The in-memory store's answers to the HTTP side's queries: contact lists, case view, replies, the relay."""
from datetime import datetime
from typing import Any

from chalicelib.domain.clock import to_wire
from chalicelib.domain.contacts import AWAITING_REPLY, REPLIED, RESOLVED, Contact
from chalicelib.domain.refunds import Refund
from chalicelib.domain.replies import Reply
from chalicelib.domain.routing import CSBA, SELLER
from chalicelib.services.changes import QueueMessage
from chalicelib.services.ports import Position


class CaseQueries:
    """Read over the tables of InMemoryStore (tests/support/fakes.py), in the orders DynamoDB's indexes give."""

    contacts: dict[str, Contact]
    refunds: dict[str, Refund]
    replies: dict[str, Reply]
    notes: dict[tuple[str, str], str]
    outbox: dict[str, tuple[QueueMessage, str]]
    claimed_at: dict[str, str]

    def csba_contacts(self, seller_id: str, marketplace_id: str | None, status: str | None, limit: int,
                      after: Position | None) -> tuple[list[Contact], Position | None]:
        return self._page(seller_id, limit, after, lambda c: c.destination == CSBA
                          and marketplace_id in (None, c.marketplace_id) and status in (None, c.status))

    def inbox_contacts(self, seller_id: str, marketplace_id: str | None, status: str | None, limit: int,
                       after: Position | None) -> tuple[list[Contact], Position | None]:
        inbox_status = {RESOLVED: lambda c: c.status == RESOLVED,
                        REPLIED: lambda c: c.status != RESOLVED and c.replied_at is not None,
                        AWAITING_REPLY: lambda c: c.status != RESOLVED and c.replied_at is None}
        return self._page(seller_id, limit, after, lambda c: c.destination == SELLER
                          and marketplace_id in (None, c.marketplace_id)
                          and (status not in inbox_status or inbox_status[status](c)))

    def _page(self, seller_id: str, limit: int, after: Position | None,
              wanted: Any) -> tuple[list[Contact], Position | None]:
        """Newest first by created_key, as the by-seller index reads backwards; resumes after `after`."""
        ordered = sorted((c for c in self.contacts.values() if c.seller_id == seller_id), key=_created_key,
                         reverse=True)
        page = [c for c in ordered if (after is None or _created_key(c) < after["created_key"]) and wanted(c)][:limit]
        if len(page) < limit:
            return page, None
        last = page[-1]
        return page, {"seller_id": seller_id, "created_key": _created_key(last), "contact_id": last.contact_id}

    def overdue_contacts(self, at_iso: str) -> list[str]:
        overdue = [c for c in self.contacts.values() if c.awaiting_response and _respond_by(c) < at_iso]
        return [c.contact_id for c in sorted(overdue, key=_respond_by)]

    def save_support_note(self, seller_id: str, asin: str, text: str, updated_at: datetime) -> None:
        self.notes[(seller_id, asin)] = text

    def refunds_of_contact(self, contact_id: str) -> list[Refund]:
        return sorted((r for r in self.refunds.values() if r.request.contact_id == contact_id),
                      key=lambda r: r.created_at)

    def get_reply(self, reply_id: str) -> Reply | None:
        return self.replies.get(reply_id)

    def stale_pending_messages(self, older_than_iso: str) -> list[QueueMessage]:
        stale = sorted((created, key) for key, (_, created) in self.outbox.items() if created < older_than_iso)
        return [self.outbox[key][0] for _, key in stale]

    def claim_unsent(self, key: str, now_iso: str, older_than_iso: str) -> QueueMessage | None:
        if key not in self.outbox or self.outbox[key][1] >= older_than_iso:
            return None
        if self.claimed_at.get(key, "") >= older_than_iso:
            return None
        self.claimed_at[key] = now_iso
        return self.outbox[key][0]


def _created_key(contact: Contact) -> str:
    return f"{to_wire(contact.created_at)}#{contact.contact_id}"


def _respond_by(contact: Contact) -> str:
    return to_wire(contact.respond_by) or ""
