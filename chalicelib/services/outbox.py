"""Delivery of queued messages after their commit: once, or again with the same idempotency key after a crash.

A message is written in the same transaction as the change it announces, sent after the commit, then
marked sent (its outbox item deleted). Whoever sends a message holds a claim on it first: the committer
from the commit, anyone else (a request repeated or losing a race, a redelivered event, the sweep) by a
conditional update that succeeds only if the message is still pending and nobody's claim is current. So
concurrent requests send it once; a failed send gives its claim up, and a sender that died holding one
loses it when the lease ends. Only then is a message sent twice, under the same key.
"""
from datetime import datetime, timedelta
from typing import Iterable, Protocol

from chalicelib.domain.clock import to_wire, utc_now
from chalicelib.domain.wire import JsonObject
from chalicelib.services.changes import Change, QueueMessage
from chalicelib.services.destinations import Destination
from chalicelib.services.one_by_one import one_by_one
from chalicelib.services.ports import CaseStore, Store

CLAIM_LEASE = timedelta(minutes=1)  # far beyond a send: a claim older than this, its sender died holding it


class Publisher(Protocol):
    def send(self, destination: Destination, body: JsonObject, idempotency_key: str) -> None: ...


def deliver(store: Store, publisher: Publisher, messages: Iterable[QueueMessage]) -> int:
    """Send messages whose claims the caller holds (its own commit's, or taken), then mark them sent."""
    sent = 0
    for message in messages:
        _send(store, publisher, message)
        sent += 1
    return sent


def _send(store: Store, publisher: Publisher, message: QueueMessage) -> None:
    sent = False
    try:
        publisher.send(message.destination, message.body, message.key)
        sent = True
    finally:
        if not sent:
            store.release(message.key)
    store.mark_sent(message.key)


def queued(changes: Iterable[Change]) -> list[QueueMessage]:
    return [c for c in changes if isinstance(c, QueueMessage)]


def redeliver(store: Store, publisher: Publisher, keys: list[str], now: datetime | None = None) -> int:
    """Resend those of these messages whose send after their commit was not confirmed and nobody is sending."""
    return deliver(store, publisher, _claimed(store, store.pending_messages(keys), now or utc_now()))


def redeliver_for_event(store: Store, publisher: Publisher, event_id: str) -> int:
    """A duplicate event: resend what its first processing queued but may not have sent."""
    return redeliver(store, publisher, store.outbox_keys_of(event_id))


class Unsent(Exception):
    """The relay sent `sent` messages and could not send those of `keys` (each claimed and sent on its own, so a
    transient failure of one left the others sent); the failures are `reasons`, one per key."""

    def __init__(self, sent: int, reasons: dict[str, str]) -> None:
        super().__init__(f"{len(reasons)} messages left pending")
        self.sent, self.reasons = sent, reasons


def relay_stale(store: CaseStore, publisher: Publisher, now: datetime) -> int:
    """Send every message still pending a lease after its commit (the sweep's safety net): by then the committer's
    claim has ended, so what is pending is what a failed send gave up or a dead sender left. `now` is on the clock
    the outbox stamps its items with, the wall clock (or later, in a test).

    Each message is claimed just before it is sent, not all first: a message whose claim or send fails (a throttle,
    an answer lost) is left released or soon free, and the relay goes on with the others; then Unsent tells which,
    so the run fails and its retry, a minute later or more, sends them."""
    until = to_wire(now + CLAIM_LEASE)

    def claimed_and_sent(message: QueueMessage) -> int:
        if not store.claim(message.key, to_wire(now), until):
            return 0
        _send(store, publisher, message)
        return 1

    sent, reasons = one_by_one(store.stale_pending_messages(to_wire(now - CLAIM_LEASE)), claimed_and_sent,
                               lambda message: message.key)
    if reasons:
        raise Unsent(sent, reasons)
    return sent


def _claimed(store: Store, messages: Iterable[QueueMessage], now: datetime) -> list[QueueMessage]:
    until = to_wire(now + CLAIM_LEASE)
    return [message for message in messages if store.claim(message.key, to_wire(now), until)]
