"""CS Insights, the 4-week window (DESIGN section 6, seed 004), and the seller-routed contacts.

The window: the last four complete ISO weeks (Monday 00:00 UTC to Monday) before `now`.
Its rates are those of the sum of its weeks' counts; average and top performers are taken,
as in the monthly report, over sellers with at least 30 units in the window.
"""
from collections import Counter
from datetime import datetime, timedelta, timezone

from tests.model import monthly
from tests.model.market import market_statistics

WEEK = timedelta(days=7)


def window(now: datetime) -> tuple[datetime, datetime]:
    """(from, to): to is the Monday 00:00 UTC at or before `now`, from four weeks earlier."""
    now = now.astimezone(timezone.utc)
    monday = datetime(now.year, now.month, now.day, tzinfo=timezone.utc) - timedelta(days=now.weekday())
    return monday - 4 * WEEK, monday


def week_label(start: datetime) -> str:
    year, week, _ = start.isocalendar()
    return f"{year}-W{week:02d}"


def weekly_counts(history, seller: str, market: str, start: datetime) -> dict:
    total = Counter()
    for s, m, at, deltas in history.counted:
        if (s, m) == (seller, market) and start <= at < start + WEEK:
            total.update(deltas)
    return {name: total[name] for name in monthly.COUNT_NAMES}


def insights(history, seller: str, market: str, now: datetime) -> dict:
    start, end = window(now)
    weeks = [start + n * WEEK for n in range(4)]
    per_week = {w: weekly_counts(history, seller, market, w) for w in weeks}
    whole = {name: sum(c[name] for c in per_week.values()) for name in monthly.COUNT_NAMES}
    sellers = sorted({s for s, m, _, _ in history.counted if m == market})
    windows = [{name: sum(weekly_counts(history, s, market, w)[name] for w in weeks) for name in monthly.COUNT_NAMES}
               for s in sellers]
    stats = market_statistics(windows)
    return {"seller_id": seller, "marketplace_id": market, "window": {"from": start, "to": end},
            "rates": monthly.wire_rates(whole), "marketplace_average": stats["marketplace_average"],
            "top_performers": stats["top_decile"],
            "weeks": [{"week": week_label(w), "rates": monthly.wire_rates(per_week[w])} for w in weeks]}


def seller_contacts(history, seller: str, market: str, month: str) -> int:
    """Contacts routed to the seller (section 4) in a month: not enrolled, MCF, SFP, excluded topic, pre-order."""
    return sum(1 for s, m, at, _ in history.routed_to_seller
               if (s, m) == (seller, market) and at.strftime("%Y-%m") == month)
