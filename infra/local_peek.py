"""`peek QUEUE`: print the messages waiting on a queue or DLQ, leaving them there.

SQS has no read-only peek: every receive counts toward ApproximateReceiveCount (in AWS too).
So each message is received once per peek: rounds of receives hide what they saw for a few
seconds until a round brings nothing new, then all are made visible again at once. (Receiving
with VisibilityTimeout=0 instead would return the same first ten messages every round and
count a receive each time.) On a queue with a redrive policy and no consumer, the sixth
receive moves a message to its DLQ, so peeking the same message five times dead-letters it.
"""
import base64
import datetime
import json

import boto3

from infra.local_commands import queue_url, require_endpoint
from infra.local_stage import resolve_queue

HIDE_SECONDS = 10


def peek(name: str) -> list[dict]:
    """Print and return the messages waiting on queue `name` (short, env-var style or full name)."""
    require_endpoint()
    full_name = resolve_queue(name)
    sqs = boto3.client("sqs")
    url = queue_url(sqs, full_name)
    messages = _gather(sqs, url)
    _release(sqs, url, messages)
    for number, message in enumerate(messages, 1):
        print(render(message, number, len(messages)))
    print(f"{len(messages)} message(s) waiting on {full_name}")
    return messages


def _gather(sqs, url: str) -> list[dict]:
    seen: dict[str, dict] = {}
    while True:
        batch = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=HIDE_SECONDS,
                                    WaitTimeSeconds=0, AttributeNames=["All"],
                                    MessageAttributeNames=["All"]).get("Messages", [])
        fresh = [m for m in batch if m["MessageId"] not in seen]
        if not fresh:
            return list(seen.values())
        seen.update((m["MessageId"], m) for m in fresh)


def _release(sqs, url: str, messages: list[dict]) -> None:
    for start in range(0, len(messages), 10):
        entries = [{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"], "VisibilityTimeout": 0}
                   for i, m in enumerate(messages[start:start + 10])]
        sqs.change_message_visibility_batch(QueueUrl=url, Entries=entries)


def render(message: dict, number: int, total: int) -> str:
    """One message: a header line, its body (pretty when JSON) and its message attributes."""
    attributes = message.get("Attributes", {})
    sent = _timestamp(attributes.get("SentTimestamp"))
    received = attributes.get("ApproximateReceiveCount", "?")
    lines = [f"--- {number}/{total} message {message['MessageId']} (received {received} times, sent {sent})",
             _pretty(message["Body"])]
    extra = {k: _attribute_value(v) for k, v in message.get("MessageAttributes", {}).items()}
    if extra:
        lines.append("message attributes: " + json.dumps(extra, indent=2, ensure_ascii=False))
    return "\n".join(lines)


def _pretty(body: str) -> str:
    try:
        return json.dumps(json.loads(body), indent=2, ensure_ascii=False)
    except json.JSONDecodeError:
        return body


def _attribute_value(value: dict) -> str:
    if "StringValue" in value:
        return value["StringValue"]
    return base64.b64encode(value.get("BinaryValue", b"")).decode("ascii")


def _timestamp(millis: str | None) -> str:
    if not millis:
        return "?"
    moment = datetime.datetime.fromtimestamp(int(millis) / 1000, tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
