"""`dlq list` and `dlq redrive QUEUE`: what waits on each dead-letter queue, and moving it back to its source.

Moto has no StartMessageMoveTask, so redrive receives, sends to the source queue (body and message
attributes kept) and deletes, ten at a time. It stops at a message sent after it began or one it has
already moved (a consumer dead-lettering again what it just got), leaving those where they are. In AWS
use `aws sqs start-message-move-task` (README, Operations).
"""
import time

import boto3

from infra import resources
from infra.local_commands import CommandError, queue_url, require_endpoint
from infra.local_stage import STAGE, resolve_queue, short_name


def sources_by_dlq() -> dict[str, str]:
    """Each dead-letter queue of infra/template.yaml -> the queue whose redrive policy names it (local names)."""
    queues = resources.resources_of("AWS::SQS::Queue")
    name = {lid: resources._resolve(props["QueueName"], STAGE, {}) for lid, props in queues.items()}
    return {name[props["RedrivePolicy"]["deadLetterTargetArn"]["Fn::GetAtt"][0]]: name[lid]
            for lid, props in queues.items() if "RedrivePolicy" in props}


def dlq_list() -> dict[str, int]:
    """Print each dead-letter queue with the messages waiting on it (visible + in flight)."""
    require_endpoint()
    sqs = boto3.client("sqs")
    counts = {}
    for dlq, source in sources_by_dlq().items():
        attributes = sqs.get_queue_attributes(QueueUrl=queue_url(sqs, dlq), AttributeNames=[
            "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])["Attributes"]
        counts[dlq] = sum(int(value) for value in attributes.values())
        print(f"{short_name(dlq):<26} {counts[dlq]:>6} message(s)   redrive to {short_name(source)}")
    return counts


def redrive(name: str) -> int:
    """Move every message of dead-letter queue `name` back to its source queue; returns how many moved."""
    require_endpoint()
    dlq = resolve_queue(name)
    source = sources_by_dlq().get(dlq)
    if source is None:
        known = ", ".join(short_name(q) for q in sources_by_dlq())
        raise CommandError(f"{short_name(dlq)} is not a dead-letter queue; dead-letter queues: {known}")
    sqs = boto3.client("sqs")
    moved = _move(sqs, queue_url(sqs, dlq), queue_url(sqs, source))
    print(f"moved {moved} message(s) from {dlq} to {source}")
    return moved


def _move(sqs, from_url: str, to_url: str) -> int:
    started_ms, moved = int(time.time() * 1000), set()
    while True:
        batch = sqs.receive_message(QueueUrl=from_url, MaxNumberOfMessages=10, VisibilityTimeout=30,
                                    AttributeNames=["SentTimestamp"], MessageAttributeNames=["All"])
        batch = batch.get("Messages", [])
        fresh = [m for m in batch
                 if m["MessageId"] not in moved and int(m["Attributes"]["SentTimestamp"]) < started_ms]
        if len(fresh) < len(batch):
            _release(sqs, from_url, [m for m in batch if m not in fresh])
        if not fresh:
            return len(moved)
        entries = [{"Id": str(i), "MessageBody": m["Body"], "MessageAttributes": m.get("MessageAttributes", {})}
                   for i, m in enumerate(fresh)]
        sent = {int(ok["Id"]) for ok in sqs.send_message_batch(QueueUrl=to_url, Entries=entries)["Successful"]}
        done = [m for i, m in enumerate(fresh) if i in sent]
        if done:
            sqs.delete_message_batch(QueueUrl=from_url, Entries=[
                {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(done)])
        moved.update(m["MessageId"] for m in done)
        if len(done) < len(fresh):
            _release(sqs, from_url, [m for m in fresh if m not in done])
            raise CommandError(f"{len(fresh) - len(done)} message(s) refused by the source queue; run redrive again")


def _release(sqs, url: str, messages: list[dict]) -> None:
    sqs.change_message_visibility_batch(QueueUrl=url, Entries=[
        {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"], "VisibilityTimeout": 0} for i, m in enumerate(messages)])
