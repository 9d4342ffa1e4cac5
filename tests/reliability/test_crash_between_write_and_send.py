"""A crash after the database write and before the queue send (DESIGN 5 and 7), injected in botocore at the
SQS call: the retry the design names delivers each payment message, and a consumer deduplicating by
idempotency_key sees it exactly once (never zero)."""
import json
from datetime import timedelta

import pytest

from chalicelib import settings
from chalicelib.domain.clock import to_wire, utc_now
from tests.reliability.faults import SendFails
from tests.reliability.replay import Replay
from tests.support import events as ev
from tests.support.scenario import scheduled
from tests.support.sqs import sqs_event

JSON = {"Content-Type": "application/json"}


def recent(days: float) -> str:
    return to_wire(utc_now() - timedelta(days=days))


@pytest.fixture
def shop(client):
    setup = [ev.seller_registered("S1", occurred_at=recent(200)),
             *[e for n in (1, 2) for e in (ev.order_placed(f"O{n}", total="500.00", occurred_at=recent(10)),
                                           ev.contact_created(f"C{n}", f"O{n}", topic="damaged",
                                                              occurred_at=recent(9)))]]
    assert client.lambda_.invoke("marketplace_events", sqs_event(setup)).payload == {"batchItemFailures": []}
    return client


def payments_sent(queues) -> list[dict]:
    return [json.loads(m["body"]) for m in queues.drain("payments_queue")]


def deduplicated(messages: list[dict]) -> list[str]:
    """The payments a consumer deduplicating by idempotency_key acts on, once each."""
    return sorted({m["idempotency_key"] for m in messages})


def refund(refund_id: str, order: str, amount: str) -> str:
    return json.dumps({"refund_id": refund_id, "contact_id": "C" + order[1:], "order_id": order, "reason": "damaged",
                       "amount": {"amount": amount, "currency": "EUR"}, "returnless": False})


def post_refund(client, tokens, body: str):
    return client.http.post("/refunds", headers={**tokens.headers("A1", "agent"), **JSON}, body=body)


@pytest.mark.parametrize("after_apply", [False, True], ids=["send refused", "send's answer lost"])
def test_a_refund_killed_at_its_send_is_paid_once_after_the_agents_retry(shop, tokens, queues, store, monkeypatch,
                                                                         after_apply):
    # Given the payments send of the first refund fails once
    SendFails(settings.current().payments_queue, after_apply=after_apply).install(monkeypatch)
    # When the request dies there (the refund is written) and the agent's tool retries it
    assert post_refund(shop, tokens, refund("R1", "O1", "20.00")).status_code == 500
    assert store.get_refund("R1").status == "issued"
    assert post_refund(shop, tokens, refund("R1", "O1", "20.00")).status_code == 201
    # Then RefundIssued left at least once and is acted on exactly once
    sent = payments_sent(queues)
    assert len(sent) == (2 if after_apply else 1)
    assert deduplicated(sent) == ["refund:R1"]


@pytest.mark.parametrize("after_apply", [False, True], ids=["send refused", "send's answer lost"])
def test_an_approval_killed_at_its_send_is_paid_once_by_the_sweep(shop, tokens, queues, store, monkeypatch,
                                                                  after_apply):
    # Given a refund above the auto-approval limit, pending
    assert post_refund(shop, tokens, refund("R2", "O2", "150.00")).status_code == 202
    SendFails(settings.current().payments_queue, after_apply=after_apply).install(monkeypatch)
    # When the supervisor's approval dies at the send and nobody retries it
    headers = {**tokens.headers("B1", "supervisor"), **JSON}
    assert shop.http.post("/refunds/R2/approve", headers=headers, body=b"").status_code == 500
    assert store.get_refund("R2").status == "issued"
    # Then the daily sweep sends it (the outbox still holds it unsent), and a second sweep sends nothing
    sweep = scheduled(to_wire(utc_now() + timedelta(minutes=10)))
    assert shop.lambda_.invoke("daily_sweep", sweep).payload["resent"] == 1
    assert shop.lambda_.invoke("daily_sweep", sweep).payload["resent"] == 0
    sent = payments_sent(queues)
    assert len(sent) >= 1 and deduplicated(sent) == ["refund:R2"]


def october(seller: str) -> list[dict]:
    """A seller whose October (trial over, 35 shipped CSBA orders) is billed above zero."""
    events = [ev.seller_registered(seller, occurred_at="2026-05-05T00:00:00Z")]
    for n in range(35):
        order = f"{seller}-O{n}"
        events += [ev.order_placed(order, seller_id=seller, occurred_at="2026-10-02T10:00:00Z"),
                   ev.order_shipped(order, seller_id=seller, occurred_at="2026-10-03T10:00:00Z")]
    return events


@pytest.mark.parametrize("after_apply", [False, True], ids=["send refused", "send's answer lost"])
def test_invoices_killed_at_their_send_are_paid_once_after_the_job_is_redelivered(client, queues, monkeypatch,
                                                                                  after_apply):
    # Given two sellers with a billable October
    replay = Replay(client)
    replay.deliver(october("S1") + october("S2"))
    # When the first two InvoiceIssued sends die after their invoices were written
    fault = SendFails(settings.current().payments_queue, times=2, after_apply=after_apply).install(monkeypatch)
    replay.close_and_bill()
    # Then the redelivered jobs sent them: each invoice is acted on exactly once
    sent = payments_sent(queues)
    assert fault.injected == 2 and replay.stats["billing job redeliveries"] >= 1
    assert deduplicated(sent) == [f"invoice:INV-{s}-{ev.DE}-2026-10" for s in ("S1", "S2")]
    assert len(sent) == (4 if after_apply else 2)


def test_a_sender_that_died_holding_its_claim_is_relieved_by_the_sweep_after_the_lease(shop, tokens, queues, store,
                                                                                       monkeypatch):
    from chalicelib.adapters.dynamo_outbox import OutboxRepository

    # Given the request's process dies at the payments send: it never gives its claim up
    monkeypatch.setattr(OutboxRepository, "release", lambda self, key: None)
    SendFails(settings.current().payments_queue).install(monkeypatch)
    assert post_refund(shop, tokens, refund("R1", "O1", "20.00")).status_code == 500
    # When the agent's tool repeats the request at once, while the dead sender's claim is current
    assert post_refund(shop, tokens, refund("R1", "O1", "20.00")).status_code == 201
    # Then nothing is sent yet (the claim might belong to a live, slow sender)
    assert payments_sent(queues) == []
    # And the daily sweep, after the lease, sends it once
    sweep = scheduled(to_wire(utc_now() + timedelta(minutes=10)))
    assert shop.lambda_.invoke("daily_sweep", sweep).payload["resent"] == 1
    sent = payments_sent(queues)
    assert len(sent) == 1 and deduplicated(sent) == ["refund:R1"]
