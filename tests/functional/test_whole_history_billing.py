"""Billing over a seller's whole history (issue 15): the tier and the waivers read M-3..M, not M alone."""
import json

import pytest

from tests.functional.test_close_and_billing import deliver, scheduled
from tests.support import events as ev
from tests.support.sqs import pump


def month_of_orders(seller: str, month: str, orders: int, contacts: int) -> list[dict]:
    """`orders` CSBA orders of 3 units placed and shipped in `month`, and `contacts` contacts on the first."""
    events = []
    for n in range(orders):
        order = f"{seller}-{month}-O{n}"
        events += [ev.order_placed(order, units=3, seller_id=seller, occurred_at=f"{month}-05T10:00:00Z"),
                   ev.order_shipped(order, units=3, seller_id=seller, occurred_at=f"{month}-06T10:00:00Z")]
    return events + [ev.contact_created(f"{seller}-{month}-C{n}", f"{seller}-{month}-O0", seller_id=seller,
                                        topic="other", occurred_at=f"{month}-07T10:00:00Z") for n in range(contacts)]


def issue_15_history() -> list[dict]:
    """A DE seller without VAT id, registered long ago; Feb-Apr 2026: 12 orders x 3 units, 4 contacts; May 10 orders."""
    events = [ev.seller_registered("S15", country="DE", vat_id=None, occurred_at="2025-01-10T00:00:00Z")]
    for month in ("2026-02", "2026-03", "2026-04"):
        events += month_of_orders("S15", month, orders=12, contacts=4)
    return events + month_of_orders("S15", "2026-05", orders=10, contacts=0)


@pytest.fixture
def issue_15(client):
    deliver(client, issue_15_history())
    return client


def test_the_close_of_may_bills_tier_2_over_february_to_april_and_not_the_fewer_than_30_orders_waiver(issue_15,
                                                                                                       tokens):
    # When May 2026 is closed
    issue_15.lambda_.invoke("monthly_close", scheduled("2026-06-01T02:00:00Z"))
    pump(issue_15, "billing_jobs", "billing_jobs_queue")
    # Then: CPU 12 / 108 = 11.1% over Feb-Apr is tier 2; 34 CSBA orders over Mar-May are not fewer than 30
    response = issue_15.http.get(f"/sellers/S15/invoices/INV-S15-{ev.DE}-2026-05", headers=tokens.headers("S15"))
    invoice = json.loads(response.body)
    assert invoice["tier"] == 2 and invoice["policy_version"] == "2026-05"
    assert invoice["lines"] == [{"kind": "fee", "rule": "tier_2", "units": 30, "rate": "0.41",
                                 "amount": {"amount": "12.30", "currency": "EUR"}}]
    assert invoice["tax"] == {"rate": "0.19", "amount": {"amount": "2.34", "currency": "EUR"}, "reverse_charge": False}
    assert invoice["total"] == {"amount": "14.64", "currency": "EUR"}


def close(client, month_after: str) -> None:
    client.lambda_.invoke("monthly_close", scheduled(f"{month_after}-01T02:00:00Z"))
    pump(client, "billing_jobs", "billing_jobs_queue")


def test_a_month_without_events_has_no_snapshot_and_no_invoice(issue_15, store, tokens):
    # When May (active) and June (no event of S15) are closed
    close(issue_15, "2026-06")
    close(issue_15, "2026-07")
    # Then June has neither a snapshot nor an invoice; May has both
    assert store.get_snapshot("S15", ev.DE, "2026-06") is None and store.get_snapshot("S15", ev.DE, "2026-05")
    june = issue_15.http.get(f"/sellers/S15/invoices/INV-S15-{ev.DE}-2026-06", headers=tokens.headers("S15"))
    assert june.status_code == 404
    listed = json.loads(issue_15.http.get("/sellers/S15/invoices", headers=tokens.headers("S15")).body)
    assert [i["invoice_id"] for i in listed["invoices"]] == [f"INV-S15-{ev.DE}-2026-05"]


def twelve_shipments_one_without_valid_tracking(month: str) -> list[dict]:
    events = []
    for n in range(12):
        order = f"S4-{month}-O{n}"
        events += [ev.order_placed(order, seller_id="S4", occurred_at=f"{month}-03T10:00:00Z"),
                   ev.order_shipped(order, tracking_valid=n > 0, seller_id="S4", occurred_at=f"{month}-04T10:00:00Z")]
    return events


def test_a_closed_month_keeps_the_health_colours_of_its_close(client, tokens, monkeypatch):
    # Given S4's May and June each with 11 of 12 shipments validly tracked (91.7%: yellow), May closed
    deliver(client, [ev.seller_registered("S4", occurred_at="2025-01-10T00:00:00Z"),
                     *twelve_shipments_one_without_valid_tracking("2026-05"),
                     *twelve_shipments_one_without_valid_tracking("2026-06")])
    close(client, "2026-06")
    # When the valid tracking thresholds are raised (yellow from 98%)
    from chalicelib.domain import metrics
    monkeypatch.setitem(metrics._HEALTH_RULES, "valid_tracking_rate",
                        (metrics.operator.ge, metrics.Decimal("0.99"), metrics.Decimal("0.98")))
    # Then the closed May stays yellow, while the open June is judged by the new thresholds
    report = lambda month: json.loads(client.http.get(  # noqa: E731
        f"/sellers/S4/metrics/{ev.DE}?month={month}", headers=tokens.headers("S4")).body)
    may, june = report("2026-05"), report("2026-06")
    assert may["provisional"] is False
    assert (may["health"]["valid_tracking_rate"], may["health"]["overall"]) == ("yellow", "yellow")
    assert (june["provisional"], june["health"]["valid_tracking_rate"]) == (True, "red")
