"""`marketplace_events`: one record at a time, partial batch response.

Each record's body is parsed once (services/inbound_events.py), into an event or the reason it is rejected, which
the read-ahead, the processing and the log lines all take. What the batch's events read is fetched first, together
(services/batch_store.py); consecutive events are committed together, in one transaction
(services/open_transaction.py); the sent marks of their messages are written together at the end. Outcomes per
record: applied or duplicate (deleted); invalid (sent to the DLQ with its reason and deleted, never retried); not
yet known, stale or a transient AWS error (reported as a batch item failure, so SQS redelivers it and, after
maxReceiveCount, dead-letters it). An event whose commit waits in the open transaction is logged and counted when
it commits; if the transaction is refused, each of its events is processed again on its own, and has the outcome
it would have had alone.
"""
import contextlib
from typing import Iterator, NamedTuple

from aws_lambda_powertools import Logger

from chalicelib import settings
from chalicelib.domain.errors import InvalidInput, NotYetKnown
from chalicelib.domain.wire import JsonObject
from chalicelib.entrypoints import wiring
from chalicelib.entrypoints.observability import count
from chalicelib.entrypoints.partial_batch import QueueRecord
from chalicelib.services import events
from chalicelib.services.batch_store import BatchStore
from chalicelib.services.inbound_events import Event, Rejected, parse
from chalicelib.services.open_transaction import FlushFirst

logger = Logger(child=True)
OUTCOME_METRICS = {"processed": "EventsProcessed", "duplicate": "EventsDuplicate", "dead-lettered": "EventsFailed",
                   "failed": "EventsFailed"}
WAITING = "waiting"  # processed into the open transaction: its outcome is known when that commits


class Received(NamedTuple):
    """A queue record and what its body was parsed into, once."""

    record: QueueRecord
    event: Event | Rejected


def handle_batch(raw_event: JsonObject, context: object = None) -> JsonObject:
    store = BatchStore(wiring.event_store(), grouped=True)
    records = [QueueRecord.of(raw) for raw in raw_event.get("Records", [])]
    batch = [Received(record, parse(record.body)) for record in records]
    unanswered = store.read_ahead([received.event for received in batch if isinstance(received.event, Event)])
    if unanswered:
        logger.warning("read-ahead incomplete: events read those items on their own", extra={"items": unanswered})
    failed: set[str] = set()
    waiting: list[Received] = []
    for received in batch:
        if not _handled(received, store, failed, waiting):  # it needs what the open transaction holds committed
            _commit_waiting(store, waiting, failed)
            if not _handled(received, store, failed, waiting):  # nothing is open now: never, but never lost either
                failed.add(received.record.message_id)
    _commit_waiting(store, waiting, failed)
    left = store.settle()
    if left:
        logger.warning("sent messages left marked pending: the daily sweep sends them again", extra={"keys": left})
    return {"batchItemFailures": [{"itemIdentifier": r.message_id} for r in records if r.message_id in failed]}


def _handled(received: Received, store: BatchStore, failed: set[str], waiting: list[Received]) -> bool:
    """Handles one record (a failure noted for SQS to redeliver it); False if it must wait for FlushFirst."""
    try:
        if handle_record(received, store) == WAITING:
            waiting.append(received)
    except FlushFirst:
        return False
    except Exception:  # noqa: BLE001 - any failure of one record is SQS's to redeliver, its neighbours' are not
        logger.debug("record failed: left for SQS to redeliver", extra={"message_id": received.record.message_id})
        failed.add(received.record.message_id)
    return True


def _commit_waiting(store: BatchStore, waiting: list[Received], failed: set[str]) -> None:
    """Commits the open transaction: its events are processed; refused, each is handled again on its own."""
    batch, waiting[:] = list(waiting), []
    try:
        committed = store.commit_open()
    except Exception:  # noqa: BLE001 - no answer (a timeout, a connection lost): SQS redelivers them, marks tell
        logger.warning("a batch transaction failed without an answer", exc_info=True)
        failed.update(received.record.message_id for received in batch)
        return
    if committed:
        for received in batch:
            with _context(received) as event_type:
                logger.info("event processed")
                count(OUTCOME_METRICS["processed"], EventType=event_type)
        return
    with store.alone():
        for received in batch:
            _handled(received, store, failed, [])


def handle_record(received: Received, store: BatchStore) -> str:
    outcome = "failed"
    with _context(received) as event_type:
        try:
            outcome = _process(received, store)
        except FlushFirst:
            outcome = WAITING  # processed again after the commit: counted then
            raise
        finally:
            if outcome != WAITING:
                count(OUTCOME_METRICS[outcome], EventType=event_type)
    return outcome


@contextlib.contextmanager
def _context(received: Received) -> Iterator[str]:
    """The record's ids on every log line within; yields its event type as counted ("invalid" if none known)."""
    ids = received.event.ids
    with logger.append_context_keys(message_id=received.record.message_id, **ids):
        yield ids["event_type"] if ids.get("event_type") in events.HANDLERS else "invalid"


def _process(received: Received, store: BatchStore) -> str:
    record, event = received
    if isinstance(event, Rejected):
        dead_letter(record, event.reason)
        return "dead-lettered"
    opened = store.open_events
    try:
        with store.event():
            outcome = events.apply(store, wiring.publisher(), event)
    except InvalidInput as invalid:
        dead_letter(record, str(invalid))
        return "dead-lettered"
    except NotYetKnown as unknown:
        logger.info("event waits for what it refers to", extra={"reason": str(unknown)})
        raise
    if store.open_events > opened:
        return WAITING
    logger.info("event " + outcome.status)
    for destination in outcome.routed:
        count("ContactsRouted", Destination=destination)
    return outcome.status


def dead_letter(record: QueueRecord, reason: str) -> None:
    logger.warning("invalid event dead-lettered", extra={"reason": reason})
    wiring.queues().send(settings.current().marketplace_events_dlq, record.body,
                         {"reason": reason[:1000], "source_message_id": record.message_id})
    count("DeadLettered", Queue="marketplace-events")
