"""Builds the adapters from the current settings: the one place entry points get their AWS access.

Each builder imports its adapter when first called, not this module: every Lambda function imports every
route module (app.py), and importing this one costs nothing, so a function loads only the adapters its
invocations build (bench figure 1).
"""
import os
from typing import TYPE_CHECKING

from chalicelib import settings

if TYPE_CHECKING:
    from chalicelib.adapters.dynamo_store import DynamoStore
    from chalicelib.adapters.queues import Queues


def region() -> str:
    return os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"


def store() -> "DynamoStore":
    from chalicelib.adapters.binding import tables_for
    from chalicelib.adapters.dynamo_store import DynamoStore

    return DynamoStore(tables_for(settings.current()))


def queues() -> "Queues":
    from chalicelib.adapters.queues import queues_for

    return queues_for(settings.current().endpoint_url, region())


class QueuePublisher:
    """Sends to the queue a Settings attribute names, with the idempotency key as a message attribute."""

    def send(self, queue: str, body: dict, idempotency_key: str) -> None:
        name = getattr(settings.current(), queue)
        queues().send(name, body, {"idempotency_key": idempotency_key})


def publisher() -> QueuePublisher:
    return QueuePublisher()


class JobQueue:
    """Billing jobs (close a marketplace, write an invoice) onto BILLING_JOBS_QUEUE, ten per request."""

    def enqueue(self, jobs: list[dict]) -> None:
        name = settings.current().billing_jobs_queue
        for start in range(0, len(jobs), 10):
            queues().send_batch(name, jobs[start:start + 10])


def jobs() -> JobQueue:
    return JobQueue()


def reset() -> None:
    """Forget cached clients (tests switch the embedded AWS between cases)."""
    from chalicelib.adapters import binding, queues as queue_module

    binding._tables.cache_clear()
    queue_module.queues_for.cache_clear()
