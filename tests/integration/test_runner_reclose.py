"""Correcting a month with the local runner, as the README's runbook does, against a real moto server."""
import json

import boto3
import pytest

from chalicelib.entrypoints import wiring
from infra.delivery import deliver_once
from infra.local import main
from infra.local_server import load_app
from infra.local_stage import stage_env
from infra.local_up import bind_consumers
from tests.support import events as ev

RECLOSE = '{"month": "2026-10", "reclose": true}'


def october(prefix: str, orders: int) -> list[dict]:
    return [e for n in range(orders) for e in (
        ev.order_placed(f"{prefix}{n}", units=2, total="50.00", occurred_at="2026-10-02T10:00:00Z"),
        ev.order_shipped(f"{prefix}{n}", units=2, occurred_at="2026-10-03T10:00:00Z"))]


@pytest.fixture
def running(sqs, tmp_path):
    """The runner's stack: `send` puts envelopes on the queue, `settle()` delivers every queue as `up` does."""
    wiring.reset()
    consumers = bind_consumers(load_app(), sqs)

    def send(envelopes: list[dict]) -> None:
        path = tmp_path / "events.json"
        path.write_text(json.dumps(envelopes))
        assert main(["send", str(path)]) == 0
        settle()

    def settle() -> None:
        while [r for r in [deliver_once(sqs, c, retry_after=0, wait_seconds=0) for c in consumers] if r]:
            pass

    yield send, settle
    wiring.reset()


def payments(sqs) -> list[tuple[str, str]]:
    url = sqs.get_queue_url(QueueName=stage_env()["PAYMENTS_QUEUE"])["QueueUrl"]
    found = []
    while batch := sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", []):
        for message in batch:
            body = json.loads(message["Body"])
            found.append((body["type"], body["amount"]["amount"]))
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
    return sorted(found)


def test_fire_with_reclose_corrects_a_closed_month(running, sqs, capsys):
    send, settle = running
    send([ev.seller_registered(occurred_at="2026-01-05T00:00:00Z"), *october("O", 30)])
    assert main(["fire", "monthly_close", "--at", "2026-11-01T02:00:00Z"]) == 0
    settle()
    assert payments(sqs) == [("InvoiceIssued", "29.27")]
    send(october("LATE", 5))
    capsys.readouterr()
    assert main(["fire", "monthly_close", "--at", "2026-11-20T09:00:00Z", "--detail", RECLOSE]) == 0
    assert json.loads(capsys.readouterr().out)["close_jobs"] == 7
    settle()
    assert payments(sqs) == [("CreditNoteIssued", "-29.27"), ("InvoiceIssued", "34.15")]
    assert boto3.client("dynamodb").get_item(TableName=f"{stage_env()['CSBA_TABLE_PREFIX']}-invoices", Key={
        "invoice_id": {"S": f"INV-S1-{ev.DE}-2026-10"}})["Item"]["status"]["S"] == "credited"


@pytest.mark.parametrize("detail, reason", [
    (RECLOSE, "2026-10 was never closed"),
    ('{"month": "2026-10", "reclose": "yes"}', "reclose"),
    ('{"month": "2026-10", "reclose": true', "--detail is not JSON"),
    ('["2026-10"]', "--detail must be a JSON object"),
])
def test_a_reclose_fire_that_cannot_run_says_why_on_one_line(running, capsys, detail, reason):
    assert main(["fire", "monthly_close", "--at", "2026-11-20T09:00:00Z", "--detail", detail]) == 1
    error = capsys.readouterr().err.strip()
    assert reason in error and "\n" not in error and "Traceback" not in error
