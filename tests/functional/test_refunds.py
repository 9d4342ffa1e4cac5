"""Refunds (DESIGN section 5) end to end: rules, idempotency, approval, payments message once."""
import json
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from chalicelib.domain.clock import to_wire, utc_now
from tests.support import events as ev
from tests.support.sqs import sqs_event

JSON = {"Content-Type": "application/json"}


def recent(days: int = 1) -> str:
    return to_wire(utc_now() - timedelta(days=days))


@pytest.fixture
def shop(client):
    setup = [ev.seller_registered("S1", occurred_at=recent(200)),
             ev.order_placed("O1", total="150.00", occurred_at=recent(10)),
             ev.contact_created("C1", "O1", topic="damaged", occurred_at=recent(9)),
             ev.order_placed("O2", channel="MCF", total="30.00", occurred_at=recent(10)),
             ev.contact_created("C2", "O2", occurred_at=recent(9)),
             ev.order_placed("O3", total="40.00", occurred_at=recent(120)),
             ev.contact_created("C3", "O3", occurred_at=recent(100))]
    assert client.lambda_.invoke("marketplace_events", sqs_event(setup)).payload == {"batchItemFailures": []}
    return client


def refund(refund_id="R1", amount="20.00", currency="EUR", reason="damaged", returnless=False, order="O1",
           contact="C1") -> dict:
    return {"refund_id": refund_id, "contact_id": contact, "order_id": order,
            "amount": {"amount": amount, "currency": currency}, "reason": reason, "returnless": returnless}


def post(client, tokens, body, role="agent"):
    return client.http.post("/refunds", headers={**tokens.headers("A1", role), **JSON}, body=json.dumps(body))


def payments(queues):
    return [json.loads(m["body"]) for m in queues.drain("payments_queue")]


def test_a_refund_within_the_limit_is_issued_and_paid_once(shop, tokens, queues, store):
    response = post(shop, tokens, refund())
    assert response.status_code == 201
    body = json.loads(response.body)
    assert (body["refund_id"], body["order_id"], body["status"], body["amount"]) == (
        "R1", "O1", "issued", {"amount": "20.00", "currency": "EUR"})
    (message,) = payments(queues)
    assert message["type"] == "RefundIssued" and message["idempotency_key"] == "refund:R1"
    assert message["amount"] == {"amount": "20.00", "currency": "EUR"} and message["seller_id"] == "S1"
    assert store.get_order("O1").refunded.minor == 2000


def test_the_same_refund_again_returns_it_and_pays_nothing_twice(shop, tokens, queues, store):
    first = post(shop, tokens, refund())
    again = post(shop, tokens, refund())
    assert again.status_code == 201 and json.loads(again.body) == json.loads(first.body)
    assert len(payments(queues)) == 1 and store.get_order("O1").refunded.minor == 2000


def test_the_same_refund_id_with_another_body_is_a_conflict(shop, tokens):
    post(shop, tokens, refund())
    response = post(shop, tokens, refund(amount="21.00"))
    assert response.status_code == 409 and json.loads(response.body)["Code"] == "ConflictError"


def test_above_the_auto_approval_limit_a_supervisor_issues_it(shop, tokens, queues, client):
    pending = post(shop, tokens, refund(amount="100.01"))
    assert pending.status_code == 202 and json.loads(pending.body)["status"] == "pending_approval"
    assert payments(queues) == []
    agent_try = client.http.post("/refunds/R1/approve", headers=tokens.headers("A1", "agent"))
    assert agent_try.status_code == 403
    approved = client.http.post("/refunds/R1/approve", headers=tokens.headers("SUP1", "supervisor"))
    assert approved.status_code == 200 and json.loads(approved.body)["status"] == "issued"
    again = client.http.post("/refunds/R1/approve", headers=tokens.headers("SUP1", "supervisor"))
    assert again.status_code == 200
    assert [m["refund_id"] for m in payments(queues)] == ["R1"]


def test_exactly_the_limit_is_issued_without_approval(shop, tokens):
    assert post(shop, tokens, refund(amount="100.00")).status_code == 201


@pytest.mark.parametrize("body, code", [
    (refund(order="O2", contact="C2"), "not_csba_order"),
    (refund(currency="GBP"), "currency_mismatch"),
    (refund(amount="0.00"), "amount_not_positive"),
    (refund(amount="-5.00"), "amount_not_positive"),
    (refund(amount="150.01"), "exceeds_refundable"),
    (refund(order="O3", contact="C3"), "outside_window"),
    (refund(reason="wrong_item", returnless=True), "returnless_not_allowed"),
])
def test_each_broken_rule_is_a_422_naming_it(shop, tokens, body, code):
    response = post(shop, tokens, body)
    assert response.status_code == 422
    assert json.loads(response.body)["Code"] == code and json.loads(response.body)["Message"]


def test_returnless_is_allowed_for_damaged_goods(shop, tokens):
    assert post(shop, tokens, refund(returnless=True)).status_code == 201


def test_unknown_order_or_contact_is_404(shop, tokens):
    assert post(shop, tokens, refund(order="O404")).status_code == 404
    assert post(shop, tokens, refund(contact="C404")).status_code == 404
    assert shop.http.get("/refunds/R404", headers=tokens.headers("A1", "agent")).status_code == 404


@pytest.mark.parametrize("body", [{}, {**refund(), "reason": "because"}, {**refund(), "returnless": "no"},
                                  {**refund(), "amount": {"amount": "abc", "currency": "EUR"}}])
def test_malformed_requests_are_400(shop, tokens, body):
    response = post(shop, tokens, body)
    assert response.status_code == 400 and json.loads(response.body)["Code"] == "BadRequestError"


def test_a_seller_token_cannot_use_refund_routes(shop, tokens):
    assert post(shop, tokens, refund(), role="seller").status_code == 403
    assert shop.http.get("/refunds/R1", headers=tokens.headers("S1")).status_code == 403


def test_refunds_show_in_the_case_view_and_the_sellers_counters(shop, tokens, store):
    post(shop, tokens, refund())
    case = json.loads(shop.http.get("/contacts/C1", headers=tokens.headers("A1", "agent")).body)
    assert [r["refund_id"] for r in case["refunds"]] == ["R1"]
    month = utc_now().strftime("%Y-%m")
    record = store.t.CounterRecord.get(f"S1#{ev.DE}", month)
    assert (record.refunds, record.refunds_amount_minor) == (1, 2000)


def test_twenty_concurrent_refunds_never_exceed_the_order_total(shop, tokens, queues, store, atomic_requests):
    # Given 20 agents refunding 10.00 each on a 150.00 order at the same moment
    bodies = [refund(refund_id=f"R{i}", amount="10.00") for i in range(20)]
    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda body: post(shop, tokens, body), bodies))
    # Then each answer is issued or refused, and what was issued fits in the order
    codes = sorted(a.status_code for a in answers)
    assert set(codes) <= {201, 422}
    issued = [json.loads(a.body) for a in answers if a.status_code == 201]
    assert sum(int(i["amount"]["amount"].replace(".", "")) for i in issued) <= 15000
    assert len(issued) == 15 and store.get_order("O1").refunded.minor == 15000
    assert len(payments(queues)) == 15


def test_a_crash_between_write_and_send_is_repaired_by_the_retry_with_one_message(shop, tokens, queues, store,
                                                                                   send_crashes_once):
    # Given the refund was written but the process died before sending RefundIssued
    assert post(shop, tokens, refund()).status_code == 500
    assert store.get_refund("R1").status == "issued" and payments(queues) == []
    # When the agent's tool retries the same request
    again = post(shop, tokens, refund())
    # Then the message goes out once, with the same idempotency key, and a third call sends nothing
    assert again.status_code == 201
    assert post(shop, tokens, refund()).status_code == 201
    assert [m["idempotency_key"] for m in payments(queues)] == ["refund:R1"]


def test_a_crash_between_write_and_send_is_repaired_by_the_sweep(shop, tokens, queues, send_crashes_once):
    post(shop, tokens, refund())
    later = to_wire(utc_now() + timedelta(minutes=10))
    sweep = {"version": "0", "id": "x", "detail-type": "Scheduled Event", "source": "aws.events",
             "account": "123456789012", "time": later, "region": "us-east-1", "resources": [], "detail": {}}
    assert shop.lambda_.invoke("daily_sweep", sweep).payload["resent"] == 1
    assert shop.lambda_.invoke("daily_sweep", sweep).payload["resent"] == 0
    assert [m["idempotency_key"] for m in payments(queues)] == ["refund:R1"]
