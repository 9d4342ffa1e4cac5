"""monthly_close through the fan-out: snapshots, marketplace statistics, invoices, payments; twice changes nothing."""
import json

import pytest

from tests.support import events as ev
from tests.support.sqs import pump, sqs_event


def scheduled(at: str, detail: dict | None = None) -> dict:
    return {"version": "0", "id": "x", "detail-type": "Scheduled Event", "source": "aws.events",
            "account": "123456789012", "time": at, "region": "us-east-1", "resources": [], "detail": detail or {}}


def october_of(seller: str, orders: int, units: int, *, vat_id=None, registered="2026-01-05T00:00:00Z",
               contacts: int = 0) -> list[dict]:
    """A seller's October in DE: `orders` orders of `units` units, all shipped with valid tracking."""
    events = [ev.seller_registered(seller, vat_id=vat_id, occurred_at=registered)]
    for n in range(orders):
        order = f"{seller}-O{n}"
        events += [ev.order_placed(order, units=units, total="50.00", seller_id=seller,
                                   occurred_at="2026-10-02T10:00:00Z"),
                   ev.order_shipped(order, units=units, seller_id=seller, occurred_at="2026-10-03T10:00:00Z")]
    events += [ev.contact_created(f"{seller}-C{i}", f"{seller}-O0", seller_id=seller, topic="damaged",
                                  occurred_at="2026-10-04T10:00:00Z") for i in range(contacts)]
    return events


def deliver(client, envelopes):
    for start in range(0, len(envelopes), 10):
        assert client.lambda_.invoke("marketplace_events", sqs_event(envelopes[start:start + 10])).payload == {
            "batchItemFailures": []}


def close(client, month="2026-10"):
    fanned = client.lambda_.invoke("monthly_close", scheduled("2026-11-01T02:00:00Z")).payload
    assert fanned == {"month": month, "close_jobs": 7}
    return pump(client, "billing_jobs", "billing_jobs_queue")


@pytest.fixture
def october(client):
    deliver(client, october_of("S1", 30, 2) + october_of("S2", 35, 3, contacts=2, vat_id="DE136695976")
            + october_of("S3", 5, 2, registered="2026-10-01T00:00:00Z"))
    return client


def invoices_by_seller(store):
    return {r.seller_id: json.loads(r.body) for r in store.t.InvoiceRecord.scan()}


def test_the_close_writes_one_invoice_per_seller_with_activity_and_pays_those_above_zero(october, store, queues):
    # When
    close(october)
    # Then, under policy 2026-05 with no data before October (tier-2 rate EUR 0.41, not enough data):
    invoices = invoices_by_seller(store)
    assert {s: i["total"]["amount"] for s, i in invoices.items()} == {
        "S1": "29.27",  # 60 units x 0.41 = 24.60; DE resident without VAT id: 19% = 4.674 -> 4.67
        "S2": "43.05",  # 105 units x 0.41 = 43.05; valid German VAT id: reverse charge, 0
        "S3": "0.00",  # 10 units, all in its 90-day trial (and fewer than 30 orders)
    }
    assert invoices["S2"]["tax"]["reverse_charge"] is True and invoices["S1"]["policy_version"] == "2026-05"
    assert invoices["S1"]["invoice_id"] == f"INV-S1-{ev.DE}-2026-10"
    payments = sorted((p["invoice_id"], p["amount"]["amount"], p["idempotency_key"])
                      for p in (json.loads(m["body"]) for m in queues.drain("payments_queue")))
    assert payments == [(f"INV-S1-{ev.DE}-2026-10", "29.27", f"invoice:INV-S1-{ev.DE}-2026-10"),
                        (f"INV-S2-{ev.DE}-2026-10", "43.05", f"invoice:INV-S2-{ev.DE}-2026-10")]


def test_running_the_close_twice_changes_nothing_and_charges_nothing_twice(october, store, queues):
    close(october)
    first = (invoices_by_seller(store), [r.figures for r in store.t.SnapshotRecord.scan()])
    paid_first = queues.drain("payments_queue")
    close(october)
    october.lambda_.invoke("monthly_close", scheduled("2026-11-01T03:00:00Z", {"month": "2026-10"}))
    pump(october, "billing_jobs", "billing_jobs_queue")
    assert (invoices_by_seller(store), [r.figures for r in store.t.SnapshotRecord.scan()]) == first
    assert queues.drain("payments_queue") == [] and len(paid_first) == 2


def test_sellers_invoices_are_listed_and_another_sellers_invoice_is_not_shown(october, tokens):
    close(october)
    listed = json.loads(october.http.get("/sellers/S1/invoices?month=2026-10", headers=tokens.headers("S1")).body)
    assert [i["invoice_id"] for i in listed["invoices"]] == [f"INV-S1-{ev.DE}-2026-10"]
    one = october.http.get(f"/sellers/S1/invoices/INV-S1-{ev.DE}-2026-10", headers=tokens.headers("S1"))
    assert one.status_code == 200 and json.loads(one.body)["seller_id"] == "S1"
    theirs = october.http.get(f"/sellers/S1/invoices/INV-S2-{ev.DE}-2026-10", headers=tokens.headers("S1"))
    assert theirs.status_code == 404 and "S2" not in json.loads(theirs.body).get("lines", "")
    other_path = october.http.get(f"/sellers/S2/invoices/INV-S2-{ev.DE}-2026-10", headers=tokens.headers("S1"))
    assert other_path.status_code == 403
    assert october.http.get("/sellers/S1/invoices?month=2026-13", headers=tokens.headers("S1")).status_code == 400


def test_a_malformed_billing_job_is_dead_lettered_with_its_reason(client, queues):
    response = client.lambda_.invoke("billing_jobs", sqs_event(['{"type": "invoice"}'], "csba-local-billing-jobs"))
    assert response.payload == {"batchItemFailures": []}
    (dead,) = queues.drain("billing_jobs_dlq")
    assert "invalid billing job" in dead["attributes"]["reason"]


def test_a_crash_between_the_invoice_write_and_its_send_is_repaired_with_one_message(october, store, queues,
                                                                                      send_crashes_once):
    # Given the process dies after writing the first invoice, before its InvoiceIssued is sent
    calls = send_crashes_once
    close(october)  # the failed job is left on the queue and delivered again by pump
    # Then each invoice above zero was paid exactly once, with its idempotency key
    keys = sorted(json.loads(m["body"])["idempotency_key"] for m in queues.drain("payments_queue"))
    assert keys == [f"invoice:INV-S1-{ev.DE}-2026-10", f"invoice:INV-S2-{ev.DE}-2026-10"]
    assert calls.count(calls[0]) == 2  # the retried job resent the same message, with the same key
