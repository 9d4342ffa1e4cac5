"""ISO weeks and the CS Insights window (DESIGN section 6): the last four complete weeks before an instant.

A week runs Monday 00:00 UTC to the next Monday and is named `YYYY-Www` by its ISO year, so
the days of 28 Dec 2026 - 3 Jan 2027 are `2026-W53`. The window at an instant is the four
whole weeks before the Monday 00:00 on or before it: at any moment of week W, W-4..W-1.
"""
import re
import zlib
from datetime import date, datetime, time, timedelta, timezone

from chalicelib.domain.errors import InvalidInput

WINDOW_WEEKS = 4
WEEK = re.compile(r"^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$")
# The weekly counters of a marketplace-week are spread over this many partition keys (a hash of the
# seller picks one): the capacity model's count for the monthly counters' 0.95 writes per event, which
# the weekly ones repeat (adapters/shards.shard_count(0.95); a unit test keeps the two equal).
SHARDS = 29


def week_of(instant: datetime) -> str:
    """The ISO week (UTC) of an instant, as YYYY-Www."""
    year, number, _ = instant.astimezone(timezone.utc).isocalendar()
    return f"{year:04d}-W{number:02d}"


def monday_of(week: str) -> datetime:
    """The instant a week begins (Monday 00:00 UTC); InvalidInput for a name that is no ISO week."""
    match = WEEK.match(week) if isinstance(week, str) else None
    if match is None:
        raise InvalidInput(f"week must be YYYY-Www, not {week!r}")
    try:
        day = date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise InvalidInput(f"{week} does not exist (that year has 52 ISO weeks)") from None
    return datetime.combine(day, time(), timezone.utc)


def add_weeks(week: str, count: int) -> str:
    """The week `count` weeks after `week` (negative: before)."""
    return week_of(monday_of(week) + timedelta(weeks=count))


def window_weeks(at: datetime) -> list[str]:
    """The four complete weeks before `at`, oldest first."""
    current = week_of(at)
    return [add_weeks(current, offset) for offset in range(-WINDOW_WEEKS, 0)]


def window_bounds(last_week: str) -> tuple[datetime, datetime]:
    """(from, to) of the window whose last week is `last_week`: Monday 00:00 to the Monday after it."""
    end = monday_of(last_week) + timedelta(weeks=1)
    return end - timedelta(weeks=WINDOW_WEEKS), end


def shard_of(seller_id: str) -> int:
    """The seller's shard, 0..SHARDS-1: a stable hash (CRC-32), the same in every process."""
    return zlib.crc32(seller_id.encode()) % SHARDS
