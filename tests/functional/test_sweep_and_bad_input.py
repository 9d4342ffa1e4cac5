"""daily_sweep escalates once; bad input of every event type reaches the DLQ with its reason."""
import json

import pytest

from tests.support import events as ev
from tests.support.sqs import sqs_event


def scheduled(at: str) -> dict:
    return {"version": "0", "id": "x", "detail-type": "Scheduled Event", "source": "aws.events",
            "account": "123456789012", "time": at, "region": "us-east-1", "resources": [], "detail": {}}


@pytest.fixture
def contacts(client, queues):
    setup = [ev.seller_registered("S1", occurred_at="2026-10-01T00:00:00Z"), ev.order_placed("O1"),
             ev.contact_created("C1", "O1", occurred_at="2026-10-05T10:00:00Z"),
             ev.contact_created("C2", "O1", occurred_at="2026-10-05T11:00:00Z"),
             ev.contact_created("C3", "O1", occurred_at="2026-10-06T09:00:00Z"),
             ev.contact_responded("C2", "2026-10-05T20:00:00Z")]
    assert client.lambda_.invoke("marketplace_events", sqs_event(setup)).payload == {"batchItemFailures": []}
    queues.drain("cs_contacts_queue")
    return client


def test_the_sweep_escalates_each_overdue_unanswered_contact_once(contacts, queues):
    # When the sweep runs after C1's deadline (C2 was answered, C3 is not due yet), twice
    first = contacts.lambda_.invoke("daily_sweep", scheduled("2026-10-06T10:30:00Z")).payload
    again = contacts.lambda_.invoke("daily_sweep", scheduled("2026-10-06T11:00:00Z")).payload
    # Then only C1 went to Amazon CS again, escalated, once
    (message,) = [json.loads(m["body"]) for m in queues.drain("cs_contacts_queue")]
    assert message["contact_id"] == "C1" and message["priority"] == "escalated"
    assert first["escalated"] == 1 and again["escalated"] == 0
    # And C3 is escalated by a later sweep, once its deadline has passed
    later = contacts.lambda_.invoke("daily_sweep", scheduled("2026-10-08T06:00:00Z")).payload
    assert later["escalated"] == 1
    assert [json.loads(m["body"])["contact_id"] for m in queues.drain("cs_contacts_queue")] == ["C3"]


BAD = [
    (ev.order_placed("O9", units=-1), "units"),
    (ev.order_placed("O9", units=0), "units"),
    (ev.order_placed("O9", currency="USD"), "USD"),
    (ev.order_placed("O9", total="12.345"), "decimals"),
    (ev.order_placed("O9", total="-1.00"), "negative"),
    (ev.order_placed("O9", channel="FBM"), "fulfillment_channel"),
    (ev.order_placed("", ), "order_id"),
    (ev.order_shipped("O1", units="3"), "units"),
    (ev.envelope("OrderShipped", {"order_id": "O1", "units": 1}), "tracking_valid"),
    (ev.return_requested("O1", "R1", prepaid_label="yes"), "prepaid_label"),
    (ev.contact_created("C9", "O1", topic="weather"), "topic"),
    (ev.contact_created("C9", "O1", channel="fax"), "channel"),
    (ev.contact_created("C9"), "order_id or"),
    (ev.contact_responded("C1", "2026-10-05T10:00:00"), "zone"),
    (ev.envelope("ContactResolved", {"contact_id": "C1"}), "resolution"),
    (ev.survey_answered("C1", "no"), "solved"),
    (ev.order_placed("O9", occurred_at="2019-01-01T00:00:00Z"), "before CSBA"),
    (ev.order_placed("O9", occurred_at="2031-01-01T00:00:00Z"), "future"),
]


@pytest.mark.parametrize("envelope, reason", BAD, ids=[f"{e['type']}-{r}" for e, r in BAD])
def test_bad_input_reaches_the_dlq_with_its_reason_and_no_table(client, queues, store, envelope, reason):
    response = client.lambda_.invoke("marketplace_events", sqs_event([envelope])).payload
    assert response == {"batchItemFailures": []}
    (dead,) = queues.drain("marketplace_events_dlq")
    assert reason in dead["attributes"]["reason"]
    assert store.t.ProcessedEventRecord.count() == 0 and store.t.OrderRecord.count() == 0
