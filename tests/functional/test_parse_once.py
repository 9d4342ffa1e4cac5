"""`marketplace_events` reads each record's body once (services/inbound_events.parse): the read-ahead, the
processing and the log lines all take the parsed event, or the rejection with its reason and ids."""
import json
from collections import Counter

from tests.support import events as ev
from tests.support.scenario import ago
from tests.support.sqs import failed_ids, sqs_event


def test_each_body_of_a_batch_is_read_once_whatever_its_outcome(client, store, queues, capsys, monkeypatch):
    # Given a batch of valid events, an invalid one, an unknown type and one waiting for its order
    batch = [ev.seller_registered(occurred_at=ago(30)), ev.order_placed("O1", occurred_at=ago(2)),
             ev.contact_created("C1", "O1", occurred_at=ago(1)), ev.order_placed("O2", marketplace_id="XX"),
             ev.envelope("OrderCancelled", {"contact_id": "C7"}, event_id="e-unknown"), ev.order_shipped("O9")]
    event = sqs_event(batch)
    bodies, reads, loads = {record["body"] for record in event["Records"]}, Counter(), json.loads

    def counting_loads(text, *args, **kwargs):
        if text in bodies:
            reads[text] += 1
        return loads(text, *args, **kwargs)

    monkeypatch.setattr(json, "loads", counting_loads)
    # When
    response = client.lambda_.invoke("marketplace_events", event).payload
    # Then each body was read as JSON once, and each record had its outcome
    assert reads == Counter(bodies)
    assert failed_ids(response) == {event["Records"][5]["messageId"]}
    reasons = {json.loads(m["body"])["event_id"]: m["attributes"]["reason"] for m in queues.drain("marketplace_events_dlq")}
    assert reasons == {batch[3]["event_id"]: "invalid envelope: marketplace_id: CSBA is not offered in marketplace 'XX'",
                       "e-unknown": "unknown event type 'OrderCancelled'"}
    assert store.get_contact("C1") is not None
