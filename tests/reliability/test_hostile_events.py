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


TIMESTAMP_DEFECTS = [("occurred_at", 1790000000), ("occurred_at", "1790000000"), ("occurred_at", 1.79e9),
                     ("occurred_at", "2026-10-03T12:00:00"), ("responded_at", 1790000000),
                     ("responded_at", "2099-01-01T00:00:00Z"), ("responded_at", "2019-01-01T00:00:00Z")]


def test_a_timestamp_that_is_not_zoned_rfc_3339_text_within_csbas_lifetime_is_dead_lettered():
    with fresh_service() as client:
        dlq = QueueReader()
        for field, value in TIMESTAMP_DEFECTS:
            # Given a response to a contact (unknown yet: were it accepted, it would wait, not be dead-lettered)
            envelope = ev.contact_responded("HC9", "2026-10-05T12:00:00Z", seller_id=SELLER)
            (envelope if field == "occurred_at" else envelope["detail"])[field] = value
            # When it arrives
            answer = client.lambda_.invoke("marketplace_events", sqs_event([envelope])).payload
            # Then it is dead-lettered, its reason naming the field
            assert answer == {"batchItemFailures": []}, (field, value)
            (dead,) = dlq.drain("marketplace_events_dlq")
            assert field in dead["attributes"]["reason"], (field, value, dead["attributes"]["reason"])
