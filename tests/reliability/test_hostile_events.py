"""Hostile envelopes (DESIGN 3) through the real `marketplace_events` handler: the batch never crashes,
nothing reaches a table, and each body lands in the dead-letter queue with the reason logged beside it."""
import json

from hypothesis import HealthCheck, given, settings

from tests.reliability.conftest import fresh_service
from tests.reliability.hostile import SELLER, defective_envelope, not_an_object
from tests.reliability.replay import TABLES, table_dump
from tests.support import events as ev
from tests.support.sqs import QueueReader, sqs_event

EXAMPLES = 150
TABLES_WITH_MARKS = (*TABLES, "processed-events", "outbox")


def every_table() -> dict:
    import boto3

    from chalicelib import settings as app_settings

    dynamodb, prefix = boto3.client("dynamodb"), app_settings.current().table_prefix
    return {t: dynamodb.scan(TableName=f"{prefix}-{t}", ConsistentRead=True)["Items"] for t in TABLES_WITH_MARKS}


def test_hostile_envelopes_are_dead_lettered_with_their_reason_and_change_nothing(caplog):
    with fresh_service() as client:
        # Given a registered seller whose tables hold something
        registered = ev.seller_registered(SELLER, occurred_at="2026-05-01T00:00:00Z")
        assert client.lambda_.invoke("marketplace_events", sqs_event([registered])).payload["batchItemFailures"] == []
        before, dlq, tried = every_table(), QueueReader(), []

        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        @given(body=defective_envelope() | not_an_object())
        def each(body):
            # When a hostile body arrives in a batch
            answer = client.lambda_.invoke("marketplace_events", sqs_event([body])).payload
            # Then it is not retried, and it sits alone on the DLQ with a reason
            assert answer == {"batchItemFailures": []}, body
            (dead,) = dlq.drain("marketplace_events_dlq")
            assert dead["body"] == body and dead["attributes"]["reason"], body
            tried.append(body)

        each()
        # And no table changed
        assert every_table() == before
        assert len(tried) >= EXAMPLES
