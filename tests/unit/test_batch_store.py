"""The batch store on the in-memory store: later events see earlier writes, failures forget, marks settle."""
import json

import pytest

from chalicelib.services import events
from chalicelib.services.batch_store import BatchStore
from chalicelib.services.stale import StaleWrite
from tests.support import events as ev
from tests.support.fakes import InMemoryStore, RecordingPublisher
from tests.support.feeding import parsed_events

REGISTERED = ev.seller_registered("S1", occurred_at="2026-10-01T00:00:00Z")


def run(store, *envelopes, publisher=None) -> list[str]:
    """The envelopes as one batch: read ahead, each processed inside its event, then the marks settled."""
    batch, publisher = BatchStore(store), publisher or RecordingPublisher()
    bodies = [json.dumps(e) for e in envelopes]
    batch.read_ahead(parsed_events(bodies))
    outcomes = []
    for body in bodies:
        with batch.event():
            outcomes.append(events.process(batch, publisher, body))
    assert batch.settle() == []
    return outcomes


def test_events_of_one_batch_on_the_same_seller_each_see_the_one_before():
    store = InMemoryStore()
    outcomes = run(store, REGISTERED, ev.seller_status_changed("under_review", occurred_at="2026-10-02T00:00:00Z"),
                   ev.seller_status_changed("active", occurred_at="2026-10-03T00:00:00Z"))
    assert outcomes == ["processed"] * 3
    seller = store.get_seller("S1")
    assert (seller.status, seller.version) == ("active", 3)


def test_a_failed_event_forgets_what_it_read_so_the_next_one_reads_it_again():
    # Given a contact, and a batch read ahead before another process answers it
    store = InMemoryStore()
    run(store, REGISTERED, ev.order_placed("O1"), ev.contact_created("C1", "O1"))
    batch = BatchStore(store)
    survey, resolved = (json.dumps(e) for e in (ev.survey_answered("C1", True), ev.contact_resolved("C1")))
    batch.read_ahead(parsed_events([survey, resolved]))
    run(store, ev.contact_responded("C1", "2026-10-03T13:00:00Z"))
    # When the first event writes under the version read ahead
    with pytest.raises(StaleWrite), batch.event():
        events.process(batch, RecordingPublisher(), survey)
    # Then it is refused, and the next reads the contact as it is now
    with batch.event():
        assert events.process(batch, RecordingPublisher(), resolved) == "processed"
    contact = store.get_contact("C1")
    assert (contact.status, contact.responded_at is not None, contact.resolution, contact.version) == (
        "resolved", True, "answered", 3)


def test_the_batch_marks_its_sent_messages_together_and_never_sends_one_twice():
    # Given a contact event delivered twice in one batch
    store, publisher = InMemoryStore(), RecordingPublisher()
    run(store, REGISTERED, ev.order_placed("O1"))
    created = ev.contact_created("C1", "O1")
    # When
    assert run(store, created, created, publisher=publisher) == ["processed", "duplicate"]
    # Then its message went once, and nothing is left pending
    assert [key for _, _, key in publisher.sent] == ["contact:C1"]
    assert store.pending_messages(["contact:C1"]) == []


def test_items_the_store_left_unanswered_are_read_on_their_own():
    class Throttled(InMemoryStore):
        def prefetch(self, keys):
            return {}

    store = Throttled()
    run(store, REGISTERED, ev.order_placed("O1"))
    assert run(store, ev.order_shipped("O1"), ev.contact_created("C1", "O1")) == ["processed", "processed"]
    assert store.counters[("S1", ev.DE, "2026-10")]["units_shipped"] == 1
    assert store.get_contact("C1").destination == "csba"


def test_an_event_joined_to_the_open_transaction_is_seen_as_stated_then_as_stored_once_committed():
    # Given a seller, and a batch grouping its events' commits
    store = InMemoryStore()
    run(store, REGISTERED)
    batch = BatchStore(store, grouped=True)
    # When a status change joins the open transaction
    with batch.event():
        events.process(batch, RecordingPublisher(),
                       json.dumps(ev.seller_status_changed("under_review", occurred_at="2026-10-02T00:00:00Z")))
    # Then the batch's later events read the seller as changed, before the store holds it
    assert batch.open_events == 1 and store.get_seller("S1").status == "active"
    assert batch.get_seller("S1").status == "under_review"
    # and once committed, as the store holds it, the version the commit set included
    assert batch.commit_open()
    assert batch.get_seller("S1") == store.get_seller("S1") and store.get_seller("S1").version == 2
