"""SQS helpers for tests: Lambda events with distinct message ids, and reading queues."""
import json
import uuid

import boto3

from chalicelib import settings


def sqs_event(bodies: list, queue_name: str = "csba-local-marketplace-events") -> dict:
    """A Lambda SQS event; unlike chalice.test's, every record has its own messageId."""
    records = []
    for body in bodies:
        text = body if isinstance(body, str) else json.dumps(body)
        records.append({
            "messageId": str(uuid.uuid4()), "receiptHandle": str(uuid.uuid4()), "body": text,
            "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "1790000000000"},
            "messageAttributes": {}, "md5OfBody": "", "eventSource": "aws:sqs",
            "eventSourceARN": f"arn:aws:sqs:us-east-1:123456789012:{queue_name}", "awsRegion": "us-east-1",
        })
    return {"Records": records}


def failed_ids(response: dict) -> set[str]:
    return {item["itemIdentifier"] for item in response["batchItemFailures"]}


class QueueReader:
    """Reads (and consumes) what the app sent to a queue, by settings attribute name."""

    def __init__(self):
        self.sqs = boto3.client("sqs")

    def drain(self, queue_attr: str) -> list[dict]:
        url = self.sqs.get_queue_url(QueueName=getattr(settings.current(), queue_attr))["QueueUrl"]
        messages = []
        while True:
            batch = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10,
                                             MessageAttributeNames=["All"]).get("Messages", [])
            if not batch:
                return messages
            for message in batch:
                attributes = {k: v["StringValue"] for k, v in message.get("MessageAttributes", {}).items()}
                messages.append({"body": message["Body"], "attributes": attributes})
                self.sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])


def pump(client, handler: str, queue_attr: str, rounds: int = 50) -> int:
    """Deliver what waits on a queue to its handler as Lambda would: successes deleted, failures left."""
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName=getattr(settings.current(), queue_attr))["QueueUrl"]
    delivered = 0
    for _ in range(rounds):
        messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=0).get("Messages", [])
        if not messages:
            return delivered
        event = {"Records": [{**sqs_event([m["Body"]])["Records"][0], "messageId": m["MessageId"],
                              "receiptHandle": m["ReceiptHandle"]} for m in messages]}
        failed = failed_ids(client.lambda_.invoke(handler, event).payload)
        for message in messages:
            if message["MessageId"] not in failed:
                sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
                delivered += 1
    return delivered
