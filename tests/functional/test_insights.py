"""CS Insights through the real handlers: the 4-week window equals a hand computation (events on week
boundaries, a response in the week after its contact, a changed survey answer, ISO week 53 across a
year change), and the marketplace average and top performers once `weekly_insights` has run."""
import json

import pytest

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.weeks import SHARDS

from tests.support import clock
from tests.support import events as ev
from tests.support.sqs import pump, sqs_event

NOV = lambda day, hour=10, minute=0, second=0: f"2026-11-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}Z"  # noqa


def deliver(client, envelopes):
    for start in range(0, len(envelopes), 10):
        assert client.lambda_.invoke("marketplace_events", sqs_event(envelopes[start:start + 10])).payload == {
            "batchItemFailures": []}


def fire_weekly_insights(client, at: str, detail=None):
    event = {"version": "0", "id": "x", "detail-type": "Scheduled Event", "source": "aws.events",
             "account": "123456789012", "time": at, "region": "us-east-1", "resources": [], "detail": detail or {}}
    result = client.lambda_.invoke("weekly_insights", event).payload
    pump(client, "billing_jobs", "billing_jobs_queue")
    return result


def get_insights(client, tokens, seller, marketplace=ev.DE):
    response = client.http.get(f"/sellers/{seller}/insights/{marketplace}", headers=tokens.headers(seller))
    assert response.status_code == 200, response.body
    return json.loads(response.body)


def november() -> list[dict]:
    """Three sellers in DE; the window at 30 Nov 2026 10:00 is 2026-W45..W48 (2 Nov 00:00 to 30 Nov 00:00)."""
    s1 = [ev.seller_registered("S1", occurred_at="2026-10-01T00:00:00Z"),
          ev.order_placed("O1", units=60, seller_id="S1", occurred_at="2026-10-30T09:00:00Z"),
          ev.order_shipped("O1", units=10, seller_id="S1", occurred_at=NOV(1, 23, 59, 59)),  # W44: before
          ev.order_shipped("O1", units=20, seller_id="S1", occurred_at=NOV(2, 0)),            # W45, first second
          ev.order_shipped("O1", units=30, seller_id="S1", occurred_at=NOV(29, 23, 59, 59)),  # W48, last second
          ev.contact_created("C3", "O1", topic="wrong_item", seller_id="S1", occurred_at=NOV(1, 22)),  # W44
          ev.contact_responded("C3", NOV(2, 23), seller_id="S1"),     # W45: 25 h = 1500 min, late
          ev.contact_created("C1", "O1", topic="damaged", seller_id="S1", occurred_at=NOV(10, 8)),     # W46
          ev.contact_responded("C1", NOV(10, 9, 30), seller_id="S1"),  # W46: 90 min
          ev.contact_created("C2", "O1", topic="other", seller_id="S1", occurred_at=NOV(29, 20)),      # W48
          ev.contact_responded("C2", NOV(30, 2), seller_id="S1"),      # W49: after the window
          ev.survey_answered("C3", False, seller_id="S1", occurred_at=NOV(3)),   # W45: no
          ev.survey_answered("C1", False, seller_id="S1", occurred_at=NOV(11)),  # W46: no ...
          ev.survey_answered("C1", True, seller_id="S1", occurred_at=NOV(12))]   # ... then yes (latest counts)
    s2 = [ev.seller_registered("S2", occurred_at="2026-10-01T00:00:00Z"),
          ev.order_placed("O2", units=30, seller_id="S2", occurred_at=NOV(15)),
          ev.order_shipped("O2", units=30, seller_id="S2", occurred_at=NOV(16)),           # W47
          ev.contact_created("C4", "O2", seller_id="S2", occurred_at=NOV(17, 8)),            # where is my order
          ev.contact_responded("C4", NOV(17, 8, 30), seller_id="S2")]                        # 30 min
    s3 = [ev.seller_registered("S3", occurred_at="2026-10-01T00:00:00Z"),                    # 29 units: not eligible
          ev.order_placed("O3", units=29, seller_id="S3", occurred_at=NOV(15)),
          ev.order_shipped("O3", units=29, seller_id="S3", occurred_at=NOV(16)),
          ev.contact_created("C5", "O3", topic="damaged", seller_id="S3", occurred_at=NOV(17, 8))]
    return s1 + s2 + s3


@pytest.fixture
def nov_window(client, monkeypatch):
    clock.freeze(monkeypatch, "2026-11-30T10:00:00Z")
    deliver(client, november())
    return client


S1_WINDOW = {
    "preventable_contact_rate": 0.02,      # C1 (damaged) / 50 units (20 in W45 + 30 in W48; 10 in W44 are out)
    "average_response_minutes": 795.0,     # (1500 for C3 + 90 for C1) / 2; C2's response falls in W49
    "dissatisfaction_rate": 0.5,           # C3 no, C1 yes (its latest answer): 1 of 2
    "answered_within_24h_rate": 0.5,       # C1 within, C3 not
    "contacts_per_unit": 0.04,             # C1 and C2 / 50 units (C3 was created in W44)
}
S1_WEEKS = [
    {"week": "2026-W45", "units_shipped": 20, "rates": {
        "preventable_contact_rate": 0.0, "average_response_minutes": 1500.0, "dissatisfaction_rate": 1.0,
        "answered_within_24h_rate": 0.0, "contacts_per_unit": 0.0}},
    {"week": "2026-W46", "units_shipped": 0, "rates": {
        "preventable_contact_rate": None, "average_response_minutes": 90.0, "dissatisfaction_rate": 0.0,
        "answered_within_24h_rate": 1.0, "contacts_per_unit": None}},
    {"week": "2026-W47", "units_shipped": 0, "rates": dict.fromkeys(S1_WINDOW)},
    {"week": "2026-W48", "units_shipped": 30, "rates": {
        "preventable_contact_rate": 0.0, "average_response_minutes": None, "dissatisfaction_rate": None,
        "answered_within_24h_rate": None, "contacts_per_unit": 0.0333}},   # C2 / 30 units
]


def test_the_window_equals_the_hand_computed_rates_week_by_week(nov_window, tokens):
    body = get_insights(nov_window, tokens, "S1")
    assert body["window"] == {"from": "2026-11-02T00:00:00Z", "to": "2026-11-30T00:00:00Z",
                              "weeks": ["2026-W45", "2026-W46", "2026-W47", "2026-W48"]}
    assert body["rates"] == S1_WINDOW and body["units_shipped"] == 50
    assert body["weeks"] == S1_WEEKS
    assert (body["marketplace_average"], body["top_performers"]) == (None, None)  # weekly_insights not run yet


def test_weekly_insights_gives_the_average_and_top_performers_of_sellers_with_30_units(nov_window, tokens):
    result = fire_weekly_insights(nov_window, "2026-11-30T03:00:00Z")
    assert result == {"week": "2026-W48", "insight_jobs": 7 * SHARDS}
    body = get_insights(nov_window, tokens, "S2")
    # Eligible: S1 (50 units) and S2 (30 units); S3 has 29. S2: 1 preventable contact / 30 units, 30 minutes.
    assert body["eligible_sellers"] == 2
    assert body["marketplace_average"] == {
        "preventable_contact_rate": 0.0267,    # (0.02 + 0.0333...) / 2
        "average_response_minutes": 412.5,     # (795 + 30) / 2
        "dissatisfaction_rate": 0.5,           # S1 alone has survey answers
        "answered_within_24h_rate": 0.75,      # (0.5 + 1.0) / 2
        "contacts_per_unit": 0.0367,           # (0.04 + 0.0333...) / 2
    }
    assert body["top_performers"] == {        # 2 sellers: the best tenth is the best one
        "preventable_contact_rate": 0.02, "average_response_minutes": 30.0, "dissatisfaction_rate": 0.5,
        "answered_within_24h_rate": 1.0, "contacts_per_unit": 0.0333}


def test_running_weekly_insights_again_changes_nothing_and_a_late_event_waits_for_the_next_window(
        nov_window, tokens):
    fire_weekly_insights(nov_window, "2026-11-30T03:00:00Z")
    first = get_insights(nov_window, tokens, "S1")
    deliver(nov_window, [ev.order_placed("O3b", units=1, seller_id="S3", occurred_at=NOV(20)),
                         ev.order_shipped("O3b", units=1, seller_id="S3", occurred_at=NOV(20, 12))])  # S3 now 30
    fire_weekly_insights(nov_window, "2026-11-30T03:05:00Z")
    again = get_insights(nov_window, tokens, "S1")
    assert again["marketplace_average"] == first["marketplace_average"] and again["eligible_sellers"] == 2
    assert get_insights(nov_window, tokens, "S3")["units_shipped"] == 30  # the seller's own window is live


def test_iso_week_53_and_the_year_change(client, tokens, monkeypatch):
    clock.freeze(monkeypatch, "2027-01-11T05:00:00Z")
    at = lambda day, hour=12, minute=0: f"{day}T{hour:02d}:{minute:02d}:00Z"  # noqa: E731
    deliver(client, [
        ev.seller_registered("S9", occurred_at="2026-11-01T00:00:00Z"),
        ev.order_placed("O9", units=200, seller_id="S9", occurred_at=at("2026-12-01")),
        ev.order_shipped("O9", units=7, seller_id="S9", occurred_at=at("2026-12-13", 23, 59)),   # 2026-W50
        ev.order_shipped("O9", units=15, seller_id="S9", occurred_at=at("2026-12-31")),          # 2026-W53
        ev.order_shipped("O9", units=15, seller_id="S9", occurred_at=at("2027-01-02")),          # 2026-W53 too
        ev.order_shipped("O9", units=10, seller_id="S9", occurred_at=at("2027-01-04", 0)),       # 2027-W01
        ev.order_shipped("O9", units=5, seller_id="S9", occurred_at=at("2027-01-10", 23, 59)),   # 2027-W01
        ev.order_shipped("O9", units=100, seller_id="S9", occurred_at=at("2027-01-11", 0)),      # 2027-W02: now
        ev.contact_created("C9", "O9", topic="late_delivery", seller_id="S9", occurred_at=at("2027-01-01"))])
    body = get_insights(client, tokens, "S9")
    assert body["window"]["weeks"] == ["2026-W51", "2026-W52", "2026-W53", "2027-W01"]
    assert body["window"]["from"] == "2026-12-14T00:00:00Z" and body["window"]["to"] == "2027-01-11T00:00:00Z"
    assert [w["units_shipped"] for w in body["weeks"]] == [0, 0, 30, 15]
    assert body["rates"]["preventable_contact_rate"] == 0.0222  # 1 / 45
    assert body["weeks"][2]["rates"]["contacts_per_unit"] == 0.0333  # 1 / 30, in the week of 1 January

    # weekly_insights on Monday 4 January closes the window 2026-W50..W53: 7 + 15 + 15 = 37 units, eligible
    assert fire_weekly_insights(client, "2027-01-04T03:00:00Z")["week"] == "2026-W53"
    clock.freeze(monkeypatch, "2027-01-04T10:00:00Z")
    late = get_insights(client, tokens, "S9")
    assert late["window"]["weeks"] == ["2026-W50", "2026-W51", "2026-W52", "2026-W53"]
    assert late["eligible_sellers"] == 1 and late["units_shipped"] == 37
    assert late["marketplace_average"]["contacts_per_unit"] == 0.027  # 1 / 37 = 0.02703 (its own)
    assert late["top_performers"] == late["rates"]


def test_bad_requests_are_4xx_with_a_code(client, tokens, monkeypatch):
    clock.freeze(monkeypatch, "2026-11-30T10:00:00Z")
    deliver(client, [ev.seller_registered("S1", occurred_at="2026-10-01T00:00:00Z")])
    headers = tokens.headers("S1")
    assert client.http.get("/sellers/S1/insights/XX", headers=headers).status_code == 422
    assert client.http.get(f"/sellers/S2/insights/{ev.DE}", headers=headers).status_code == 403
    assert client.http.get(f"/sellers/S2/insights/{ev.DE}", headers=tokens.headers("S2")).status_code == 404
    with pytest.raises(InvalidInput, match="2025-W53 does not exist"):  # a failed run: the function's alarm
        fire_weekly_insights(client, "2026-11-30T03:00:00Z", {"week": "2025-W53"})


@pytest.mark.parametrize("job", [
    {"type": "insights_shard", "marketplace_id": ev.DE, "week": "2026-W48", "shard": SHARDS},
    {"type": "insights_shard", "marketplace_id": ev.DE, "week": "2026-48", "shard": 0},
    {"type": "insights_shard", "marketplace_id": ev.DE, "week": "2025-W53", "shard": 0},  # no such week
    {"type": "insights_shard", "marketplace_id": "XX", "week": "2026-W48", "shard": 0, "month": "2026-10"}])
def test_a_malformed_insight_job_is_dead_lettered_with_its_reason_and_its_neighbour_runs(client, queues, store, job):
    good = {"type": "insights_shard", "marketplace_id": ev.DE, "week": "2026-W48", "shard": 0}
    result = client.lambda_.invoke("billing_jobs", sqs_event([job, good], "csba-local-billing-jobs")).payload
    assert result == {"batchItemFailures": []}
    (dead,) = queues.drain("billing_jobs_dlq")
    assert json.loads(dead["body"]) == job and dead["attributes"]["reason"]
    assert store.get_insight_partial(ev.DE, "2026-W48", 0) is not None  # the valid neighbour's partial
