"""Every sample in events/ (one per handler and route, one envelope per event type) is accepted by its handler."""
import json
import re
from pathlib import Path
from types import SimpleNamespace

import app
from chalicelib.domain.weeks import SHARDS

EVENTS = Path(__file__).resolve().parents[2] / "events"
CONTEXT = SimpleNamespace(function_name="csba-local", memory_limit_in_mb=512, aws_request_id="req-1",
                          invoked_function_arn="arn:aws:lambda:us-east-1:123456789012:function:csba-local",
                          log_stream_name="local", get_remaining_time_in_millis=lambda: 60000)

ENROLMENT_SAMPLES = {"api_get_health.json": 200, "api_get_enrollments.json": 200, "api_delete_enrollment.json": 200,
                     "api_put_enrollment.json": 200}


def sample(name: str) -> dict:
    return json.loads((EVENTS / name).read_text())


def test_the_sqs_sample_is_processed_without_failures(client, store):
    response = client.lambda_.invoke("marketplace_events", sample("sqs_marketplace_events.json")).payload
    assert response == {"batchItemFailures": []}
    assert store.get_seller("S1").vat_id_valid is True


def test_the_api_gateway_samples_reach_their_views(client):
    client.lambda_.invoke("marketplace_events", sample("sqs_marketplace_events.json"))
    for name, status in ENROLMENT_SAMPLES.items():
        response = app.app(sample(name), CONTEXT)
        assert response["statusCode"] == status, (name, response["body"])
    enrolled = json.loads(app.app(sample("api_get_enrollments.json"), CONTEXT)["body"])
    assert enrolled["enrollments"][0]["status"] == "enrolled"


def test_the_envelope_samples_are_valid_events():
    from chalicelib.services.inbound_events import Event, parse

    for path in sorted((EVENTS / "envelopes").glob("*.json")):
        event = parse(path.read_text())
        assert isinstance(event, Event) and event.envelope.type == path.stem


# The samples are dated October and November 2026; replayed as last month and this month, so that
# rules counted from today (refunds within 90 days, nothing in the future) hold on any day.
LIFECYCLE = ("SellerRegistered", "SellerStatusChanged", "OrderPlaced", "OrderShipped", "ContactCreated",
             "ContactResponded", "ContactResolved", "SurveyAnswered", "ReturnRequested")
API_SAMPLES = {"api_put_support_note.json": 200, "api_get_contacts.json": 200, "api_get_contact_case.json": 200,
               "api_post_refund.json": 201, "api_get_refund.json": 200, "api_post_refund_approve.json": 200,
               "api_get_metrics.json": 200, "api_get_invoices.json": 200, "api_get_invoice.json": 200,
               "api_get_identifier.json": 200, "api_get_seller_profile.json": 200, "api_get_inbox.json": 200,
               "api_post_inbox_reply.json": 201, "api_post_message_check.json": 200, "api_get_insights.json": 200,
               "api_get_metrics_history.json": 200}
CONSOLE_SAMPLES = {"api_get_console.json": "text/html; charset=utf-8",
                   "api_get_console_asset.json": "text/javascript; charset=utf-8"}


def replayed(path: Path) -> str:
    from chalicelib.domain.clock import month_before, month_of, utc_now

    months = {"2026-10": month_before(utc_now()), "2026-11": month_of(utc_now())}
    return re.sub(r"2026-1[01]", lambda found: months[found.group()], path.read_text())


def test_every_sample_goes_through_its_handler_from_registration_to_invoice(client, store):
    from tests.support.sqs import sqs_event

    envelopes = [json.loads(replayed(EVENTS / "envelopes" / f"{name}.json")) for name in LIFECYCLE]
    others = [json.loads(replayed(path)) for path in sorted((EVENTS / "envelopes").glob("*.json"))
              if path.stem not in LIFECYCLE]  # a type added since: each after the lifecycle
    assert client.lambda_.invoke("marketplace_events", sqs_event(envelopes)).payload == {"batchItemFailures": []}
    invoice_question = {**envelopes[LIFECYCLE.index("ContactCreated")], "event_id": "sample-contact-2"}
    invoice_question["detail"] = {**invoice_question["detail"], "contact_id": "C2", "topic": "invoice"}  # the inbox's
    assert client.lambda_.invoke("marketplace_events", sqs_event([invoice_question])).payload == {
        "batchItemFailures": []}
    assert set(client.lambda_.invoke("daily_sweep", json.loads(replayed(EVENTS / "schedule_daily_sweep.json"))
                                     ).payload) == {"escalated", "resent"}
    closing = client.lambda_.invoke("monthly_close", json.loads(replayed(EVENTS / "schedule_monthly_close.json")))
    assert closing.payload["close_jobs"] == 7
    weekly = client.lambda_.invoke("weekly_insights", json.loads(replayed(EVENTS / "schedule_weekly_insights.json")))
    assert weekly.payload["insight_jobs"] == 7 * SHARDS
    billing = json.loads(replayed(EVENTS / "sqs_billing_jobs.json"))
    assert client.lambda_.invoke("billing_jobs", billing).payload == {"batchItemFailures": []}
    reclosing = client.lambda_.invoke("monthly_close", json.loads(replayed(EVENTS / "schedule_monthly_reclose.json")))
    assert reclosing.payload["close_jobs"] == 1  # DE: the one marketplace the billing sample closed
    for name, status in API_SAMPLES.items():
        response = app.app(json.loads(replayed(EVENTS / name)), CONTEXT)
        assert response["statusCode"] == status, (name, response["body"])
    for envelope in others:
        assert client.lambda_.invoke("marketplace_events", sqs_event([envelope])).payload == {
            "batchItemFailures": []}, envelope["type"]


def test_the_console_samples_serve_the_page_and_an_asset_without_a_token():
    for name, content_type in CONSOLE_SAMPLES.items():
        response = app.app(sample(name), CONTEXT)
        assert (response["statusCode"], response["headers"]["Content-Type"]) == (200, content_type), name
        assert response["body"].strip()


def test_there_is_an_api_gateway_sample_for_every_route_and_each_is_run_by_a_test():
    samples = {path.name: json.loads(path.read_text()) for path in EVENTS.glob("api_*.json")}
    routes = {(path, method) for path, methods in app.app.routes.items() for method in methods}
    assert {(s["resource"], s["httpMethod"]) for s in samples.values()} == routes
    assert set(samples) == set(API_SAMPLES) | set(ENROLMENT_SAMPLES) | set(CONSOLE_SAMPLES)
