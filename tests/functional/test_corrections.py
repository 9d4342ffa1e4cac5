"""Correcting a closed month (DESIGN section 7): late events, a re-close, credit notes and revised invoices."""
import json

import pytest

from tests.support import events as ev
from tests.support.scenario import scheduled
from tests.support.sqs import pump, sqs_event

DE_CN, DE_INV = f"CN-S1-{ev.DE}-2026-10", f"INV-S1-{ev.DE}-2026-10"


def orders(seller: str, prefix: str, count: int, units: int, day: str, market: str = ev.DE,
           currency: str = "EUR") -> list[dict]:
    """`count` CSBA orders of `units` units placed and shipped (valid tracking) on `day` (YYYY-MM-DD)."""
    total = "5000" if currency == "JPY" else "50.00"
    return [e for n in range(count) for e in (
        ev.order_placed(f"{prefix}{n}", units=units, total=total, currency=currency, seller_id=seller,
                        marketplace_id=market, occurred_at=f"{day}T10:00:00Z"),
        ev.order_shipped(f"{prefix}{n}", units=units, seller_id=seller, marketplace_id=market,
                         occurred_at=f"{day}T12:00:00Z"))]


def registered(seller: str, market: str = ev.DE, country: str = "DE", vat_id=None) -> dict:
    return ev.seller_registered(seller, marketplace_id=market, country=country, vat_id=vat_id,
                                occurred_at="2026-01-05T00:00:00Z")


def deliver(client, envelopes):
    for start in range(0, len(envelopes), 10):
        assert client.lambda_.invoke("marketplace_events", sqs_event(envelopes[start:start + 10])).payload == {
            "batchItemFailures": []}


def close(client) -> int:
    assert client.lambda_.invoke("monthly_close", scheduled("2026-11-01T02:00:00Z")).payload["close_jobs"] == 7
    return pump(client, "billing_jobs", "billing_jobs_queue")


def reclose(client, **detail) -> dict:
    fanned = client.lambda_.invoke("monthly_close", scheduled("2026-11-20T09:00:00Z", {
        "month": "2026-10", "reclose": True, **detail})).payload
    pump(client, "billing_jobs", "billing_jobs_queue")
    return fanned


def documents(store, seller: str) -> dict[str, dict]:
    return {d.invoice_id: d.to_wire() for d in store.seller_invoices(seller, None, None)}


def payments(queues) -> list[tuple[str, str, str]]:
    bodies = [json.loads(m["body"]) for m in queues.drain("payments_queue")]
    return sorted((b["type"], b["idempotency_key"], b["amount"]["amount"]) for b in bodies)


@pytest.fixture
def closed_october(client, queues):
    """S1 (DE resident, no VAT id) shipped 60 units, S2 105 units (reverse charge); October closed and paid."""
    deliver(client, [registered("S1"), registered("S2", vat_id="DE136695976"),
                     *orders("S1", "S1-O", 30, 2, "2026-10-02"), *orders("S2", "S2-O", 35, 3, "2026-10-02")])
    close(client)
    assert payments(queues) == [("InvoiceIssued", f"invoice:{DE_INV}", "29.27"),
                                ("InvoiceIssued", f"invoice:INV-S2-{ev.DE}-2026-10", "43.05")]
    return client


def test_late_shipments_then_a_reclose_credit_the_invoice_and_issue_a_revision(closed_october, store, queues):
    # Given five more October orders of S1 arrive after the close
    deliver(closed_october, orders("S1", "S1-LATE", 5, 2, "2026-10-30"))
    # When October is re-closed
    assert reclose(closed_october) == {"month": "2026-10", "reclose": True, "seller_id": None, "close_jobs": 7}
    # Then S1's invoice is credited in full and replaced; 70 x 0.41 = 28.70 + 19% (5.453 -> 5.45) = 34.15
    s1 = documents(store, "S1")
    assert set(s1) == {DE_INV, f"{DE_CN}-1", f"{DE_INV}-2"}
    assert (s1[DE_INV]["status"], s1[DE_INV]["kind"], s1[DE_INV]["replaces"]) == ("credited", "invoice", None)
    note = s1[f"{DE_CN}-1"]
    assert (note["kind"], note["credits"], note["status"], note["total"]["amount"]) == (
        "credit_note", DE_INV, "issued", "-29.27")
    assert [line["amount"]["amount"] for line in note["lines"]] == ["-24.60"]
    assert note["tax"]["amount"]["amount"] == "-4.67"
    revised = s1[f"{DE_INV}-2"]
    assert (revised["replaces"], revised["status"], revised["total"]["amount"]) == (DE_INV, "issued", "34.15")
    assert revised["lines"][0]["units"] == 70
    # and payments see the credit (negative) and the new charge; S2, unchanged, gets nothing
    assert payments(queues) == [("CreditNoteIssued", f"credit:{DE_CN}-1", "-29.27"),
                                ("InvoiceIssued", f"invoice:{DE_INV}-2", "34.15")]
    assert set(documents(store, "S2")) == {f"INV-S2-{ev.DE}-2026-10"}
    # and the month's snapshot counts what arrived late
    assert store.get_snapshot("S1", ev.DE, "2026-10").counters.units_shipped == 70


def test_a_reclose_run_twice_issues_nothing_the_second_time(closed_october, store, queues):
    deliver(closed_october, orders("S1", "S1-LATE", 5, 2, "2026-10-30"))
    reclose(closed_october)
    first, paid = documents(store, "S1"), payments(queues)
    reclose(closed_october)
    assert documents(store, "S1") == first and payments(queues) == [] and len(paid) == 2


def test_a_reclose_with_nothing_late_issues_nothing(closed_october, store, queues):
    reclose(closed_october)
    assert set(documents(store, "S1")) == {DE_INV} and payments(queues) == []


def test_a_second_correction_credits_the_first_revision(closed_october, store, queues):
    deliver(closed_october, orders("S1", "S1-LATE", 5, 2, "2026-10-30"))
    reclose(closed_october)
    deliver(closed_october, orders("S1", "S1-LATER", 1, 2, "2026-10-31"))
    reclose(closed_october)
    s1 = documents(store, "S1")
    assert {i: d["status"] for i, d in s1.items()} == {
        DE_INV: "credited", f"{DE_CN}-1": "issued", f"{DE_INV}-2": "credited", f"{DE_CN}-2": "issued",
        f"{DE_INV}-3": "issued"}
    assert (s1[f"{DE_CN}-2"]["credits"], s1[f"{DE_INV}-3"]["replaces"]) == (f"{DE_INV}-2", f"{DE_INV}-2")
    # 72 x 0.41 = 29.52 + 5.61 (5.6088) = 35.13
    assert payments(queues)[-3:] == [("CreditNoteIssued", f"credit:{DE_CN}-2", "-34.15"),
                                     ("InvoiceIssued", f"invoice:{DE_INV}-2", "34.15"),
                                     ("InvoiceIssued", f"invoice:{DE_INV}-3", "35.13")]


def test_a_seller_only_reclose_corrects_that_seller_alone(closed_october, store, queues):
    deliver(closed_october, orders("S1", "S1-LATE", 5, 2, "2026-10-30") + orders("S2", "S2-LATE", 1, 3, "2026-10-30"))
    stats_before = store.get_market_stats(ev.DE, "2026-10")
    fanned = reclose(closed_october, seller_id="S1")
    assert fanned["seller_id"] == "S1" and fanned["close_jobs"] == 7
    assert set(documents(store, "S1")) == {DE_INV, f"{DE_CN}-1", f"{DE_INV}-2"}
    assert set(documents(store, "S2")) == {f"INV-S2-{ev.DE}-2026-10"}
    assert store.get_snapshot("S2", ev.DE, "2026-10").counters.units_shipped == 105
    assert store.get_market_stats(ev.DE, "2026-10") == stats_before
    assert [p[1] for p in payments(queues)] == [f"credit:{DE_CN}-1", f"invoice:{DE_INV}-2"]


def test_a_seller_active_in_the_month_only_now_gets_its_first_invoice(closed_october, store, queues):
    deliver(closed_october, [registered("S3")] + orders("S3", "S3-O", 30, 1, "2026-10-15"))
    reclose(closed_october)
    assert {i: d["status"] for i, d in documents(store, "S3").items()} == {f"INV-S3-{ev.DE}-2026-10": "issued"}
    # 30 x 0.41 = 12.30 + 19% (2.337 -> 2.34) = 14.64
    assert payments(queues) == [("InvoiceIssued", f"invoice:INV-S3-{ev.DE}-2026-10", "14.64")]


def test_a_revision_to_zero_sends_the_credit_note_alone(client, store, queues):
    # Given S1 had 20 units in September (not enough data: charged at the tier-2 rate in October)
    deliver(client, [registered("S1"), *orders("S1", "SEP", 10, 2, "2026-09-10"), *orders("S1", "OCT", 30, 2,
                                                                                          "2026-10-02")])
    close(client)
    assert payments(queues) == [("InvoiceIssued", f"invoice:{DE_INV}", "29.27")]
    # When 10 more September units arrive late: 30 prior units, no contact, CPU 0% < 3%: October is free
    deliver(client, orders("S1", "SEP-LATE", 5, 2, "2026-09-20"))
    reclose(client)
    revised = documents(store, "S1")[f"{DE_INV}-2"]
    assert revised["total"]["amount"] == "0.00" and revised["lines"][-1]["rule"] == "cpu_below_3_percent"
    assert payments(queues) == [("CreditNoteIssued", f"credit:{DE_CN}-1", "-29.27")]


def test_a_jp_correction_is_in_whole_yen(client, store, queues):
    # Given a JP resident seller in JP with 60 units (tier-2 rate 65 yen, 10% tax): 3,900 + 390 = 4,290
    deliver(client, [registered("J1", ev.JP, "JP"), *orders("J1", "J1-O", 30, 2, "2026-10-02", ev.JP, "JPY")])
    close(client)
    assert payments(queues) == [("InvoiceIssued", f"invoice:INV-J1-{ev.JP}-2026-10", "4290")]
    # When 10 units arrive late: 70 x 65 = 4,550 + 455 = 5,005
    deliver(client, orders("J1", "J1-LATE", 5, 2, "2026-10-31", ev.JP, "JPY"))
    reclose(client)
    assert payments(queues) == [("CreditNoteIssued", f"credit:CN-J1-{ev.JP}-2026-10-1", "-4290"),
                                ("InvoiceIssued", f"invoice:INV-J1-{ev.JP}-2026-10-2", "5005")]
    note = documents(store, "J1")[f"CN-J1-{ev.JP}-2026-10-1"]
    assert (note["currency"], note["tax"]["amount"]["amount"]) == ("JPY", "-390")


def test_a_reclose_of_a_month_never_closed_is_refused_and_enqueues_nothing(client, queues):
    answer = client.lambda_.invoke("monthly_close", scheduled("2026-11-20T09:00:00Z", {
        "month": "2026-10", "reclose": True})).payload
    assert answer["close_jobs"] == 0 and "never closed" in answer["refused"]
    assert queues.drain("billing_jobs_queue") == []


@pytest.mark.parametrize("detail", [{"reclose": "yes"}, {"reclose": True, "seller_id": 7},
                                    {"reclose": True, "month": "2026-13"}])
def test_a_malformed_reclose_is_refused_and_enqueues_nothing(closed_october, queues, detail):
    answer = closed_october.lambda_.invoke("monthly_close", scheduled("2026-11-20T09:00:00Z", {
        "month": "2026-10", **detail})).payload
    assert answer["close_jobs"] == 0 and answer["refused"]
    assert queues.drain("billing_jobs_queue") == []


def test_the_invoice_routes_show_the_chain_newest_first_with_kind_status_and_links(closed_october, tokens):
    deliver(closed_october, orders("S1", "S1-LATE", 5, 2, "2026-10-30"))
    reclose(closed_october)
    listed = closed_october.http.get("/sellers/S1/invoices?month=2026-10", headers=tokens.headers("S1"))
    chain = [(i["invoice_id"], i["kind"], i["status"], i.get("replaces"), i.get("credits"))
             for i in json.loads(listed.body)["invoices"]]
    assert chain == [
        (f"{DE_INV}-2", "invoice", "issued", DE_INV, None),
        (f"{DE_CN}-1", "credit_note", "issued", None, DE_INV),
        (DE_INV, "invoice", "credited", None, None)]
    note = closed_october.http.get(f"/sellers/S1/invoices/{DE_CN}-1", headers=tokens.headers("S1"))
    assert note.status_code == 200 and json.loads(note.body)["credit_note_id"] == f"{DE_CN}-1"
    assert closed_october.http.get(f"/sellers/S2/invoices/{DE_CN}-1", headers=tokens.headers("S2")).status_code == 404
