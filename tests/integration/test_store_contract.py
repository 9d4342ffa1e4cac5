"""One contract, two stores: the in-memory fake used by service tests and DynamoStore on moto."""
import json
import threading
from datetime import datetime, timedelta, timezone

import pytest

from chalicelib.domain.enrollment import first_enrollment
from chalicelib.domain.sellers import register
from chalicelib.services import enrollments, events
from chalicelib.services.batch_store import BatchStore
from chalicelib.services.changes import CreateEnrollment, QueueMessage, SaveSeller
from chalicelib.services.ports import CONTACT, ENROLLMENT, NOTE, ORDER, SELLER
from chalicelib.services.stale import StaleWrite
from tests.support import events as ev
from tests.support.fakes import RecordingPublisher
from tests.support.feeding import parsed_events

T0 = datetime(2026, 10, 1, tzinfo=timezone.utc)
DE = "A1PA6795UKMFR9"


def seed(store):
    seller = register("S1", "DE", None, T0, None)
    assert store.commit_event("e1", "SellerRegistered", [SaveSeller(seller), CreateEnrollment(
        first_enrollment(seller, DE, T0))])
    return store.get_seller("S1")


def test_an_event_is_committed_once(any_store):
    seller = seed(any_store)
    assert any_store.commit_event("e1", "SellerRegistered", [SaveSeller(seller)]) is False
    assert any_store.get_seller("S1").version == seller.version


def test_a_failed_commit_leaves_neither_effect_nor_mark(any_store):
    # Given an event whose second effect conflicts (an enrolment appeared meanwhile)
    seed(any_store)
    seller = any_store.get_seller("S1")
    clash = first_enrollment(seller, DE, T0 + timedelta(days=1))
    changed = seller.with_status("suspended", T0 + timedelta(days=2))
    # When
    with pytest.raises(StaleWrite):
        any_store.commit_event("e2", "X", [SaveSeller(changed), CreateEnrollment(clash)])
    # Then nothing of e2 happened, and e2 can still be processed later
    assert any_store.get_seller("S1").status == "active"
    assert any_store.commit_event("e2", "X", [SaveSeller(changed)]) is True


def test_saving_an_enrolment_read_before_another_write_is_stale(any_store):
    seed(any_store)
    read = any_store.get_enrollment("S1", DE)
    any_store.save_enrollment(read.opt_out(T0 + timedelta(days=3)))
    with pytest.raises(StaleWrite):
        any_store.save_enrollment(read.opt_out(T0 + timedelta(days=4)))


def test_concurrent_opt_in_and_opt_out_lose_nothing(store, atomic_requests):
    # Given an enrolled seller, and 10 threads alternately opting out and in
    seed(store)
    moments = [T0 + timedelta(days=10, minutes=m) for m in range(10)]

    def act(i):
        action = enrollments.opt_out if i % 2 == 0 else enrollments.opt_in
        action(store, "S1", DE, moments[i])

    threads = [threading.Thread(target=act, args=(i,)) for i in range(10)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    # Then every applied change is in the history: intervals are ordered and never overlap
    history = store.get_enrollment("S1", DE).history
    for earlier, later in zip(history, history[1:]):
        assert earlier.end is not None and earlier.end <= later.start
    # and each successful write (one per open or close after the first) left its mark
    closes = sum(1 for interval in history if interval.end is not None)
    writes_after_creation = closes + (len(history) - 1)
    assert store.get_enrollment("S1", DE).version == 1 + writes_after_creation



def run_batch(store, *envelopes) -> BatchStore:
    """The envelopes processed as one batch; returns its batch store (holding what it read and wrote)."""
    batch, bodies = BatchStore(store), [json.dumps(e) for e in envelopes]
    batch.read_ahead(parsed_events(bodies))
    for body in bodies:
        with batch.event():
            assert events.process(batch, RecordingPublisher(), body) == "processed"
    assert batch.settle() == []
    return batch


def test_prefetch_answers_each_key_with_what_a_single_read_gives(any_store):
    # Given a seller, its enrolment, an order, a contact and a support note
    run_batch(any_store, ev.seller_registered("S1"), ev.order_placed("O1"), ev.contact_created("C1", "O1"))
    any_store.save_support_note("S1", "B000000001", "Check the seal.", T0)
    keys = [(SELLER, "S1"), (ENROLLMENT, "S1", DE), (ORDER, "O1"), (CONTACT, "C1"), (NOTE, "S1", "B000000001"),
            (SELLER, "S9"), (ENROLLMENT, "S1", ev.UK), (ORDER, "O9"), (CONTACT, "C9"), (NOTE, "S1", "B000000009")]
    # When
    found = any_store.prefetch(keys)
    # Then
    assert found == {
        (SELLER, "S1"): any_store.get_seller("S1"), (ENROLLMENT, "S1", DE): any_store.get_enrollment("S1", DE),
        (ORDER, "O1"): any_store.get_order("O1"), (CONTACT, "C1"): any_store.get_contact("C1"),
        (NOTE, "S1", "B000000001"): "Check the seal.", **{key: None for key in keys[5:]}}
    assert found[(SELLER, "S1")].version == 1 and found[(CONTACT, "C1")].destination == "csba"


def test_what_a_batch_holds_after_its_writes_is_what_the_store_holds(any_store):
    # Given a batch that writes a seller twice, an enrolment, an order and a contact three times
    batch = run_batch(any_store, ev.seller_registered("S1"), ev.seller_status_changed("under_review"),
                      ev.order_placed("O1"), ev.contact_created("C1", "O1"),
                      ev.contact_responded("C1", "2026-10-03T13:00:00Z"), ev.survey_answered("C1", False))
    # Then each item it would serve a later event equals a fresh read, version included
    assert batch.get_seller("S1") == any_store.get_seller("S1") and any_store.get_seller("S1").version == 2
    assert batch.get_enrollment("S1", DE) == any_store.get_enrollment("S1", DE)
    assert batch.get_order("O1") == any_store.get_order("O1")
    assert batch.get_contact("C1") == any_store.get_contact("C1") and any_store.get_contact("C1").version == 3


def test_messages_marked_sent_together_are_no_longer_pending(any_store):
    # Given 30 queued messages (more than one BatchWriteItem takes)
    keys = [f"m:{n}" for n in range(30)]
    any_store.commit([QueueMessage(key, "payments_queue", {"n": n}) for n, key in enumerate(keys)])
    assert len(any_store.pending_messages(keys)) == 30
    # When
    left = any_store.mark_all_sent(keys[:27] + keys[:2])
    # Then
    assert left == []
    assert sorted(m.key for m in any_store.pending_messages(keys)) == keys[27:]
