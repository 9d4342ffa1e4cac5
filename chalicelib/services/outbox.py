"""Delivery of queued messages after their commit: at least once, each with its idempotency key.

A message is written in the same transaction as the change it announces, sent after
the commit, then marked sent. If the process dies in between, the redelivered event
(a duplicate) or the daily sweep sends it again with the same key; consumers drop a
key they have already seen.
"""
from datetime import datetime, timedelta
from typing import Iterable, Protocol

from chalicelib.domain.clock import to_wire
from chalicelib.services.changes import Change, QueueMessage

STALE_AFTER = timedelta(minutes=5)


class Publisher(Protocol):
    def send(self, queue: str, body: dict, idempotency_key: str) -> None: ...


def deliver(store, publisher: Publisher, messages: Iterable[QueueMessage]) -> int:
    sent = 0
    for message in messages:
        publisher.send(message.queue, message.body, message.key)
        store.mark_sent(message.key)
        sent += 1
    return sent


def queued(changes: Iterable[Change]) -> list[QueueMessage]:
    return [c for c in changes if isinstance(c, QueueMessage)]


def redeliver(store, publisher: Publisher, keys: list[str]) -> int:
    """Resend those of these messages whose send after their commit was not confirmed."""
    return deliver(store, publisher, store.pending_messages(keys))


def redeliver_for_event(store, publisher: Publisher, event_id: str) -> int:
    """A duplicate event: resend what its first processing queued but may not have sent."""
    return redeliver(store, publisher, store.outbox_keys_of(event_id))


def relay_stale(store, publisher: Publisher, now: datetime) -> int:
    """Send every message still pending some minutes after its commit (the sweep's safety net)."""
    return deliver(store, publisher, store.stale_pending_messages(to_wire(now - STALE_AFTER)))
