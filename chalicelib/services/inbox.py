"""The seller's inbox: contacts routed to it, and its replies to buyers, checked before they are sent.

A reply is idempotent by its reply_id: the same request again answers the same reply and sends
nothing twice; another body under that id is a 409. A compliant reply is committed with its
SellerReply in the outbox (and, the first time, the contact's replied mark and the month's
counters) in one transaction, then sent: exactly once, as refunds are.
"""
from datetime import datetime, timedelta
from typing import Mapping

from chalicelib.domain.clock import month_of, to_wire
from chalicelib.domain.contacts import AWAITING_REPLY, REPLIED, RESOLVED, Contact
from chalicelib.domain.errors import Conflict, InvalidInput, MessagePolicy, NamedConflict, NotFound
from chalicelib.domain.marketplaces import marketplace
from chalicelib.domain.replies import Reply, seller_reply_message
from chalicelib.services import outbox
from chalicelib.services.changes import Change, CreateReply, QueueMessage, SaveContact, counters
from chalicelib.services.destinations import Destination
from chalicelib.services.contacts import decode_cursor, encode_cursor, page_limit
from chalicelib.services.message_checks import violations_for
from chalicelib.services.outbox import Publisher
from chalicelib.services.ports import CaseStore, ConditionFailed
from chalicelib.services.stale import StaleWrite

STATUSES = (AWAITING_REPLY, REPLIED, RESOLVED)
MAX_ATTEMPTS = 5
SEND_GRACE = timedelta(seconds=60)  # the first request's time to send after its commit; later, a repeat resends


def list_inbox(store: CaseStore, seller_id: str, params: Mapping[str, str]) -> tuple[list[Contact], str | None]:
    """A page of the contacts routed to the seller, newest first, and the next page's cursor (None at the end)."""
    given = {name: value for name, value in params.items() if value}
    market = marketplace(given["marketplace_id"]).marketplace_id if "marketplace_id" in given else None
    status = given.get("status")
    if status is not None and status not in STATUSES:
        raise InvalidInput(f"status must be one of {', '.join(STATUSES)}")
    limit = page_limit(given.get("limit"))
    after = decode_cursor(given["cursor"], seller_id) if "cursor" in given else None
    if store.get_seller(seller_id) is None:
        raise NotFound(f"unknown seller {seller_id}")
    contacts, last = store.inbox_contacts(seller_id, market, status, limit, after)
    return contacts, encode_cursor(last)


def reply(store: CaseStore, publisher: Publisher, seller_id: str, contact_id: str, reply_id: str, text: str,
          now: datetime) -> Reply:
    """Send a compliant reply once; MessagePolicy (422) lists the violations of one that is not."""
    for _ in range(MAX_ATTEMPTS):
        existing = store.get_reply(reply_id)
        if existing is not None:
            return _same_again(store, publisher, existing, (seller_id, contact_id, text), now)
        contact = _inbox_contact(store, seller_id, contact_id)
        violations = violations_for(store, text, contact.order_id)
        if violations:
            raise MessagePolicy([v.to_wire() for v in violations])
        sent = Reply.to(contact, reply_id, text, now)
        replied, deltas = contact.reply(now)
        message = QueueMessage(sent.message_key, Destination.BUYER_MESSAGES, seller_reply_message(sent, contact))
        changes: list[Change] = [CreateReply(sent), *([SaveContact(replied)] if replied != contact else []),
                   *counters(seller_id, contact.marketplace_id, month_of(contact.created_at), deltas), message]
        try:
            store.commit(changes)
        except ConditionFailed:
            continue  # the same reply_id, or another first reply, committed meanwhile: read again
        outbox.deliver(store, publisher, [message])
        return sent
    raise StaleWrite(f"reply {reply_id} kept conflicting with other writes; try again")


def _inbox_contact(store: CaseStore, seller_id: str, contact_id: str) -> Contact:
    contact = store.get_contact(contact_id)
    if contact is None or contact.seller_id != seller_id:
        raise NotFound(f"unknown contact {contact_id}")
    if not contact.in_inbox:
        raise NamedConflict(f"contact {contact_id} is handled by Amazon customer service; it is not in your inbox",
                            code="handled_by_csba")
    return contact


def _same_again(store: CaseStore, publisher: Publisher, existing: Reply, request: tuple[str, str, str],
                now: datetime) -> Reply:
    """The same reply again; its message is sent again only if the first send was lost (still pending after
    SEND_GRACE: a crash between the commit and the send), by one request, so repeats never send it twice."""
    if not existing.same_request(*request):
        raise Conflict(f"reply {existing.reply_id} exists with a different body")
    unsent = store.claim_unsent(existing.message_key, to_wire(now), to_wire(now - SEND_GRACE))
    if unsent is not None:
        outbox.deliver(store, publisher, [unsent])
    return existing
