"""The performance report and the identifier for a hand-computed month of three sellers in DE (October 2026)."""
import json

import pytest

from tests.support import events as ev
from tests.support.sqs import pump, sqs_event

OCT = lambda day, hour=10, minute=0: f"2026-10-{day:02d}T{hour:02d}:{minute:02d}:00Z"  # noqa: E731


def scripted_october() -> list[dict]:
    registered = "2026-09-01T00:00:00Z"
    sa = [ev.seller_registered("SA", occurred_at=registered),
          ev.order_placed("A1", units=40, seller_id="SA", occurred_at=OCT(1)),
          *[ev.order_shipped("A1", units=10, tracking_valid=i < 3, seller_id="SA", occurred_at=OCT(2))
            for i in range(4)],
          ev.return_requested("A1", "AR1", prepaid_label=True, seller_id="SA", occurred_at=OCT(9)),
          ev.contact_created("AC1", "A1", topic="damaged", seller_id="SA", occurred_at=OCT(5)),
          ev.contact_created("AC2", "A1", topic="other", seller_id="SA", occurred_at=OCT(5)),
          ev.contact_responded("AC1", OCT(5, 11), seller_id="SA"),          # 60 minutes
          ev.contact_responded("AC2", OCT(6, 16), seller_id="SA"),          # 30 h = 1800 minutes
          ev.survey_answered("AC1", True, seller_id="SA", occurred_at=OCT(7)),
          ev.survey_answered("AC2", False, seller_id="SA", occurred_at=OCT(8))]
    sb = [ev.seller_registered("SB", occurred_at=registered),
          ev.order_placed("B1", units=60, seller_id="SB", occurred_at=OCT(1)),
          *[ev.order_shipped("B1", units=30, seller_id="SB", occurred_at=OCT(2)) for _ in range(2)],
          ev.contact_created("BC1", "B1", topic="other", seller_id="SB", occurred_at=OCT(5)),
          ev.contact_responded("BC1", OCT(5, 12), seller_id="SB")]        # 120 minutes
    sc = [ev.seller_registered("SC", occurred_at=registered),
          ev.order_placed("C1", units=2, seller_id="SC", occurred_at=OCT(3))]  # placed, never shipped: 0 units
    return sa + sb + sc


@pytest.fixture
def october(client):
    envelopes = scripted_october()
    for start in range(0, len(envelopes), 10):
        assert client.lambda_.invoke("marketplace_events", sqs_event(envelopes[start:start + 10])).payload == {
            "batchItemFailures": []}
    return client


def close_october(client):
    event = {"version": "0", "id": "x", "detail-type": "Scheduled Event", "source": "aws.events",
             "account": "123456789012", "time": "2026-11-01T02:00:00Z", "region": "us-east-1", "resources": [],
             "detail": {}}
    client.lambda_.invoke("monthly_close", event)
    pump(client, "billing_jobs", "billing_jobs_queue")


def get_report(client, tokens, seller, query="?month=2026-10"):
    response = client.http.get(f"/sellers/{seller}/metrics/{ev.DE}{query}", headers=tokens.headers(seller))
    assert response.status_code == 200, response.body
    return json.loads(response.body)


def test_the_closed_month_report_equals_the_hand_computed_figures(october, tokens):
    close_october(october)
    sa = get_report(october, tokens, "SA")
    assert sa["provisional"] is False and sa["month"] == "2026-10"
    assert sa["rates"] == {
        "valid_tracking_rate": 0.75,           # 3 of 4 shipments
        "prepaid_return_label_rate": 1.0,      # 1 of 1 return
        "contacts_per_unit": 0.05,             # 2 contacts / 40 units
        "preventable_contact_rate": 0.025,     # 1 damaged / 40 units
        "answered_within_24h_rate": 0.5,       # 60 min yes, 1800 min no
        "dissatisfaction_rate": 0.5,           # 1 "no" of 2 answers
        "average_response_minutes": 930.0,     # (60 + 1800) / 2
        "seller_answered_within_24h_rate": None,  # no contact routed to the seller
    }
    assert sa["health"] == {"answered_within_24h_rate": "red", "dissatisfaction_rate": "red",
                            "valid_tracking_rate": "red", "preventable_contact_rate": "yellow",
                            "seller_answered_within_24h_rate": None, "overall": "red"}
    assert (sa["trailing_cpu"], sa["next_tier"]) == (0.05, 1)  # 2/40 = 5%: tier 1 (<= 5%)
    assert sa["counts"]["units_shipped"] == 40 and sa["counts"]["contacts_preventable"] == 1


def test_marketplace_average_and_top_decile_are_over_sellers_with_30_units(october, tokens):
    close_october(october)
    report = get_report(october, tokens, "SB")
    # Eligible: SA (40 units) and SB (60 units); SC has 0 units. Average = mean of the two rates.
    assert report["marketplace_average"] == {
        "valid_tracking_rate": 0.875,          # (0.75 + 1.0) / 2
        "prepaid_return_label_rate": 1.0,      # SA only: SB had no returns
        "contacts_per_unit": 0.0333,           # (0.05 + 0.016666...) / 2 = 0.0333...
        "preventable_contact_rate": 0.0125,    # (0.025 + 0) / 2
        "answered_within_24h_rate": 0.75,      # (0.5 + 1.0) / 2
        "dissatisfaction_rate": 0.5,           # SA only: SB had no survey
        "average_response_minutes": 525.0,     # (930 + 120) / 2
        "seller_answered_within_24h_rate": None,
    }
    # Two sellers: the best tenth is the best one (k = ceil(2/10) = 1)
    assert report["top_decile"] == {
        "valid_tracking_rate": 1.0, "prepaid_return_label_rate": 1.0, "contacts_per_unit": 0.0167,
        "preventable_contact_rate": 0.0, "answered_within_24h_rate": 1.0, "dissatisfaction_rate": 0.5,
        "average_response_minutes": 120.0, "seller_answered_within_24h_rate": None}
    assert report["rates"]["dissatisfaction_rate"] is None and report["health"]["overall"] == "green"


def test_a_seller_with_zero_units_has_null_rates_and_no_tier(october, tokens):
    close_october(october)
    sc = get_report(october, tokens, "SC")
    assert sc["counts"]["csba_orders"] == 1 and sc["counts"]["units_shipped"] == 0
    assert all(value is None for value in sc["rates"].values())
    assert sc["health"]["overall"] is None and sc["trailing_cpu"] is None and sc["next_tier"] is None


def test_the_unclosed_month_is_provisional_from_live_counters(october, tokens):
    live = get_report(october, tokens, "SA")
    assert live["provisional"] is True and live["rates"]["valid_tracking_rate"] == 0.75
    assert all(v is None for v in live["marketplace_average"].values())


def test_without_a_month_the_last_closed_month_answers(october, tokens, client):
    response = client.http.get(f"/sellers/SA/metrics/{ev.DE}", headers=tokens.headers("SA"))
    assert response.status_code == 404
    close_october(october)
    assert get_report(october, tokens, "SA", query="")["month"] == "2026-10"


def test_report_errors(october, tokens, client):
    ask = lambda seller, path, who="SA": client.http.get(f"/sellers/{seller}/metrics/{path}",  # noqa: E731
                                                          headers=tokens.headers(who)).status_code
    assert ask("SA", f"{ev.DE}?month=2026-1") == 400
    assert ask("SA", f"{ev.DE}?month=2099-01") == 400
    assert ask("SA", "XX?month=2026-10") == 422
    assert ask("SZ", f"{ev.DE}?month=2026-10", who="SZ") == 404
    assert ask("SB", f"{ev.DE}?month=2026-10") == 403


def identifier(client, seller):
    response = client.http.get(f"/identifier/{ev.DE}/{seller}")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "max-age=300"
    return json.loads(response.body)


def test_a_seller_who_turns_red_loses_the_identifier(october):
    assert identifier(october, "SA") == {"show": True, "label": "Customer service by Amazon"}
    close_october(october)
    assert identifier(october, "SA")["show"] is False     # October was red
    assert identifier(october, "SB")["show"] is True
    assert identifier(october, "SC")["show"] is True      # nothing measured: not red
    assert identifier(october, "NOBODY") == {"show": False, "label": "Customer service by Amazon"}


def test_an_opted_out_seller_has_no_identifier(october, tokens, client):
    client.http.delete(f"/sellers/SB/enrollments/{ev.DE}", headers=tokens.headers("SB"))
    assert identifier(october, "SB")["show"] is False
