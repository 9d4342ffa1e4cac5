"""ISO weeks and the 4-week window, checked against the standard library's calendar."""
from datetime import datetime, timedelta, timezone

from hypothesis import given, strategies as st

from chalicelib.domain.weeks import SHARDS, add_weeks, monday_of, shard_of, week_of, window_bounds, window_weeks

INSTANTS = st.datetimes(min_value=datetime(2021, 1, 1), max_value=datetime(2040, 12, 31),
                        timezones=st.just(timezone.utc))


@given(INSTANTS)
def test_the_window_is_the_four_whole_weeks_before_the_monday_on_or_before_the_instant(at):
    weeks = window_weeks(at)
    start, end = window_bounds(weeks[-1])
    assert end <= at < end + timedelta(weeks=1) and end.weekday() == 0 and end.time().hour == 0
    assert start == end - timedelta(weeks=4)
    assert weeks == [week_of(start + timedelta(weeks=n)) for n in range(4)]


@given(INSTANTS, st.integers(-60, 60))
def test_weeks_name_their_monday_and_count_across_years(at, offset):
    week = week_of(at)
    assert monday_of(week) <= at < monday_of(week) + timedelta(weeks=1)
    assert monday_of(add_weeks(week, offset)) == monday_of(week) + timedelta(weeks=offset)


def test_the_last_days_of_2026_and_the_first_of_2027_are_week_53():
    assert week_of(datetime(2026, 12, 28, tzinfo=timezone.utc)) == "2026-W53"
    assert week_of(datetime(2027, 1, 3, 23, 59, tzinfo=timezone.utc)) == "2026-W53"
    assert week_of(datetime(2027, 1, 4, tzinfo=timezone.utc)) == "2027-W01"
    assert add_weeks("2026-W52", 2) == "2027-W01" and add_weeks("2025-W52", 1) == "2026-W01"


@given(st.text(min_size=1, max_size=64))
def test_every_seller_has_one_stable_shard(seller_id):
    assert 0 <= shard_of(seller_id) < SHARDS and shard_of(seller_id) == shard_of(str(seller_id))


def test_the_weekly_counters_have_the_shards_the_capacity_model_gives_the_monthly_ones():
    from chalicelib.adapters.shards import COUNTER_SHARDS, shard_count

    assert SHARDS == COUNTER_SHARDS == shard_count(0.95)
