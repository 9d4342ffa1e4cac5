"""`marketplace_events`: one record at a time, partial batch response.

What the batch's events read is fetched first, together (services/batch_store.py); the sent marks of
their messages are written together at the end. Outcomes per record: applied or duplicate (deleted); invalid (sent to the DLQ with
its reason and deleted, never retried); not yet known, stale or a transient AWS error
(reported as a batch item failure, so SQS redelivers it and, after maxReceiveCount,
dead-letters it).
"""
import functools

from aws_lambda_powertools import Logger

from chalicelib import settings
from chalicelib.domain.errors import InvalidInput, NotYetKnown
from chalicelib.entrypoints import wiring
from chalicelib.entrypoints.observability import RoutingPublisher, count, envelope_ids
from chalicelib.entrypoints.partial_batch import QueueRecord, partial_batch_response
from chalicelib.services import events
from chalicelib.services.batch_store import BatchStore

logger = Logger(child=True)
OUTCOME_METRICS = {"processed": "EventsProcessed", "duplicate": "EventsDuplicate", "dead-lettered": "EventsFailed",
                   "failed": "EventsFailed"}


def handle_batch(raw_event: dict, context=None) -> dict:
    store = BatchStore(wiring.store())
    unanswered = store.read_ahead([record.get("body") for record in raw_event.get("Records", [])])
    if unanswered:
        logger.warning("read-ahead incomplete: events read those items on their own", extra={"items": unanswered})
    response = partial_batch_response(raw_event, functools.partial(handle_record, store=store))
    left = store.settle()
    if left:
        logger.warning("sent messages left marked pending: the daily sweep sends them again", extra={"keys": left})
    return response


def handle_record(record: QueueRecord, store: BatchStore) -> str:
    ids = envelope_ids(record.body)
    event_type = ids.get("event_type") if ids.get("event_type") in events.HANDLERS else "invalid"
    outcome = "failed"
    with logger.append_context_keys(message_id=record.message_id, **ids):
        try:
            outcome = _process(record, store)
        finally:
            count(OUTCOME_METRICS[outcome], EventType=event_type)
    return outcome


def _process(record: QueueRecord, store: BatchStore) -> str:
    publisher = RoutingPublisher(wiring.publisher())
    try:
        with store.event():
            outcome = events.process(store, publisher, record.body)
    except InvalidInput as invalid:
        dead_letter(record, str(invalid))
        return "dead-lettered"
    except NotYetKnown as unknown:
        logger.info("event waits for what it refers to", extra={"reason": str(unknown)})
        raise
    logger.info("event " + outcome)
    for destination in publisher.destinations if outcome == "processed" else []:
        count("ContactsRouted", Destination=destination)
    return outcome


def dead_letter(record: QueueRecord, reason: str) -> None:
    logger.warning("invalid event dead-lettered", extra={"reason": reason})
    wiring.queues().send(settings.current().marketplace_events_dlq, record.body,
                         {"reason": reason[:1000], "source_message_id": record.message_id})
    count("DeadLettered", Queue="marketplace-events")
