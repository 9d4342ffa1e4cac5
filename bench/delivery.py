"""Delivers messages to a queue handler as Lambda does, timing the handler invocations only."""
import contextlib
import json
import time
import uuid
from dataclasses import dataclass, field

import boto3

from simulation.recorder import RECORDER
from chalicelib import settings


def sqs_event(bodies: list[str], queue: str, ids: list[str] | None = None) -> dict:
    """A Lambda SQS event, each record with its own message id."""
    ids = ids or [str(uuid.uuid4()) for _ in bodies]
    return {"Records": [{
        "messageId": message_id, "receiptHandle": str(uuid.uuid4()), "body": body,
        "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "1790000000000"}, "messageAttributes": {},
        "md5OfBody": "", "eventSource": "aws:sqs", "eventSourceARN": f"arn:aws:sqs:us-east-1:123456789012:{queue}",
        "awsRegion": "us-east-1"} for body, message_id in zip(bodies, ids)]}


@dataclass
class Delivery:
    """Handler seconds (invocations only) and what was still failing after the retries."""

    seconds: float = 0.0
    cpu_seconds: float = 0.0  # this process's CPU time in the invocations: what the machine's load moves least
    durations: list[float] = field(default_factory=list)  # of each invocation
    failed: list = field(default_factory=list)

    @property
    def invocations(self) -> int:
        return len(self.durations)


def invoke(client, handler: str, event: dict, delivery: Delivery) -> set[str]:
    """The message ids the handler reported failed."""
    outer, RECORDER.label = RECORDER.label, handler
    started, cpu = time.perf_counter(), time.process_time()
    try:
        payload = client.lambda_.invoke(handler, event).payload
    finally:
        delivery.cpu_seconds += time.process_time() - cpu
        delivery.durations.append(time.perf_counter() - started)
        delivery.seconds += delivery.durations[-1]
        RECORDER.label = outer
    return {item["itemIdentifier"] for item in (payload or {}).get("batchItemFailures", [])}


def deliver_events(client, envelopes: list[dict], batch: int = 10, rounds: int = 5, after=None) -> Delivery:
    """The envelopes through `marketplace_events` in batches; failed records retried, as SQS would.

    `after()`, if given, runs after each invocation (outside the timing).
    """
    delivery, pending = Delivery(), [json.dumps(e) for e in envelopes]
    queue = settings.current().marketplace_events_queue
    for _ in range(rounds):
        failed = []
        for start in range(0, len(pending), batch):
            event = sqs_event(pending[start:start + batch], queue)
            ids = invoke(client, "marketplace_events", event, delivery)
            if after:
                after()
            failed += [r["body"] for r in event["Records"] if r["messageId"] in ids]
        pending = failed
        if not pending:
            break
    delivery.failed = pending
    return delivery


def pump(client, handler: str, queue_attr: str, delivery: Delivery, drain: tuple[str, ...] = (),
         limit: int = 100_000) -> Delivery:
    """Delivers what waits on a queue to its handler, ten at a time, until it is empty.

    Receiving, deleting and emptying the `drain` queues (the consumers downstream) are not timed,
    and their requests are labelled "harness".
    """
    with harness():
        sqs = boto3.client("sqs")
        url = sqs.get_queue_url(QueueName=getattr(settings.current(), queue_attr))["QueueUrl"]
    for _ in range(limit):
        with harness():
            messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=0)
        if not messages.get("Messages"):
            break
        batch = messages["Messages"]
        event = sqs_event([m["Body"] for m in batch], url.rsplit("/", 1)[-1], [m["MessageId"] for m in batch])
        failed = invoke(client, handler, event, delivery)
        with harness():
            _delete(sqs, url, [m for m in batch if m["MessageId"] not in failed])
            for name in drain:
                purge(sqs, name)
    return delivery


def _delete(sqs, url: str, messages: list[dict]) -> None:
    if messages:
        sqs.delete_message_batch(QueueUrl=url, Entries=[{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]}
                                                        for i, m in enumerate(messages)])


def purge(sqs, queue_attr: str) -> None:
    url = sqs.get_queue_url(QueueName=getattr(settings.current(), queue_attr))["QueueUrl"]
    with contextlib.suppress(sqs.exceptions.PurgeQueueInProgress):
        sqs.purge_queue(QueueUrl=url)


@contextlib.contextmanager
def harness():
    """Requests of the bench itself (not of a handler) are labelled "harness"."""
    outer, RECORDER.label = RECORDER.label, "harness"
    try:
        yield
    finally:
        RECORDER.label = outer


@contextlib.contextmanager
def labelled(module, function: str, label_of):
    """While inside, requests made under `module.function(...)` carry the label `label_of(*args)`."""
    original = getattr(module, function, None)
    if original is None:  # renamed meanwhile: requests keep the handler's label
        yield
        return

    def wrapped(*args, **kwargs):
        outer, RECORDER.label = RECORDER.label, label_of(*args, **kwargs)
        try:
            return original(*args, **kwargs)
        finally:
            RECORDER.label = outer

    setattr(module, function, wrapped)
    try:
        yield
    finally:
        setattr(module, function, original)
