"""Delivers SQS messages to their Lambda handlers in-process, as Lambda's SQS event source does
with `ReportBatchItemFailures`: receive up to a consumer's batch size, call the handler with the
Lambda SQS event, delete every record not in `batchItemFailures` and hide the failures for a while.
AWS hides them for the queue's VisibilityTimeout (360 s); locally the wait starts at `retry_after`
and doubles at each failure (15, 30, 60, 120 s by default), so a record waiting for another event
lives about 4 minutes, time to send that event by hand. Each receive counts: at maxReceiveCount (5)
the redrive policy moves the message to its DLQ, as in AWS. A handler that raises fails its batch.
"""
import base64
import logging
import threading
from dataclasses import dataclass
from typing import Callable

from botocore.exceptions import BotoCoreError, ClientError
from chalice.local import LambdaContext

log = logging.getLogger("infra.local.delivery")
DEFAULT_RETRY_AFTER = 15
LONGEST_WAIT = 360  # the queues' VisibilityTimeout in infra/template.yaml


@dataclass(frozen=True)
class Consumer:
    """A handler bound to the queue it consumes (`bind` looks the queue up)."""
    name: str
    handler: Callable[[dict, object], dict | None]
    queue_url: str
    queue_arn: str
    batch_size: int = 10

    @classmethod
    def bind(cls, sqs, name: str, queue_name: str, handler, batch_size: int = 10) -> "Consumer":
        url = sqs.get_queue_url(QueueName=queue_name)["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        return cls(name, handler, url, arn, max(1, min(batch_size, 10)))


@dataclass(frozen=True)
class BatchResult:
    records: int
    failed: int


def deliver_once(sqs, consumer: Consumer, retry_after: int = DEFAULT_RETRY_AFTER,
                 wait_seconds: int = 1) -> BatchResult | None:
    """Receive one batch and deliver it; None when the queue had nothing."""
    messages = sqs.receive_message(QueueUrl=consumer.queue_url, MaxNumberOfMessages=consumer.batch_size,
                                   WaitTimeSeconds=wait_seconds, AttributeNames=["All"],
                                   MessageAttributeNames=["All"]).get("Messages", [])
    if not messages:
        return None
    event = sqs_event(messages, consumer.queue_arn, sqs.meta.region_name)
    failed = failed_ids(consumer, event)
    _settle(sqs, consumer.queue_url, messages, failed, retry_after)
    log.info("%s: queue=%s records=%d failed=%d", consumer.name, consumer.queue_url.rsplit("/", 1)[-1],
             len(messages), len(failed))
    return BatchResult(len(messages), len(failed))


def failed_ids(consumer: Consumer, event: dict) -> set[str]:
    """Message ids the handler failed: those it reports, or all when its answer is unusable."""
    every = {record["messageId"] for record in event["Records"]}
    context = LambdaContext(function_name=consumer.name, memory_size=512, max_runtime_ms=60_000)
    try:
        response = consumer.handler(event, context)
    except Exception:  # a crashing Lambda fails its whole batch, whatever the exception
        log.exception("%s raised: the whole batch of %d fails", consumer.name, len(every))
        return every
    reported = _reported(response)
    if reported is None or not reported <= every:
        log.error("%s answered %r: unusable, so the whole batch fails, as in Lambda", consumer.name, response)
        return every
    return reported


def _reported(response) -> set | None:
    """The itemIdentifiers of a partial batch response (None or {} is full success); None if malformed."""
    if response is None:
        return set()
    if not isinstance(response, dict):
        return None
    items = response.get("batchItemFailures") or []
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        return None
    return {item.get("itemIdentifier") for item in items}


def _settle(sqs, queue_url: str, messages: list[dict], failed: set[str], retry_after: int) -> None:
    done = [{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]}
            for i, m in enumerate(messages) if m["MessageId"] not in failed]
    retry = [{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"],
              "VisibilityTimeout": retry_wait(retry_after, int(m["Attributes"]["ApproximateReceiveCount"]))}
             for i, m in enumerate(messages) if m["MessageId"] in failed]
    if done:
        sqs.delete_message_batch(QueueUrl=queue_url, Entries=done)
    if retry:
        sqs.change_message_visibility_batch(QueueUrl=queue_url, Entries=retry)


def retry_wait(first_wait: int, receives: int) -> int:
    """Seconds a message that failed at its `receives`-th receive stays hidden: doubling, at most 360."""
    return min(first_wait * 2 ** (receives - 1), LONGEST_WAIT)


def sqs_event(messages: list[dict], queue_arn: str, region: str) -> dict:
    """The event Lambda's SQS event source passes for these received messages."""
    return {"Records": [_record(m, queue_arn, region) for m in messages]}


def _record(message: dict, queue_arn: str, region: str) -> dict:
    record = {"messageId": message["MessageId"], "receiptHandle": message["ReceiptHandle"],
              "body": message["Body"], "attributes": message.get("Attributes", {}),
              "messageAttributes": {k: _attribute(v) for k, v in message.get("MessageAttributes", {}).items()},
              "md5OfBody": message.get("MD5OfBody", ""), "eventSource": "aws:sqs",
              "eventSourceARN": queue_arn, "awsRegion": region}
    if "MD5OfMessageAttributes" in message:
        record["md5OfMessageAttributes"] = message["MD5OfMessageAttributes"]
    return record


def _attribute(value: dict) -> dict:
    converted = {"stringListValues": [], "binaryListValues": [], "dataType": value["DataType"]}
    if "StringValue" in value:
        converted["stringValue"] = value["StringValue"]
    if "BinaryValue" in value:
        converted["binaryValue"] = base64.b64encode(value["BinaryValue"]).decode("ascii")
    return converted


def run(sqs, consumers: list[Consumer], stop: threading.Event, retry_after: int = DEFAULT_RETRY_AFTER) -> None:
    """Deliver from every consumer's queue in turn until `stop` is set."""
    while not stop.is_set():
        for consumer in consumers:
            if stop.is_set():
                return
            try:
                deliver_once(sqs, consumer, retry_after)
            except (BotoCoreError, ClientError) as error:
                log.warning("%s: cannot reach its queue (%s); retrying", consumer.name, error)
                stop.wait(1)
        if not consumers:
            stop.wait(1)
