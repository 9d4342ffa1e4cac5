"""EMF metrics and correlation ids, as CloudWatch would read them from the handlers' stdout."""
import io
import json
import logging
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.support import events as ev
from tests.support.scenario import ago, billing_jobs, monthly_close, weekly_insights
from tests.support.sqs import sqs_event

JSON = {"Content-Type": "application/json"}


@pytest.fixture
def json_logs():
    """The app's JSON log lines at INFO and above, as its Powertools handler formats them."""
    import app

    stream, parent = io.StringIO(), logging.getLogger(app.logger.service)
    handler = logging.StreamHandler(stream)
    handler.setFormatter(app.logger.registered_formatter)
    ours = [parent] + [logger for name, logger in logging.root.manager.loggerDict.items()
                       if name.startswith(f"{parent.name}.") and isinstance(logger, logging.Logger)]
    levels = {logger: logger.level for logger in ours}
    parent.addHandler(handler)
    for logger in ours:
        logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    parent.removeHandler(handler)
    for logger, level in levels.items():
        logger.setLevel(level)


def printed(capsys) -> Counter:
    """Every EMF metric printed since the last call, as (name, dimensions) -> sum."""
    blobs = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith('{"_aws"')]
    metrics = Counter()
    for blob in blobs:
        (directive,) = blob["_aws"]["CloudWatchMetrics"]
        assert directive["Namespace"] == "csba" and blob["service"] == "csba-backend"
        dimensions = tuple(sorted((name, blob[name]) for name in directive["Dimensions"][0] if name != "service"))
        for metric in directive["Metrics"]:
            metrics[(metric["Name"], dimensions)] += sum(blob[metric["Name"]])
    return metrics


def test_a_processed_event_prints_an_emf_blob_counting_it_by_type(client, capsys):
    capsys.readouterr()
    client.lambda_.invoke("marketplace_events", sqs_event([ev.seller_registered()]))
    metrics = printed(capsys)
    assert metrics == {("EventsProcessed", (("EventType", "SellerRegistered"),)): 1}


def test_routing_failures_and_dead_letters_are_counted_by_destination_type_and_queue(client, capsys):
    batch = [ev.seller_registered(occurred_at=ago(30)), ev.order_placed("O1", occurred_at=ago(2)),
             ev.contact_created("C1", "O1", occurred_at=ago(1)),  # to Amazon CS
             ev.contact_created("C2", "O1", topic="invoice", occurred_at=ago(1)),  # to the seller
             ev.contact_created("C3", "O-unseen", occurred_at=ago(1)),  # retried later
             ev.order_placed("O2", marketplace_id="XX")]  # dead-lettered
    capsys.readouterr()
    client.lambda_.invoke("marketplace_events", sqs_event(batch))
    by_type = lambda name, value: (name, (("EventType", value),))  # noqa: E731
    assert printed(capsys) == {
        by_type("EventsProcessed", "SellerRegistered"): 1, by_type("EventsProcessed", "OrderPlaced"): 1,
        by_type("EventsProcessed", "ContactCreated"): 2, by_type("EventsFailed", "ContactCreated"): 1,
        by_type("EventsFailed", "OrderPlaced"): 1, ("DeadLettered", (("Queue", "marketplace-events"),)): 1,
        ("ContactsRouted", (("Destination", "csba"),)): 1, ("ContactsRouted", (("Destination", "seller"),)): 1}


def test_a_refund_is_counted_issued_once_however_often_it_is_requested(client, tokens, capsys):
    client.lambda_.invoke("marketplace_events", sqs_event([
        ev.seller_registered(occurred_at=ago(30)), ev.order_placed("O1", total="150.00", occurred_at=ago(2)),
        ev.contact_created("C1", "O1", occurred_at=ago(1))]))
    body = {"refund_id": "R1", "contact_id": "C1", "order_id": "O1", "amount": {"amount": "20.00", "currency": "EUR"},
            "reason": "damaged", "returnless": False}
    capsys.readouterr()
    for _ in range(2):
        client.http.post("/refunds", headers={**tokens.headers("A1", "agent"), **JSON}, body=json.dumps(body))
    metrics = printed(capsys)
    assert metrics == {("RefundsIssued", ()): 1}


def test_invoices_issued_and_dead_lettered_billing_jobs_are_counted(client, capsys):
    from tests.support.scenario import marketplace_events

    marketplace_events(client)
    monthly_close(client)
    weekly_insights(client)  # the scenario's billing queue also holds the weekly run's jobs
    capsys.readouterr()
    billing_jobs(client)
    metrics = printed(capsys)
    assert metrics == {("InvoicesIssued", ()): 1, ("DeadLettered", (("Queue", "billing-jobs"),)): 1}


def test_each_record_logs_with_its_own_ids_and_the_invocations_request_id(client, json_logs):
    valid = ev.seller_registered(event_id="e-good")
    invalid = ev.order_placed("O9", marketplace_id="XX", event_id="e-bad")
    client.lambda_.invoke("marketplace_events", sqs_event([invalid, valid]))
    logs = json_logs()
    (refused,) = [line for line in logs if line["message"] == "invalid event dead-lettered"]
    assert (refused["event_id"], refused["event_type"]) == ("e-bad", "OrderPlaced")
    assert refused["message_id"] and refused["function_request_id"]
    (applied,) = [line for line in logs if line["message"] == "event processed"]
    assert applied["event_id"] == "e-good" and applied["message_id"] != refused["message_id"]


def test_an_http_request_logs_api_gateways_request_id_and_the_refund_id(aws, json_logs):
    import app
    from tests.functional.test_sample_events import CONTEXT, sample

    event = sample("api_post_refund.json")  # order O1 is unknown here: refused with 404
    assert app.app(event, CONTEXT)["statusCode"] == 404
    (refused,) = [line for line in json_logs() if line["message"] == "request refused"]
    assert (refused["refund_id"], refused["contact_id"]) == ("R1", "C1")
    assert (refused["request_id"], refused["function_request_id"]) == (event["requestContext"]["requestId"], "req-1")


def test_a_route_that_raises_answers_500_logs_the_traceback_with_the_request_ids_and_counts_it(
        aws, json_logs, capsys, monkeypatch):
    import app
    from chalicelib.services import refunds
    from tests.functional.test_sample_events import CONTEXT, sample

    def explode(*args, **kwargs):
        raise RuntimeError("the store exploded")

    monkeypatch.setattr(refunds, "request_refund", explode)
    event = sample("api_post_refund.json")
    capsys.readouterr()
    response = app.app(event, CONTEXT)
    assert (response["statusCode"], json.loads(response["body"])["Code"]) == (500, "InternalServerError")
    (line,) = [line for line in json_logs() if line["level"] == "ERROR"]
    assert (line["request_id"], line["function_request_id"]) == (event["requestContext"]["requestId"], "req-1")
    assert "RuntimeError: the store exploded" in line["exception"] and line["refund_id"] == "R1"
    assert printed(capsys) == {("UnhandledErrors", ()): 1}


def test_under_lambdas_root_handler_each_line_is_printed_once():
    """The Lambda runtime puts a handler on the root logger before importing the app; no line may reach both."""
    script = ("import logging, sys; logging.getLogger().addHandler(logging.StreamHandler(sys.stdout)); import app; "
              "from chalicelib.entrypoints import marketplace_consumer as m; m.logger.warning('once only'); "
              "app.app.log.error('chalice says once')")
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", script], cwd=root, env={**os.environ, "POWERTOOLS_LOG_LEVEL": "INFO"},
                         capture_output=True, text=True, check=True).stdout
    assert out.count("once only") == 1 and json.loads(out.splitlines()[0])["message"] == "once only"
    assert out.count("chalice says once") == 1
