"""Refunds, the case view, support notes, the contacts list, the inbox and the daily sweep, each run on both
stores (`any_store`: the in-memory fake and DynamoDB on moto), so the fake is held to DynamoDB's answers."""
import json
from datetime import datetime, timedelta, timezone

import pytest

from chalicelib.domain.errors import RuleBroken
from chalicelib.domain.money import Money
from chalicelib.domain.refunds import RefundRequest
from chalicelib.domain.clock import utc_now
from chalicelib.services import contacts, events, inbox, refunds, support_notes, sweep
from tests.support import events as ev
from tests.support.fakes import RecordingPublisher
from tests.support.feeding import feed

NOW = datetime(2026, 10, 5, 9, tzinfo=timezone.utc)


def given_a_csba_contact(store, total: str = "150.00") -> None:
    feed(store, ev.seller_registered("S1", occurred_at="2026-10-01T00:00:00Z"), ev.order_placed("O1", total=total),
         ev.contact_created("C1", "O1"))


def refund(refund_id: str, amount: str, reason: str = "damaged") -> RefundRequest:
    return RefundRequest(refund_id, "C1", "O1", Money.parse(amount, "EUR"), reason, False)


def test_a_refund_within_the_limit_is_issued_once_and_paid_once(any_store):
    # Given
    given_a_csba_contact(any_store)
    publisher = RecordingPublisher()
    # When the agent's request arrives twice
    first = refunds.request_refund(any_store, publisher, refund("R1", "30.00"), "agent-1", NOW)
    again = refunds.request_refund(any_store, publisher, refund("R1", "30.00"), "agent-1", NOW)
    # Then
    assert first == again and first.status == "issued"
    assert [key for _, _, key in publisher.sent] == ["refund:R1"]
    assert any_store.get_order("O1").refunded == Money.parse("30.00", "EUR")
    assert any_store.refunds_of_contact("C1") == [first] == [refunds.get_refund(any_store, "R1")]


def test_a_refund_above_the_limit_is_paid_once_a_supervisor_approves_it(any_store):
    given_a_csba_contact(any_store)
    publisher = RecordingPublisher()
    pending = refunds.request_refund(any_store, publisher, refund("R1", "120.00"), "sup-1", NOW)
    assert pending.status == "pending_approval" and publisher.sent == []
    approved = refunds.approve(any_store, publisher, "R1", "sup-2", NOW)
    assert refunds.approve(any_store, publisher, "R1", "sup-2", NOW) == approved
    assert approved.status == "issued" and [key for _, _, key in publisher.sent] == ["refund:R1"]


def test_refunds_may_not_together_exceed_the_order_total(any_store):
    given_a_csba_contact(any_store)
    refunds.request_refund(any_store, RecordingPublisher(), refund("R1", "90.00"), "agent-1", NOW)
    with pytest.raises(RuleBroken):
        refunds.request_refund(any_store, RecordingPublisher(), refund("R2", "90.00"), "agent-1", NOW)
    assert any_store.get_refund("R2") is None and any_store.get_order("O1").refunded == Money.parse("90.00", "EUR")


def test_the_case_shows_the_contact_its_order_the_sellers_note_and_the_refunds(any_store):
    given_a_csba_contact(any_store)
    support_notes.put_note(any_store, "S1", "B000000001", {"text": "Check the seal."}, NOW)
    issued = refunds.request_refund(any_store, RecordingPublisher(), refund("R1", "10.00"), "agent-1", NOW)
    case = contacts.case(any_store, "C1")
    assert (case.contact.contact_id, case.order.order_id, case.refunds) == ("C1", "O1", [issued])
    assert case.product_notes == [{"asin": "B000000001", "text": "Check the seal."}]


def test_the_sellers_contacts_come_newest_first_page_by_page(any_store):
    # Given five CSBA contacts a minute apart, one of them resolved
    given_a_csba_contact(any_store)
    feed(any_store, *(ev.contact_created(f"C{n}", "O1", occurred_at=f"2026-10-03T12:0{n}:00Z") for n in range(2, 6)),
         ev.contact_resolved("C3"))
    # When the seller reads pages of two
    seen, cursor = [], ""
    while cursor is not None:
        page, cursor = contacts.list_contacts(any_store, "S1", {"limit": "2", "cursor": cursor})
        seen += [c.contact_id for c in page]
    # Then
    assert seen == ["C5", "C4", "C3", "C2", "C1"]
    resolved, _ = contacts.list_contacts(any_store, "S1", {"status": "resolved"})
    assert [c.contact_id for c in resolved] == ["C3"]


def test_a_reply_from_the_inbox_is_sent_once(any_store):
    # Given a contact CSBA does not handle (its topic is excluded): it is in the seller's inbox
    given_a_csba_contact(any_store)
    feed(any_store, ev.contact_created("C2", "O1", topic="invoice"))
    listed, _ = inbox.list_inbox(any_store, "S1", {"status": "awaiting_reply"})
    assert [c.contact_id for c in listed] == ["C2"]
    # When the seller replies, and the request is repeated
    publisher, text = RecordingPublisher(), "Thank you, the invoice is attached to your order page."
    sent = inbox.reply(any_store, publisher, "S1", "C2", "RP1", text, NOW)
    assert inbox.reply(any_store, publisher, "S1", "C2", "RP1", text, NOW) == sent == any_store.get_reply("RP1")
    # Then
    assert [key for _, _, key in publisher.sent] == ["reply:RP1"]
    replied, _ = inbox.list_inbox(any_store, "S1", {"status": "replied"})
    assert [c.contact_id for c in replied] == ["C2"]


def test_the_sweep_escalates_an_overdue_contact_once(any_store):
    given_a_csba_contact(any_store)  # respond_by 2026-10-04T12:00Z
    publisher = RecordingPublisher()
    assert sweep.daily_sweep(any_store, publisher, NOW) == {"escalated": 1, "resent": 0}
    assert sweep.daily_sweep(any_store, publisher, NOW) == {"escalated": 0, "resent": 0}
    ((queue, body, _),) = publisher.sent
    assert (queue, body["contact_id"], body["priority"]) == ("cs_contacts_queue", "C1", "escalated")
    assert any_store.overdue_contacts("2026-10-05T09:00:00Z") == []


def test_an_escalation_whose_send_failed_is_sent_by_the_runs_retry_not_a_day_later(any_store):
    # Given an overdue contact, and the queue refusing its escalation once
    given_a_csba_contact(any_store)
    publisher = QueueRefuses({"contact:C1:escalated"})
    # When the sweep runs: the escalation is committed, its send refused, the run fails naming it
    with pytest.raises(sweep.SweepIncomplete) as incomplete:
        sweep.daily_sweep(any_store, publisher, NOW)
    assert list(incomplete.value.reasons) == ["escalation:C1"] and publisher.sent == []
    # When Lambda retries the run with the same event two minutes later, the queue accepting it
    publisher.heal()
    two_minutes_on = utc_now() + timedelta(minutes=2)
    assert sweep.daily_sweep(any_store, publisher, NOW, clock=lambda: two_minutes_on) == {"escalated": 0, "resent": 1}
    # Then the escalation went once, and a further run sends nothing
    assert sweep.daily_sweep(any_store, publisher, NOW, clock=lambda: two_minutes_on) == {"escalated": 0, "resent": 0}
    assert [(body["contact_id"], body["priority"], key) for _, body, key in publisher.sent] == [
        ("C1", "escalated", "contact:C1:escalated")]


class QueueRefuses(RecordingPublisher):
    """The queue refuses the messages of `keys` (all of them if None) until `heal()` (a throttle)."""

    def __init__(self, keys: set[str] | None = None) -> None:
        super().__init__()
        self.keys, self.healed = keys, False

    def send(self, queue: str, body: dict, idempotency_key: str) -> None:
        if not self.healed and (self.keys is None or idempotency_key in self.keys):
            raise ConnectionError(f"throttled: {idempotency_key}")
        super().send(queue, body, idempotency_key)

    def heal(self) -> None:
        self.healed = True


def test_one_stuck_message_failing_again_does_not_keep_the_sweep_from_sending_the_others(any_store):
    # Given three CSBA contacts whose messages to Amazon CS were committed, but refused by the queue
    feed(any_store, ev.seller_registered("S1", occurred_at="2026-10-01T00:00:00Z"), ev.order_placed("O1"))
    for n in (1, 2, 3):
        with pytest.raises(ConnectionError):
            events.process(any_store, QueueRefuses(), json.dumps(ev.contact_created(f"C{n}", "O1")))
    later = utc_now() + timedelta(minutes=10)  # past the outbox's 5 minutes, with the commit's claims expired
    # When the sweep runs and C2's message is refused once more
    publisher = QueueRefuses({"contact:C2"})
    with pytest.raises(sweep.SweepIncomplete) as incomplete:
        sweep.daily_sweep(any_store, publisher, later)
    # Then C1's and C3's were sent all the same, and the run failed naming C2's alone
    sent = {key for _, _, key in publisher.sent}
    assert {"contact:C1", "contact:C3"} <= sent and "contact:C2" not in sent
    assert list(incomplete.value.reasons) == ["contact:C2"] and incomplete.value.result["resent"] == 2
    # When EventBridge runs it again, the queue accepting it: C2's is sent, and nothing twice
    publisher.heal()
    assert sweep.daily_sweep(any_store, publisher, later)["resent"] == 1
    assert sorted(key for _, _, key in publisher.sent if not key.endswith(":escalated")) == [
        "contact:C1", "contact:C2", "contact:C3"]
