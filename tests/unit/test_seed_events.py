"""`seed`'s history (infra/seed_events.py) for any moment it may be run: nothing from the future, ids unique,
each event sent in a phase after what it refers to, the three months before now's month closed."""
from datetime import datetime, timezone

from hypothesis import given, settings, strategies as st

from infra import seed_plan as plan
from infra.seed_events import history, wire

MOMENTS = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2030, 12, 31),
                       timezones=st.just(timezone.utc))


@settings(max_examples=30, deadline=None)
@given(now=MOMENTS)
def test_the_history_is_in_the_past_unique_and_ordered_by_phase(now):
    built = history(now)
    every = [e for phase in built.phases + built.late for e in phase]
    assert all(e["occurred_at"] < wire(now) for phase in built.phases for e in phase)
    assert len({e["event_id"] for e in every}) == len(every)
    phase_of = {e["detail"]["order_id"]: n for n, phase in enumerate(built.phases) for e in phase
                if e["type"] == "OrderPlaced"}
    for n, phase in enumerate(built.phases):
        for event in phase:
            if event["type"] in ("OrderShipped", "ContactCreated"):
                assert phase_of[event["detail"]["order_id"]] < n
    expected, year, month = [], now.year, now.month
    for _ in range(plan.CLOSED_MONTHS):
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        expected.insert(0, f"{year}-{month:02}")
    assert built.closed_months == expected


@given(now=MOMENTS)
@settings(max_examples=10, deadline=None)
def test_late_orders_fall_in_the_last_closed_month(now):
    built = history(now)
    placed = [e["occurred_at"][:7] for e in built.late[0]]
    assert placed == [built.closed_months[-1]] * plan.LATE_ORDERS and len(built.late[1]) == plan.LATE_ORDERS
