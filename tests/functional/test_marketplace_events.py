"""`marketplace_events`: partial batch response, DLQ for invalid records, idempotency."""
import json

from chalicelib import settings
from tests.support import events as ev
from tests.support.sqs import failed_ids, sqs_event


def table_state(store, seller_ids):
    return {s: (store.get_seller(s), store.list_enrollments(s)) for s in seller_ids}


def test_a_batch_with_a_valid_an_invalid_a_duplicate_and_an_unknown_seller_record(client, store, queues):
    # Given
    valid = ev.seller_registered("S1", event_id="reg-1")
    invalid = {**ev.seller_registered("S2"), "marketplace_id": "XX"}
    waiting = ev.seller_status_changed("suspended", seller_id="S3")
    event = sqs_event([valid, invalid, valid, waiting])
    # When
    response = client.lambda_.invoke("marketplace_events", event).payload
    # Then only the record about an unseen seller fails, to be retried
    assert failed_ids(response) == {event["Records"][3]["messageId"]}
    (dead,) = queues.drain("marketplace_events_dlq")
    assert json.loads(dead["body"])["seller_id"] == "S2"
    assert "not offered" in dead["attributes"]["reason"]
    assert store.get_seller("S1").status == "active" and len(store.list_enrollments("S1")) == 1
    assert store.get_seller("S2") is None and store.get_seller("S3") is None


def test_the_same_batch_delivered_twice_leaves_the_same_state(client, store, queues):
    batch = [ev.seller_registered("S1", event_id="r1"),
             ev.seller_registered("S1", marketplace_id=ev.UK, event_id="r2", occurred_at="2026-10-04T00:00:00Z"),
             ev.seller_status_changed("under_review", event_id="s1", occurred_at="2026-10-05T00:00:00Z")]
    client.lambda_.invoke("marketplace_events", sqs_event(batch))
    first = table_state(store, ["S1"])
    response = client.lambda_.invoke("marketplace_events", sqs_event(batch)).payload
    assert response == {"batchItemFailures": []}
    assert table_state(store, ["S1"]) == first
    assert first["S1"][0].status == "under_review"
    assert {e.marketplace_id for e in first["S1"][1]} == {ev.DE, ev.UK}


def test_the_waiting_record_succeeds_once_what_it_refers_to_arrives(client, store):
    status = ev.seller_status_changed("restricted", occurred_at="2026-10-06T00:00:00Z")
    assert failed_ids(client.lambda_.invoke("marketplace_events", sqs_event([status])).payload)
    client.lambda_.invoke("marketplace_events", sqs_event([ev.seller_registered("S1")]))
    assert client.lambda_.invoke("marketplace_events", sqs_event([status])).payload == {"batchItemFailures": []}
    assert store.get_seller("S1").status == "restricted"


def test_an_entirely_invalid_batch_succeeds_after_dead_lettering_everything(client, queues):
    response = client.lambda_.invoke("marketplace_events", sqs_event(["{", "[]", json.dumps({"type": 1})])).payload
    assert response == {"batchItemFailures": []}
    reasons = sorted(m["attributes"]["reason"] for m in queues.drain("marketplace_events_dlq"))
    assert len(reasons) == 3 and all(reasons)
    assert settings.current().marketplace_events_dlq.endswith("marketplace-events-dlq")
