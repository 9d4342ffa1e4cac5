"""A seller registered in two marketplaces, the later registration delivered first (delivery is unordered).

Its residence and VAT id, and so the tax on its invoices, are those of the later registration in either order.

The case the insights differential test found (seller S2, UK): registered in the UK on 2 Oct 2025 and in
JP on 19 Mar 2026, opted out of the UK on 4 Jan 2026, suspended 9-14 Jan, asks to opt in again on 11 Jan.
Suspended then, it is refused; its UK order of May is no CSBA order, so the insights window of 8 Jun
(2026-W20..W23) has no units: every rate null, not 0.0.
"""
import json
from datetime import datetime, timezone

import pytest

from chalicelib.entrypoints import enrollment_routes
from tests.support import clock
from tests.support import events as ev
from tests.support.scenario import scheduled
from tests.support.sqs import pump, sqs_event

UK_PATH = f"/sellers/S2/enrollments/{ev.UK}"


def deliver(client, *envelopes):
    for envelope in envelopes:
        assert client.lambda_.invoke("marketplace_events", sqs_event([envelope])).payload == {"batchItemFailures": []}


def at(text: str, monkeypatch) -> None:
    instant = datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)
    monkeypatch.setattr(enrollment_routes, "utc_now", lambda: instant)


@pytest.mark.parametrize("jp_first", [True, False], ids=["jp-registration-first", "uk-registration-first"])
def test_a_seller_suspended_between_its_registrations_may_not_opt_in_and_its_orders_are_not_counted(
        client, tokens, monkeypatch, jp_first):
    clock.freeze(monkeypatch, "2026-06-08T10:00:00Z")
    uk = ev.seller_registered("S2", ev.UK, country="ES", occurred_at="2025-10-02T00:00:00Z")
    jp = ev.seller_registered("S2", ev.JP, country="ES", occurred_at="2026-03-19T22:00:00Z")
    # Given both registrations, in either order
    deliver(client, *([jp, uk] if jp_first else [uk, jp]))
    # and an opt-out of the UK on 4 Jan, a suspension on 9 Jan
    at("2026-01-04T06:57:57Z", monkeypatch)
    assert client.http.delete(UK_PATH, headers=tokens.headers("S2")).status_code == 200
    deliver(client, ev.seller_status_changed("suspended", "S2", ev.UK, occurred_at="2026-01-09T06:57:57Z"))
    # When the seller asks to opt in again on 11 Jan
    at("2026-01-11T06:57:57Z", monkeypatch)
    refused = client.http.put(UK_PATH, headers=tokens.headers("S2"))
    # Then it is refused: suspended since 9 Jan
    assert refused.status_code == 409 and "suspended" in json.loads(refused.body)["Message"]
    # And an MFN order placed and shipped in May (2026-W21) after it is active again is no CSBA order
    deliver(client, ev.seller_status_changed("active", "S2", ev.UK, occurred_at="2026-01-14T06:57:57Z"),
            ev.order_placed("O1", units=2, seller_id="S2", marketplace_id=ev.UK, currency="GBP",
                            occurred_at="2026-05-19T10:00:00Z"),
            ev.order_shipped("O1", units=2, seller_id="S2", marketplace_id=ev.UK, occurred_at="2026-05-20T10:00:00Z"))
    window = json.loads(client.http.get(f"/sellers/S2/insights/{ev.UK}", headers=tokens.headers("S2")).body)
    assert (window["window"]["from"], window["window"]["to"]) == ("2026-05-11T00:00:00Z", "2026-06-08T00:00:00Z")
    assert [w["week"] for w in window["weeks"]] == ["2026-W20", "2026-W21", "2026-W22", "2026-W23"]
    assert window["rates"]["contacts_per_unit"] is None and window["rates"]["preventable_contact_rate"] is None
    assert all(rate is None for week in window["weeks"] for rate in week["rates"].values())


FR = "A13V1IB3VIYZZH"
OCTOBER_INVOICE = f"/sellers/S2/invoices/INV-S2-{ev.DE}-2026-10"


@pytest.mark.parametrize("earlier_first", [True, False], ids=["earlier-registration-first", "later-first"])
def test_residence_and_vat_id_are_the_latest_registrations_and_the_invoice_taxes_by_them(
        client, tokens, earlier_first):
    # Given S2 registered in DE on 2 Oct 2025 resident in ES with a valid VAT id (reverse charge), and in FR
    # on 19 Mar 2026 resident in DE without one (German VAT, 19%), the two delivered in either order
    de = ev.seller_registered("S2", ev.DE, country="ES", vat_id="ESA28015865", occurred_at="2025-10-02T00:00:00Z")
    fr = ev.seller_registered("S2", FR, country="DE", vat_id=None, occurred_at="2026-03-19T22:00:00Z")
    deliver(client, *([de, fr] if earlier_first else [fr, de]))
    # Then its profile is the March registration's
    profile = json.loads(client.http.get("/sellers/S2", headers=tokens.headers("S2")).body)
    assert (profile["country"], profile["vat_id"], profile["vat_id_valid"]) == ("DE", None, False)
    # And when its October in DE is closed (30 orders of 2 units: 60 x EUR 0.41 = 24.60, not free under 2026-05)
    orders = [ev.order_placed(f"O{n}", units=2, seller_id="S2", occurred_at="2026-10-02T10:00:00Z")
              for n in range(30)]
    shipped = [ev.order_shipped(f"O{n}", units=2, seller_id="S2", occurred_at="2026-10-03T10:00:00Z")
               for n in range(30)]
    for batch in (orders[:10], orders[10:20], orders[20:], shipped[:10], shipped[10:20], shipped[20:]):
        assert client.lambda_.invoke("marketplace_events", sqs_event(batch)).payload == {"batchItemFailures": []}
    client.lambda_.invoke("monthly_close", scheduled("2026-11-01T02:00:00Z"))
    pump(client, "billing_jobs", "billing_jobs_queue")
    # Then its invoice charges German VAT, 19% of 24.60, no reverse charge
    invoice = json.loads(client.http.get(OCTOBER_INVOICE, headers=tokens.headers("S2")).body)
    assert invoice["subtotal"]["amount"] == "24.60"
    assert invoice["tax"] == {"rate": "0.19", "amount": {"amount": "4.67", "currency": "EUR"}, "reverse_charge": False}
    assert invoice["total"]["amount"] == "29.27"
