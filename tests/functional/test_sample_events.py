"""Every sample in events/ is accepted by its handler, invoked as Lambda would invoke it."""
import json
from pathlib import Path
from types import SimpleNamespace

import app

EVENTS = Path(__file__).resolve().parents[2] / "events"
CONTEXT = SimpleNamespace(function_name="csba-local", memory_limit_in_mb=512, aws_request_id="req-1",
                          invoked_function_arn="arn:aws:lambda:us-east-1:123456789012:function:csba-local",
                          log_stream_name="local", get_remaining_time_in_millis=lambda: 60000)


def sample(name: str) -> dict:
    return json.loads((EVENTS / name).read_text())


def test_the_sqs_sample_is_processed_without_failures(client, store):
    response = client.lambda_.invoke("marketplace_events", sample("sqs_marketplace_events.json")).payload
    assert response == {"batchItemFailures": []}
    assert store.get_seller("S1").vat_id_valid is True


def test_the_api_gateway_samples_reach_their_views(client):
    client.lambda_.invoke("marketplace_events", sample("sqs_marketplace_events.json"))
    expected = {"api_get_health.json": 200, "api_get_enrollments.json": 200, "api_delete_enrollment.json": 200,
                "api_put_enrollment.json": 200}
    for name, status in expected.items():
        response = app.app(sample(name), CONTEXT)
        assert response["statusCode"] == status, (name, response["body"])
    enrolled = json.loads(app.app(sample("api_get_enrollments.json"), CONTEXT)["body"])
    assert enrolled["enrollments"][0]["status"] == "enrolled"


def test_the_envelope_samples_are_valid_events():
    from chalicelib.services.envelope import parse_envelope

    for path in sorted((EVENTS / "envelopes").glob("*.json")):
        envelope, _ = parse_envelope(path.read_text())
        assert envelope.type == path.stem
