"""Bodies that cannot be read at all (DESIGN 3), of any size or nesting depth, beside valid events: each is
dead-lettered alone with its reason, and the rest of the batch is processed."""
import logging

import pytest

from chalicelib.entrypoints import wiring
from tests.reliability.conftest import fresh_service
from tests.support import events as ev
from tests.support.sqs import QueueReader, sqs_event

SQS_LIMIT = 256 * 1024
UNREADABLE = {
    "5,000 arrays deep": "[" * 5000 + "]" * 5000,
    "5,000 objects deep": '{"a":' * 5000 + "1" + "}" * 5000,
    "an envelope whose detail is 5,000 deep": '{"event_id": "e", "type": "OrderShipped", "detail": '
                                               + '{"a":' * 5000 + "1" + "}" * 5001,
    "256 KB": '{"event_id": "' + "x" * (SQS_LIMIT - 100) + '"}',
    "256 KB deep": "[" * (SQS_LIMIT // 2 - 10) + "]" * (SQS_LIMIT // 2 - 10),
}


@pytest.mark.parametrize("name", UNREADABLE)
def test_an_unreadable_body_is_dead_lettered_alone_and_its_neighbours_are_processed(name, caplog):
    body = UNREADABLE[name]
    with fresh_service() as client:
        # Given a batch: a seller's registration, the unreadable body, an order of that seller
        registered = ev.seller_registered("U1", occurred_at="2026-10-01T00:00:00Z")
        order = ev.order_placed("UO1", seller_id="U1", occurred_at="2026-10-02T00:00:00Z")
        caplog.set_level(logging.INFO)
        # When the batch arrives
        answer = client.lambda_.invoke("marketplace_events", sqs_event([registered, body, order])).payload
        # Then nothing is retried, the body alone is on the DLQ with its reason, logged in full (the attribute
        # as much of it as fits beside the body in SQS's 256 KB)
        assert answer == {"batchItemFailures": []}
        (dead,) = QueueReader().drain("marketplace_events_dlq")
        (logged,) = [r.reason for r in caplog.records if r.getMessage() == "invalid event dead-lettered"]
        assert dead["body"] == body and logged.startswith(dead["attributes"]["reason"])
        assert "body" in logged and len(dead["attributes"]["reason"]) >= 8
        # And the valid neighbours were processed: the order exists for its seller
        assert wiring.store().get_order("UO1").seller_id == "U1"
