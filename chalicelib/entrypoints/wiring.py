"""Builds the adapters from the current settings: the one place entry points get their AWS access.

Each builder imports its adapter when first called, not this module: every Lambda function imports every
route module (app.py), and importing this one costs nothing, so a function loads only the adapters its
invocations build (bench figure 1).
"""
import os
from typing import TYPE_CHECKING, Any

from chalicelib import settings
from chalicelib.domain.wire import JsonObject

if TYPE_CHECKING:
    from chalicelib.services.destinations import Destination
    from chalicelib.adapters.dynamo_app_store import DynamoAppStore
    from chalicelib.adapters.dynamo_report_store import DynamoReportStore
    from chalicelib.adapters.dynamo_store import DynamoStore
    from chalicelib.adapters.queues import Queues


def region() -> str:
    return os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"


def store() -> "DynamoAppStore":
    """The whole store port: every service's reads and writes."""
    from chalicelib.adapters.binding import tables_for
    from chalicelib.adapters.dynamo_app_store import DynamoAppStore

    return DynamoAppStore(tables_for(settings.current()))


def event_store() -> "DynamoStore":
    """What inbound events read and write (the case store), without the close, invoices and insights."""
    from chalicelib.adapters.binding import tables_for
    from chalicelib.adapters.dynamo_store import DynamoStore

    return DynamoStore(tables_for(settings.current()))


def report_store() -> "DynamoReportStore":
    """What the report and the public identifier read: a seller, its enrolment, its months."""
    from chalicelib.adapters.binding import tables_for
    from chalicelib.adapters.dynamo_report_store import DynamoReportStore

    return DynamoReportStore(tables_for(settings.current()))


def queues() -> "Queues":
    from chalicelib.adapters.queues import queues_for

    return queues_for(settings.current().endpoint_url, region())


def queue_of(destination: "Destination") -> str:
    """The current stage's queue for `destination` (settings read at each call)."""
    from chalicelib.services.destinations import Destination

    current = settings.current()
    return {Destination.AMAZON_CS: current.cs_contacts_queue, Destination.SELLER_INBOX: current.seller_messages_queue,
            Destination.PAYMENTS: current.payments_queue, Destination.BUYER_MESSAGES: current.buyer_messages_queue,
            Destination.BILLING_JOBS: current.billing_jobs_queue}[Destination(destination)]


class QueuePublisher:
    """Sends to the destination's queue, with the idempotency key as a message attribute."""

    def send(self, destination: "Destination", body: JsonObject, idempotency_key: str) -> None:
        queues().send(queue_of(destination), body, {"idempotency_key": idempotency_key})


def publisher() -> QueuePublisher:
    return QueuePublisher()


class JobQueue:
    """Billing jobs (close a marketplace, write an invoice) onto BILLING_JOBS_QUEUE, ten per request."""

    def enqueue(self, jobs: list[JsonObject]) -> None:
        from chalicelib.services.destinations import Destination

        name = queue_of(Destination.BILLING_JOBS)
        for start in range(0, len(jobs), 10):
            queues().send_batch(name, jobs[start:start + 10])


def jobs() -> JobQueue:
    return JobQueue()


def reset() -> None:
    """Forget cached clients (tests switch the embedded AWS between cases)."""
    from chalicelib.adapters import binding, queues as queue_module

    binding._tables.cache_clear()
    queue_module.queues_for.cache_clear()
