"""`daily_sweep`: escalate overdue unanswered CSBA contacts once, and resend messages stuck in the outbox."""
from datetime import datetime
from typing import Callable

from chalicelib.domain.clock import to_wire, utc_now
from chalicelib.domain.messages import ESCALATED
from chalicelib.services import outbox
from chalicelib.services.changes import SaveContact
from chalicelib.services.one_by_one import one_by_one
from chalicelib.services.contact_events import asins_of, routed_message
from chalicelib.services.outbox import Publisher
from chalicelib.services.ports import CaseStore


class SweepIncomplete(Exception):
    """The sweep did all it could, but some escalations or sends failed (`reasons`, by what failed): the run is to
    fail, so that EventBridge runs it again and the failure is seen; what succeeded is in `result`."""

    def __init__(self, result: dict[str, int], reasons: dict[str, str]) -> None:
        super().__init__(f"daily sweep incomplete: {len(reasons)} failures")
        self.result, self.reasons = result, reasons


def daily_sweep(store: CaseStore, publisher: Publisher, now: datetime,
                clock: Callable[[], datetime] = utc_now) -> dict[str, int]:
    """Escalations of what is overdue at `now` (the schedule's time), then the relay; one contact's or message's
    failure does not stop the others (SweepIncomplete at the end names them).

    The relay works on the outbox's clock, the wall clock (`clock`), unless `now` is later: a retry of the run, or
    an operator's re-run of a failed one, comes with the same event and its time, and must still send what an
    escalation of the failed run committed but could not send (escalated, the contact is no longer overdue)."""
    escalated, reasons = one_by_one(store.overdue_contacts(to_wire(now)),
                                    lambda contact_id: _escalate(store, publisher, contact_id, now),
                                    lambda contact_id: f"escalation:{contact_id}")
    try:
        resent = outbox.relay_stale(store, publisher, max(now, clock()))
    except outbox.Unsent as unsent:
        resent = unsent.sent
        reasons.update(unsent.reasons)
    result = {"escalated": escalated, "resent": resent}
    if reasons:
        raise SweepIncomplete(result, reasons)
    return result


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
