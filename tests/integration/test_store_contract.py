"""One contract, two stores: the in-memory fake used by service tests and DynamoStore on moto."""
import threading
from datetime import datetime, timedelta, timezone

import pytest

from chalicelib.domain.enrollment import first_enrollment
from chalicelib.domain.sellers import register
from chalicelib.services import enrollments
from chalicelib.services.changes import CreateEnrollment, SaveSeller
from chalicelib.services.ports import StaleWrite
from tests.support.fakes import InMemoryStore

T0 = datetime(2026, 10, 1, tzinfo=timezone.utc)
DE = "A1PA6795UKMFR9"


@pytest.fixture(params=["memory", "dynamodb"])
def any_store(request):
    if request.param == "memory":
        return InMemoryStore()
    return request.getfixturevalue("store")


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
