"""The local runner (`python -m infra.local`) against a real moto server on loopback."""
import http.server
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import boto3
import jwt
import pytest
from chalice import AuthResponse, Chalice
from chalice.test import Client

from infra import local_gateway, moto_server, resources
from infra.delivery import Consumer, deliver_once
from infra.local import main
from infra.local_server import LoadedApp
from infra.local_stage import queue_names, resolve_queue, stage_env

ROOT = Path(__file__).resolve().parents[2]
STAGE = stage_env()


def url_of(sqs, env_var: str) -> str:
    return sqs.get_queue_url(QueueName=STAGE[env_var])["QueueUrl"]


def test_create_resources_makes_every_queue_and_table_of_the_template(sqs):
    tables = {resources._resolve(p["TableName"], "local", {})
              for p in resources.resources_of("AWS::DynamoDB::Table").values()}
    existing_queues = {url.rsplit("/", 1)[-1] for url in sqs.list_queues()["QueueUrls"]}
    assert set(queue_names()) <= existing_queues
    assert {v for k, v in STAGE.items() if k.endswith(("_QUEUE", "_DLQ"))} <= existing_queues
    assert tables <= set(boto3.client("dynamodb").list_tables()["TableNames"])


def test_create_resources_refuses_without_an_endpoint(monkeypatch, capsys):
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    assert main(["create-resources"]) == 1
    assert "AWS_ENDPOINT_URL is not set" in capsys.readouterr().err


def test_peek_shows_sent_envelopes_without_consuming_them(sqs, tmp_path, capsys):
    envelopes = [{"event_id": "peek-1", "type": "X"}, {"event_id": "peek-2", "type": "Y"}]
    (tmp_path / "events.json").write_text(json.dumps(envelopes))
    assert main(["send", str(tmp_path / "events.json")]) == 0
    sent_ids = capsys.readouterr().out.split()
    for _ in range(2):
        assert main(["peek", "MARKETPLACE_EVENTS_QUEUE"]) == 0
        shown = capsys.readouterr().out
        assert '"event_id": "peek-1"' in shown and '"event_id": "peek-2"' in shown
        assert "2 message(s) waiting on csba-local-marketplace-events" in shown
    still_there = sqs.receive_message(QueueUrl=url_of(sqs, "MARKETPLACE_EVENTS_QUEUE"), MaxNumberOfMessages=10)
    assert sorted(m["MessageId"] for m in still_there["Messages"]) == sorted(sent_ids)


def test_peeking_six_times_neither_counts_as_a_receive_nor_dead_letters(sqs, capsys):
    # Given a message on a queue whose redrive policy dead-letters at the sixth receive
    sqs.send_message(QueueUrl=url_of(sqs, "MARKETPLACE_EVENTS_QUEUE"), MessageBody='{"event_id": "peek-6"}',
                     MessageAttributes={"source": {"DataType": "String", "StringValue": "test"}})
    # When it is peeked six times
    for _ in range(6):
        assert main(["peek", "marketplace-events"]) == 0
    shown = capsys.readouterr().out
    # Then each peek showed it unreceived, and the first receive is its first
    assert shown.count("(received 0 times, sent ") == 6 and '"source": "test"' in shown
    received = sqs.receive_message(QueueUrl=url_of(sqs, "MARKETPLACE_EVENTS_QUEUE"), AttributeNames=["All"])
    assert [m["Attributes"]["ApproximateReceiveCount"] for m in received["Messages"]] == ["1"]
    assert main(["peek", "marketplace-events-dlq"]) == 0
    assert "0 message(s) waiting on csba-local-marketplace-events-dlq" in capsys.readouterr().out


def test_peek_refuses_an_endpoint_that_is_not_the_embedded_aws(monkeypatch, capsys):
    server = http.server.HTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{server.server_address[1]}")
    try:
        assert main(["peek", "payments"]) == 1
    finally:
        server.shutdown()
        server.server_close()
    assert "is not the runner's embedded AWS" in capsys.readouterr().err


def test_queue_names_resolve_from_every_spelling():
    for spelling in ("payments", "PAYMENTS_QUEUE", "csba-local-payments", "payments-queue"):
        assert resolve_queue(spelling) == "csba-local-payments"
    assert resolve_queue("MARKETPLACE_EVENTS_DLQ") == resolve_queue("marketplace-events-dlq")
    with pytest.raises(LookupError, match="known queues: billing-jobs, billing-jobs-dlq"):
        resolve_queue("nope")


def test_delivery_deletes_successes_and_dead_letters_a_failure_after_five_receives(sqs):
    # Given two good messages and one the handler always fails
    url = url_of(sqs, "MARKETPLACE_EVENTS_QUEUE")
    for body in ("ok-1", "ok-2", "bad"):
        sqs.send_message(QueueUrl=url, MessageBody=body,
                         MessageAttributes={"kind": {"DataType": "String", "StringValue": body}})
    seen = []

    def handler(event, context):
        seen.extend(event["Records"])
        return {"batchItemFailures": [{"itemIdentifier": r["messageId"]}
                                      for r in event["Records"] if r["body"] == "bad"]}

    consumer = Consumer.bind(sqs, "fake", STAGE["MARKETPLACE_EVENTS_QUEUE"], handler)
    # When the delivery loop runs until the queue has nothing to give
    while deliver_once(sqs, consumer, retry_after=0, wait_seconds=0):
        assert len(seen) < 20
    # Then the good ones were delivered once, the bad one five times, then dead-lettered
    bodies = [r["body"] for r in seen]
    assert sorted(bodies) == ["bad"] * 5 + ["ok-1", "ok-2"]
    assert [r["attributes"]["ApproximateReceiveCount"] for r in seen if r["body"] == "bad"] == list("12345")
    record = seen[0]
    assert record["eventSource"] == "aws:sqs" and record["awsRegion"] == "us-east-1"
    assert record["eventSourceARN"].endswith(":" + STAGE["MARKETPLACE_EVENTS_QUEUE"])
    assert record["messageAttributes"]["kind"]["stringValue"] == record["body"]
    assert "Messages" not in sqs.receive_message(QueueUrl=url)
    dead = sqs.receive_message(QueueUrl=url_of(sqs, "MARKETPLACE_EVENTS_DLQ"), MaxNumberOfMessages=10)
    assert [m["Body"] for m in dead["Messages"]] == ["bad"]


def test_a_handler_crash_fails_its_whole_batch(sqs):
    url = url_of(sqs, "BILLING_JOBS_QUEUE")
    for body in ("job-1", "job-2"):
        sqs.send_message(QueueUrl=url, MessageBody=body)

    def crashing(event, context):
        raise RuntimeError("boom")

    consumer = Consumer.bind(sqs, "crashing", STAGE["BILLING_JOBS_QUEUE"], crashing)
    result = deliver_once(sqs, consumer, retry_after=0, wait_seconds=0)
    assert (result.records, result.failed) == (2, 2)
    again = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, AttributeNames=["All"])["Messages"]
    assert sorted(m["Body"] for m in again) == ["job-1", "job-2"]
    assert {m["Attributes"]["ApproximateReceiveCount"] for m in again} == {"2"}


def test_token_is_a_jwt_signed_with_the_local_secret(capsys):
    assert main(["token", "--role", "seller", "--sub", "S1"]) == 0
    claims = jwt.decode(capsys.readouterr().out.strip(), STAGE["CSBA_AUTH_SECRET"], algorithms=["HS256"])
    assert (claims["sub"], claims["role"]) == ("S1", "seller")
    assert 3590 <= claims["exp"] - time.time() <= 3600


def test_fire_with_an_unknown_schedule_fails_listing_the_known_ones(capsys):
    assert main(["fire", "no_such_schedule", "--at", "2026-11-01T00:00:00Z"]) == 1
    error = capsys.readouterr().err
    assert "unknown schedule 'no_such_schedule'" in error and "known schedules" in error


def test_fire_passes_the_scheduled_event_eventbridge_would(sqs, monkeypatch, capsys):
    stand_in = Chalice(app_name="csba")

    @stand_in.schedule("cron(0 2 1 * ? *)")
    def monthly_close(event):
        return {"time": event.time, "detail": event.detail, "source": event.source}

    loaded = LoadedApp(stand_in, SimpleNamespace(monthly_close=monthly_close),
                       SimpleNamespace(app_name="csba", lambda_memory_size=512, lambda_timeout=60))
    monkeypatch.setattr("infra.local_server.load_app", lambda: loaded)
    assert main(["fire", "monthly_close", "--at", "2026-11-01T01:00:00+01:00", "--detail", '{"month": "2026-10"}']) == 0
    assert json.loads(capsys.readouterr().out) == {"time": "2026-11-01T00:00:00Z", "detail": {"month": "2026-10"},
                                                   "source": "aws.events"}


def test_local_gateway_answers_auth_failures_as_our_api_gateway():
    class Unauthorized(Exception):
        def __init__(self):
            super().__init__("Unauthorized")

    stand_in = Chalice(app_name="gateway")

    @stand_in.authorizer()
    def auth(request):
        if request.token == "crash":
            raise KeyError("a bug in the authorizer")
        if request.token != "good":
            raise Unauthorized()
        return AuthResponse(routes=["/mine"], principal_id="S1")

    @stand_in.route("/mine", authorizer=auth)
    @stand_in.route("/theirs", authorizer=auth)
    def view():
        return {"ok": True}

    local_gateway.install()
    local_gateway.install()
    with Client(stand_in) as client:
        assert client.http.get("/mine", headers={"Authorization": "good"}).status_code == 200
        for headers in ({}, {"Authorization": "bad"}, {"Authorization": "crash"}):
            response = client.http.get("/mine", headers=headers)
            assert (response.status_code, response.json_body["Code"]) == (401, "Unauthorized")
        denied = client.http.get("/theirs", headers={"Authorization": "good"})
        assert (denied.status_code, denied.json_body["Code"]) == (403, "Forbidden")
        unknown = client.http.get("/nowhere", headers={"Authorization": "good"})
        assert (unknown.status_code, unknown.json_body["Code"]) == (404, "NotFoundError")


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def children_of(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return found


def wait_for(predicate, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := predicate():
            return result
        time.sleep(0.2)
    return predicate()


def http_status(url: str, headers: dict | None = None) -> int | None:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError):
        return None


@pytest.mark.skipif(not (ROOT / "app.py").exists(), reason="needs app.py")
def test_up_serves_delivers_and_stops_on_ctrl_c(tmp_path, monkeypatch, capsys):
    port, aws_port = moto_server.free_port(), moto_server.free_port()
    log = (tmp_path / "up.log").open("w")
    env = {k: v for k, v in os.environ.items() if k != "AWS_ENDPOINT_URL"}
    up = subprocess.Popen([sys.executable, "-m", "infra.local", "up", "--port", str(port), "--aws-port",
                           str(aws_port)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    api, children = f"http://127.0.0.1:{port}", set()
    try:
        assert wait_for(lambda: http_status(f"{api}/health") == 200, 30), (tmp_path / "up.log").read_text()
        children = children_of(up.pid)
        # a SellerRegistered sent with `send` is delivered to marketplace_events and visible in the API
        monkeypatch.setenv("AWS_ENDPOINT_URL", moto_server.endpoint_of(aws_port))
        seller = f"UP{time.time_ns()}"
        (tmp_path / "event.json").write_text(json.dumps({
            "event_id": f"e-{seller}", "type": "SellerRegistered", "occurred_at": "2026-10-03T12:00:00Z",
            "marketplace_id": "A1PA6795UKMFR9", "seller_id": seller, "detail": {"country": "DE", "vat_id": None}}))
        assert main(["send", str(tmp_path / "event.json")]) == 0
        assert main(["token", "--role", "seller", "--sub", seller]) == 0
        bearer = {"Authorization": "Bearer " + capsys.readouterr().out.split()[-1]}
        assert wait_for(lambda: http_status(f"{api}/sellers/{seller}/enrollments", bearer) == 200, 10)
        assert http_status(f"{api}/sellers/{seller}/enrollments") == 401
    finally:
        up.send_signal(signal.SIGINT)
        try:
            exit_code = up.wait(timeout=10)
        except subprocess.TimeoutExpired:
            up.kill()
            raise
    assert exit_code == 0, (tmp_path / "up.log").read_text()
    assert port_is_free(port) and port_is_free(aws_port)
    assert not any(Path(f"/proc/{child}").exists() for child in children)


def test_a_failed_record_waits_longer_at_each_failure_about_four_minutes_before_its_dlq():
    from infra.delivery import DEFAULT_RETRY_AFTER, retry_wait

    waits = [retry_wait(DEFAULT_RETRY_AFTER, receives) for receives in range(1, 5)]
    assert waits == [15, 30, 60, 120] and sum(waits) >= 180
    assert retry_wait(100, 4) == 360 and retry_wait(0, 3) == 0


def test_fire_reports_a_schedule_that_raises_in_one_line(sqs, monkeypatch, capsys):
    stand_in = Chalice(app_name="csba")

    @stand_in.schedule("cron(0 2 1 * ? *)")
    def monthly_close(event):
        raise ValueError("detail.month must be YYYY-MM, not '2026-13'")

    loaded = LoadedApp(stand_in, SimpleNamespace(monthly_close=monthly_close),
                       SimpleNamespace(app_name="csba", lambda_memory_size=512, lambda_timeout=60))
    monkeypatch.setattr("infra.local_server.load_app", lambda: loaded)
    assert main(["fire", "monthly_close", "--at", "2026-11-01T00:00:00Z"]) == 1
    assert capsys.readouterr().err == ("error: monthly_close failed: ValueError: detail.month must be YYYY-MM, "
                                       "not '2026-13'\n")
