"""Enrolment rules: intervals, trials, who may opt in."""
from datetime import datetime, timedelta, timezone

import pytest

from chalicelib.domain.enrollment import ENROLLED, OPTED_OUT, first_enrollment
from chalicelib.domain.errors import Conflict
from chalicelib.domain.sellers import Seller


def at(day: int, month: int = 10, year: int = 2026) -> datetime:
    return datetime(year, month, day, 12, tzinfo=timezone.utc)


def seller(status: str = "active") -> Seller:
    return Seller("S1", "DE", None, False, status, at(1), at(1))


def test_first_enrolment_under_the_2026_policy_has_a_90_day_trial():
    enrolment = first_enrollment(seller(), "A1PA6795UKMFR9", at(3))
    assert enrolment.status == ENROLLED
    assert enrolment.trial_ends_at == at(3) + timedelta(days=90)


def test_first_enrolment_under_the_2021_policy_has_a_30_day_trial():
    enrolment = first_enrollment(seller(), "A1PA6795UKMFR9", at(30, 4, 2026))
    assert enrolment.trial_ends_at == at(30, 4, 2026) + timedelta(days=30)


def test_opting_out_keeps_orders_placed_before_covered_and_not_after():
    # Given a seller enrolled on the 3rd who opts out on the 10th
    enrolment = first_enrollment(seller(), "M", at(3)).opt_out(at(10))
    # Then
    assert enrolment.status == OPTED_OUT
    assert enrolment.enrolled_at(at(9)) and not enrolment.enrolled_at(at(10)) and not enrolment.enrolled_at(at(2))


def test_opting_back_in_opens_a_new_interval_without_a_new_trial():
    first = first_enrollment(seller(), "M", at(3))
    again = first.opt_out(at(10)).opt_in(seller(), at(20))
    assert [(i.start, i.end) for i in again.history] == [(at(3), at(10)), (at(20), None)]
    assert again.trial_ends_at == first.trial_ends_at
    assert not again.enrolled_at(at(15)) and again.enrolled_at(at(25))


def test_opting_in_twice_or_out_twice_changes_nothing():
    enrolment = first_enrollment(seller(), "M", at(3))
    assert enrolment.opt_in(seller(), at(5)) == enrolment
    out = enrolment.opt_out(at(6))
    assert out.opt_out(at(7)) == out


@pytest.mark.parametrize("status", ["under_review", "restricted", "suspended"])
def test_only_active_sellers_may_opt_in(status):
    with pytest.raises(Conflict):
        first_enrollment(seller(status), "M", at(3))


def test_a_late_status_event_does_not_override_a_newer_one():
    newer = seller().with_status("suspended", at(10))
    assert newer.with_status("active", at(5)).status == "suspended"
