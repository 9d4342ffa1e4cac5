"""Payments exactly once (DESIGN 5) across Lambda instances: separate processes, each with its own app,
against one embedded AWS (a moto server). Concurrent approvals of one pending refund, and the same refund
requested at once by several, put ONE RefundIssued on PAYMENTS_QUEUE: the requests that lose the race
find the message claimed by the winner and send nothing."""
import json
import multiprocessing
import os
from datetime import timedelta
from pathlib import Path

import boto3

from chalicelib import settings
from chalicelib.domain.clock import to_wire, utc_now
from tests.support import events as ev
from tests.support.auth import TokenFactory
from tests.support.sqs import sqs_event

JSON = {"Content-Type": "application/json"}
ROOT = Path(__file__).resolve().parents[2]  # not tests.conftest's: importing it in a child drops AWS_ENDPOINT_URL


def a_lambda_instance(method: str, path: str, headers: dict, body: bytes, start, answers, aws_env: dict) -> None:
    """One process = one Lambda instance: its own app, waiting for the others, then one request."""
    os.environ.update(aws_env)  # the embedded AWS, named explicitly: a spawned child under xdist may not inherit it
    from chalice.test import Client

    import app
    from infra.local_gateway import install

    install()
    with Client(app.app, stage_name="local", project_dir=str(ROOT)) as client:
        client.http.get("/health")  # warm, as an instance that served before
        start.wait(timeout=120)
        response = client.http.request(method, path, headers=headers, body=body)
        if response.status_code >= 500:  # what a server error said, for the test's message
            print("instance answered", response.status_code, response.body[:2000], flush=True)
        answers.put(response.status_code)


def at_once(count: int, method: str, path: str, headers: dict, body: bytes = b"") -> list[int]:
    spawn = multiprocessing.get_context("spawn")
    start, answers = spawn.Barrier(count), spawn.Queue()
    aws_env = {name: value for name, value in os.environ.items() if name.startswith("AWS_")}
    instances = [spawn.Process(target=a_lambda_instance, args=(method, path, headers, body, start, answers, aws_env))
                 for _ in range(count)]
    for instance in instances:
        instance.start()
    statuses = [answers.get(timeout=300) for _ in instances]
    for instance in instances:
        instance.join(timeout=60)
    return sorted(statuses)


def payments() -> list[dict]:
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName=settings.current().payments_queue)["QueueUrl"]
    found = []
    while batch := sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=300).get("Messages"):
        found += [json.loads(m["Body"]) for m in batch]
    return found


def shop() -> None:
    """A CSBA order of EUR 500 with a contact about it, through the app in this process."""
    from chalice.test import Client

    import app
    from chalicelib.entrypoints import wiring

    wiring.reset()
    ago = lambda days: to_wire(utc_now() - timedelta(days=days))  # noqa: E731
    setup = [ev.seller_registered("S1", occurred_at=ago(200)),
             ev.order_placed("O1", total="500.00", occurred_at=ago(10)),
             ev.contact_created("C1", "O1", topic="damaged", occurred_at=ago(9))]
    with Client(app.app, stage_name="local", project_dir=str(ROOT)) as client:
        assert client.lambda_.invoke("marketplace_events", sqs_event(setup)).payload == {"batchItemFailures": []}


def refund(amount: str) -> bytes:
    return json.dumps({"refund_id": "R1", "contact_id": "C1", "order_id": "O1", "reason": "damaged",
                       "amount": {"amount": amount, "currency": "EUR"}, "returnless": False}).encode()


def test_ten_concurrent_approvals_of_one_pending_refund_pay_it_once(sqs):
    # Given a refund above the auto-approval limit, pending
    shop()
    tokens = TokenFactory()
    (status,) = at_once(1, "POST", "/refunds", {**tokens.headers("A1", "agent"), **JSON}, refund("150.00"))
    assert status == 202 and payments() == []
    # When ten supervisors' tools approve it at once, each on its own Lambda instance
    statuses = at_once(10, "POST", "/refunds/R1/approve", {**tokens.headers("B1", "supervisor"), **JSON})
    # Then every approval answers the issued refund, and ONE RefundIssued is on the payments queue
    assert statuses == [200] * 10
    (paid,) = payments()
    assert (paid["type"], paid["idempotency_key"], paid["amount"]) == (
        "RefundIssued", "refund:R1", {"amount": "150.00", "currency": "EUR"})


def test_the_same_refund_requested_eight_times_at_once_is_paid_once(sqs):
    # Given a CSBA order with a contact
    shop()
    # When an agent's tool sends the same refund eight times at once, to eight Lambda instances
    statuses = at_once(8, "POST", "/refunds", {**TokenFactory().headers("A1", "agent"), **JSON}, refund("20.00"))
    # Then each answers the one refund, and ONE RefundIssued is on the payments queue
    assert statuses == [201] * 8
    (paid,) = payments()
    assert (paid["idempotency_key"], paid["amount"]) == ("refund:R1", {"amount": "20.00", "currency": "EUR"})
