"""The history of a seller's closed months: the figures of each month's report and its invoice total."""
import json

import pytest

from tests.functional.test_report import close_october, get_report, scripted_october
from tests.support import events as ev
from tests.support.sqs import pump, sqs_event


@pytest.fixture
def closed_october(client):
    envelopes = scripted_october() + [ev.seller_registered("SD", occurred_at="2026-09-01T00:00:00Z")]  # no activity
    for start in range(0, len(envelopes), 10):
        assert client.lambda_.invoke("marketplace_events", sqs_event(envelopes[start:start + 10])).payload == {
            "batchItemFailures": []}
    close_october(client)
    return client


def get_history(client, tokens, seller, query="?from=2026-01&to=2026-12", status=200):
    response = client.http.get(f"/sellers/{seller}/metrics/{ev.DE}/history{query}", headers=tokens.headers(seller))
    assert response.status_code == status, response.body
    return json.loads(response.body)


def test_a_closed_month_shows_its_report_figures_and_its_invoice_total(closed_october, tokens):
    history = get_history(closed_october, tokens, "SA")
    report = get_report(closed_october, tokens, "SA")
    invoice = json.loads(closed_october.http.get(f"/sellers/SA/invoices/INV-SA-{ev.DE}-2026-10",
                                                 headers=tokens.headers("SA")).body)
    assert [m["month"] for m in history["months"]] == ["2026-10"]  # the only month DE closed
    october = history["months"][0]
    assert october["rates"] == report["rates"] and october["overall"] == "red"
    assert (october["units_shipped"], october["contacts"]) == (40, 2)
    assert october["invoice_total"] == invoice["total"]
    assert october["marketplace_average"] == report["marketplace_average"]


def test_a_closed_month_without_activity_has_null_rates_and_no_invoice(closed_october, tokens):
    (october,) = get_history(closed_october, tokens, "SD")["months"]
    assert october["units_shipped"] == 0 and october["invoice_total"] is None and october["overall"] is None
    assert set(october["rates"].values()) == {None}


@pytest.mark.parametrize("query", ["?from=2024-01&to=2026-01", "?from=2026-10&to=2026-09", "?from=2026-1&to=2026-10",
                                   "?to=2026-13"])
def test_more_than_24_months_or_a_bad_month_is_a_400(closed_october, tokens, query):
    body = get_history(closed_october, tokens, "SA", query, status=400)
    assert body["Code"] == "BadRequestError" and body["Message"]


def test_24_months_are_allowed(closed_october, tokens):
    assert len(get_history(closed_october, tokens, "SA", "?from=2024-11&to=2026-10")["months"]) == 1


def test_the_report_gives_the_rate_per_unit_of_next_months_tier(closed_october, tokens):
    report = get_report(closed_october, tokens, "SA")
    assert report["next_tier"] == 1 and report["next_tier_rate"] == {"amount": "0.09", "currency": "EUR"}  # DE card
    sc = get_report(closed_october, tokens, "SC")  # no unit shipped: not enough data, charged at tier 2
    assert sc["next_tier"] is None and sc["next_tier_rate"] == {"amount": "0.41", "currency": "EUR"}


def test_after_a_correction_the_month_shows_its_current_revision_total(closed_october, tokens):
    # Given SA's October invoiced, then 30 more orders of a unit and a contact arrive late (still free: SA's
    # orders of October are in its 90-day trial, so the revision differs in its units, not its total)
    late = [e for n in range(30) for e in (
        ev.order_placed(f"A9-{n}", units=1, seller_id="SA", occurred_at="2026-10-20T10:00:00Z"),
        ev.order_shipped(f"A9-{n}", units=1, seller_id="SA", occurred_at="2026-10-21T10:00:00Z"))]
    late.append(ev.contact_created("AC9", "A9-0", topic="other", seller_id="SA", occurred_at="2026-10-22T10:00:00Z"))
    for start in range(0, len(late), 10):
        assert closed_october.lambda_.invoke("marketplace_events", sqs_event(late[start:start + 10])).payload == {
            "batchItemFailures": []}
    first = get_history(closed_october, tokens, "SA")["months"][0]
    # When October is re-closed for SA
    event = {"version": "0", "id": "x", "detail-type": "Scheduled Event", "source": "aws.events",
             "account": "123456789012", "time": "2026-11-20T09:00:00Z", "region": "us-east-1", "resources": [],
             "detail": {"month": "2026-10", "reclose": True, "seller_id": "SA"}}
    closed_october.lambda_.invoke("monthly_close", event)
    pump(closed_october, "billing_jobs", "billing_jobs_queue")
    # Then the history shows the revision's total and the recomputed figures
    revision = json.loads(closed_october.http.get(f"/sellers/SA/invoices/INV-SA-{ev.DE}-2026-10-2",
                                                  headers=tokens.headers("SA")).body)
    october = get_history(closed_october, tokens, "SA")["months"][0]
    assert revision["replaces"] == f"INV-SA-{ev.DE}-2026-10" and october["invoice_total"] == revision["total"]
    assert (first["units_shipped"], first["contacts"]) == (40, 2)  # the closed month stays frozen until re-closed
    assert (october["units_shipped"], october["contacts"]) == (70, 3) and revision["lines"][0]["units"] == 70
