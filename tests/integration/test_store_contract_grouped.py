"""The grouped commit's contract on both stores: several events in one transaction tell what they wrote as the commit
stored it (a batch holds that, services/batch_commits.py), and what their changes write before any commit."""
from copy import replace
from datetime import datetime, timezone

import pytest

from chalicelib.domain.enrollment import first_enrollment
from chalicelib.domain.sellers import register
from chalicelib.services.changes import AddToCounters, CreateEnrollment, ReserveRefundable, SaveSeller
from chalicelib.services.ports import ENROLLMENT, ORDER, SELLER, UNTOLD, ConditionFailed, Written
from tests.support import events as ev

T0 = datetime(2026, 10, 1, tzinfo=timezone.utc)


def test_what_changes_write_is_told_as_they_state_it_and_nothing_is_written(any_store):
    seller = register("S1", "DE", None, T0, None)
    enrollment = first_enrollment(seller, ev.DE, T0)
    changes = [SaveSeller(seller), CreateEnrollment(enrollment), ReserveRefundable("O1", 500, 1000),
               AddToCounters("S1", ev.DE, "2026-10", (("csba_orders", 1),))]
    assert any_store.written_by(changes) == {(SELLER, "S1"): seller, (ENROLLMENT, "S1", ev.DE): enrollment,
                                             (ORDER, "O1"): UNTOLD}
    assert any_store.get_seller("S1") is None and any_store.get_enrollment("S1", ev.DE) is None


def test_a_grouped_commit_tells_each_item_it_wrote_as_now_stored(any_store):
    # Given the changes of two events: a seller, and its first enrolment
    seller = register("S1", "DE", None, T0, None)
    written: Written = {}
    # When they commit together
    any_store.commit_events([("e1", "SellerRegistered"), ("e2", "SellerStatusChanged")],
                            [SaveSeller(seller), CreateEnrollment(first_enrollment(seller, ev.DE, T0))], written)
    # Then each written item is told as a read now gives it, the version the commit set included
    assert written == {(SELLER, "S1"): any_store.get_seller("S1"),
                       (ENROLLMENT, "S1", ev.DE): any_store.get_enrollment("S1", ev.DE)}
    assert written[(SELLER, "S1")].version == 1 and any_store.was_processed("e1") and any_store.was_processed("e2")


def test_a_refused_grouped_commit_writes_nothing_and_tells_its_items_untold(any_store):
    # Given an event already processed
    seller = register("S1", "DE", None, T0, None)
    assert any_store.commit_event("e1", "SellerRegistered", [SaveSeller(seller)])
    written: Written = {}
    # When a transaction holding it again and another event is refused
    with pytest.raises(ConditionFailed):
        any_store.commit_events([("e2", "SellerStatusChanged"), ("e1", "SellerRegistered")],
                                [SaveSeller(replace(any_store.get_seller("S1"), status="suspended"))], written)
    # Then nothing of it is written, the other event can still be processed, and what it wrote is untold
    assert written == {(SELLER, "S1"): UNTOLD}
    assert any_store.get_seller("S1").status == seller.status and not any_store.was_processed("e2")
