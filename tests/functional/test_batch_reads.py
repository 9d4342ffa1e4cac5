"""Events of one batch share one read-ahead: each still sees what the events before it wrote, and a
failed record leaves nothing stale behind for the next (through `marketplace_events`, on moto)."""
import json

import pytest

from chalicelib.entrypoints import wiring
from chalicelib.services import events
from chalicelib.services.batch_store import BatchStore
from tests.support import events as ev
from tests.support.fakes import RecordingPublisher
from tests.support.sqs import failed_ids, sqs_event

OCTOBER = "2026-10"


@pytest.fixture
def deliver(client):
    def deliver(*envelopes) -> tuple[dict, list[str]]:
        event = sqs_event(list(envelopes))
        return client.lambda_.invoke("marketplace_events", event).payload, [r["messageId"] for r in event["Records"]]

    assert deliver(ev.seller_registered("S1", occurred_at="2026-10-01T00:00:00Z"))[0] == {"batchItemFailures": []}
    return deliver


def counters(store, seller_id="S1"):
    return store.live_counters(seller_id, ev.DE, OCTOBER, OCTOBER)[OCTOBER]


def test_an_order_placed_shipped_returned_and_asked_about_in_one_batch(deliver, store, queues):
    # When one batch places an order, ships it, has it returned and a buyer asks about it
    response, _ = deliver(ev.order_placed("O1", units=2), ev.order_shipped("O1", units=2),
                          ev.return_requested("O1", "R1"), ev.contact_created("C1", "O1", topic="damaged"))
    # Then every event saw the order the first one created
    assert response == {"batchItemFailures": []}
    month = counters(store)
    assert (month.csba_orders, month.units_shipped, month.returns, month.contacts) == (1, 2, 1, 1)
    (message,) = queues.drain("cs_contacts_queue")
    assert json.loads(message["body"])["kind"] == "csba"
    assert store.pending_messages(["contact:C1"]) == []  # its sent mark settled with the batch


def test_one_contact_created_answered_rated_twice_and_resolved_in_one_batch(deliver, store):
    # Given
    deliver(ev.order_placed("O1"))
    # When every event of its life arrives in one batch, each writing under the version the one before left
    response, _ = deliver(ev.contact_created("C1", "O1", occurred_at="2026-10-05T08:00:00Z"),
                          ev.contact_responded("C1", "2026-10-05T09:00:00Z"),
                          ev.survey_answered("C1", False, occurred_at="2026-10-06T00:00:00Z"),
                          ev.survey_answered("C1", True, occurred_at="2026-10-07T00:00:00Z"),
                          ev.contact_resolved("C1", occurred_at="2026-10-08T00:00:00Z"))
    # Then none was refused as stale, and the contact went through all five
    assert response == {"batchItemFailures": []}
    contact = store.get_contact("C1")
    assert (contact.status, contact.survey_solved, contact.version) == ("resolved", True, 5)
    month = counters(store)
    assert (month.responses, month.survey_answers, month.survey_no) == (1, 1, 0)


def test_a_record_refused_as_stale_fails_alone_and_the_next_reads_the_contact_again(deliver, store, monkeypatch):
    # Given a contact, and another Lambda answering it right after this batch read it ahead
    deliver(ev.order_placed("O1"), ev.contact_created("C1", "O1", occurred_at="2026-10-05T08:00:00Z"))
    answered_meanwhile = json.dumps(ev.contact_responded("C1", "2026-10-05T09:00:00Z"))
    original = BatchStore.read_ahead

    def read_ahead_then_concurrent_write(self, parsed):
        unanswered = original(self, parsed)
        events.process(wiring.store(), RecordingPublisher(), answered_meanwhile)
        return unanswered

    monkeypatch.setattr(BatchStore, "read_ahead", read_ahead_then_concurrent_write)
    survey = ev.survey_answered("C1", False, occurred_at="2026-10-06T00:00:00Z")
    # When the batch rates the contact (under the version read ahead), ships its order and resolves it
    response, ids = deliver(survey, ev.order_shipped("O1"), ev.contact_resolved("C1"))
    # Then only the rating fails, to be retried; the resolution read the contact as it was then
    assert failed_ids(response) == {ids[0]}
    contact = store.get_contact("C1")
    assert (contact.status, contact.responded_at is not None, contact.survey_solved, contact.version) == (
        "resolved", True, None, 3)
    # and the retried rating succeeds
    monkeypatch.setattr(BatchStore, "read_ahead", original)
    assert deliver(survey)[0] == {"batchItemFailures": []}
    assert store.get_contact("C1").survey_solved is False and counters(store).survey_no == 1


def test_a_record_waiting_for_its_order_fails_alone_and_a_later_one_sees_the_order_created(deliver, store):
    # When a shipment arrives before its order, and again after it, in one batch
    response, ids = deliver(ev.order_shipped("O2", units=3, event_id="early"), ev.order_placed("O2", units=3),
                            ev.order_shipped("O2", units=3, event_id="late"))
    # Then the early one waits; the late one counts
    assert failed_ids(response) == {ids[0]}
    assert counters(store).units_shipped == 3
