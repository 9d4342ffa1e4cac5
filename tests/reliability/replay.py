"""Drives a month through the real handlers as SQS and EventBridge would, and dumps what resulted.

`Replay.deliver` hands envelopes to `marketplace_events` in batches of 10; the records the
handler reports as batchItemFailures are received again (a later round, as after their
visibility timeout) until they succeed or reach MAX_RECEIVES, then dead-lettered. Billing
jobs wait on the real (embedded) queue and are pumped the same way. Faults, when given,
are injected only while a handler runs.
"""
import contextlib
import json
import random
from collections import Counter
from datetime import timedelta

import boto3

from chalicelib import settings
from chalicelib.domain.clock import to_wire, utc_now
from tests.support.scenario import scheduled
from tests.support.sqs import failed_ids, sqs_event

BATCH = 10
# Above the template's maxReceiveCount (5): the injected faults bypass botocore's own retries
# (3 attempts for throttles and 5xx in production), so each fault here costs a whole receive.
MAX_RECEIVES = 15
OUTBOUND = ("cs_contacts_queue", "seller_messages_queue", "payments_queue")
TABLES = ("sellers", "enrollments", "orders", "contacts", "counters", "weekly-counters", "snapshots", "market-stats",
          "invoices", "refunds", "support-notes")
# Processing-time fields: when the close and the billing job ran (the wall clock), not what they decided.
VOLATILE = {"snapshots": {"closed_at"}, "market-stats": {"closed_at"}, "invoices": {"created_at"}}


class Replay:
    def __init__(self, client, faults=None):
        self.client, self.faults = client, faults
        self.stats: Counter = Counter()
        self.dead_lettered: list[str] = []

    def handler(self, name: str, event: dict):
        with self.faults.on() if self.faults else contextlib.nullcontext():
            return self.client.lambda_.invoke(name, event).payload

    def deliver(self, envelopes: list, shuffle_seed: int | None = None) -> None:
        pending = [(json.dumps(e), 1) for e in envelopes]
        rng = random.Random(shuffle_seed)
        while pending:
            if shuffle_seed is not None:
                rng.shuffle(pending)
            retry = []
            for start in range(0, len(pending), BATCH):
                batch = pending[start:start + BATCH]
                event = sqs_event([body for body, _ in batch])
                failed = failed_ids(self.handler("marketplace_events", event))
                self.stats["deliveries"] += len(batch)
                for record, (body, receives) in zip(event["Records"], batch):
                    if record["messageId"] in failed:
                        self._again(retry, body, receives)
            pending = retry

    def _again(self, retry: list, body: str, receives: int) -> None:
        self.stats["redeliveries"] += 1
        if receives >= MAX_RECEIVES:
            self.dead_lettered.append(body)
        else:
            retry.append((body, receives + 1))

    def close_and_bill(self, month: str = "2026-10") -> None:
        """monthly_close (EventBridge retries a failed invocation), then every billing job."""
        for _ in range(MAX_RECEIVES):
            try:
                self.handler("monthly_close", scheduled("2026-11-01T02:00:00Z", {"month": month}))
                break
            except Exception:  # noqa: BLE001 - an injected fault escaping a schedule: EventBridge invokes again
                self.stats["schedule retries"] += 1
        else:
            raise AssertionError("monthly_close never succeeded")
        self.pump_billing_jobs()

    def sweep(self, runs: int = 3) -> None:
        """daily_sweep on the next days (past the outbox claims' lease): it sends what a failed send, or a
        sender that lost its claim to a fault, left unsent, as it does in a deployed stage."""
        for day in range(1, runs + 1):
            at = to_wire(utc_now() + timedelta(days=day))
            for _ in range(MAX_RECEIVES):
                try:
                    self.handler("daily_sweep", scheduled(at))
                    break
                except Exception:  # noqa: BLE001 - an injected fault escaping a schedule: EventBridge invokes again
                    self.stats["schedule retries"] += 1

    def pump_billing_jobs(self) -> None:
        sqs = boto3.client("sqs")
        url = sqs.get_queue_url(QueueName=settings.current().billing_jobs_queue)["QueueUrl"]
        receives: Counter = Counter()
        while messages := sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=BATCH,
                                              VisibilityTimeout=0).get("Messages", []):
            event = {"Records": [{**sqs_event([m["Body"]], settings.current().billing_jobs_queue)["Records"][0],
                                  "messageId": m["MessageId"], "receiptHandle": m["ReceiptHandle"]}
                                 for m in messages]}
            failed = failed_ids(self.handler("billing_jobs", event))
            for message in messages:
                receives[message["MessageId"]] += 1
                if message["MessageId"] in failed and receives[message["MessageId"]] < MAX_RECEIVES:
                    self.stats["billing job redeliveries"] += 1
                    continue
                if message["MessageId"] in failed:
                    self.dead_lettered.append(message["Body"])
                sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])


def table_dump() -> dict[str, list[dict]]:
    """Every item of the compared tables, volatile fields dropped, in a stable order."""
    dynamodb, prefix = boto3.client("dynamodb"), settings.current().table_prefix
    dump = {}
    for table in TABLES:
        items = []
        for page in dynamodb.get_paginator("scan").paginate(TableName=f"{prefix}-{table}", ConsistentRead=True):
            items += [{k: v for k, v in item.items() if k not in VOLATILE.get(table, ())} for item in page["Items"]]
        dump[table] = sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
    return dump


def outbound_messages() -> dict[str, dict[str, str]]:
    """What each outbound queue holds, deduplicated by idempotency_key (as its consumer does): key -> body.

    Fails if two messages share a key but differ in body.
    """
    sqs, result = boto3.client("sqs"), {}
    for queue in OUTBOUND:
        url = sqs.get_queue_url(QueueName=getattr(settings.current(), queue))["QueueUrl"]
        by_key: dict[str, str] = {}
        while batch := sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=300,
                                           MessageAttributeNames=["All"]).get("Messages", []):
            for message in batch:
                key = message["MessageAttributes"]["idempotency_key"]["StringValue"]
                assert by_key.setdefault(key, message["Body"]) == message["Body"], key
        result[queue] = by_key
    return result


def dlq_depth(queue_attr: str = "marketplace_events_dlq") -> int:
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName=getattr(settings.current(), queue_attr))["QueueUrl"]
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"])
    return int(attributes["Attributes"]["ApproximateNumberOfMessages"])
