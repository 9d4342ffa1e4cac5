"""`daily_sweep`: escalate overdue unanswered CSBA contacts once, and resend messages stuck in the outbox."""
from datetime import datetime

from chalicelib.domain.clock import to_wire
from chalicelib.domain.messages import ESCALATED
from chalicelib.services import outbox
from chalicelib.services.changes import SaveContact
from chalicelib.services.contact_events import asins_of, routed_message
from chalicelib.services.outbox import Publisher
from chalicelib.services.ports import CaseStore


def daily_sweep(store: CaseStore, publisher: Publisher, now: datetime) -> dict[str, int]:
    escalated = sum(_escalate(store, publisher, contact_id, now)
                    for contact_id in store.overdue_contacts(to_wire(now)))
    return {"escalated": escalated, "resent": outbox.relay_stale(store, publisher, now)}


def _escalate(store: CaseStore, publisher: Publisher, contact_id: str, now: datetime) -> int:
    """Send the contact to Amazon CS once more with priority `escalated`; the mark makes it once only."""
    contact = store.get_contact(contact_id)
    if contact is None or not contact.awaiting_response or contact.respond_by >= now:
        return 0
    message = routed_message(store, contact, asins_of(store, contact), priority=ESCALATED)
    if not store.commit_event(f"escalation:{contact_id}", "Escalation", [SaveContact(contact.escalate()), message]):
        return 0
    outbox.deliver(store, publisher, [message])
    return 1
