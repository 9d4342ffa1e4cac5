"""Scheduled handlers: parse the EventBridge event's time, call the service."""
import re
from datetime import datetime

from aws_lambda_powertools import Logger

from chalicelib.domain.clock import from_wire, month_before
from chalicelib.entrypoints import wiring
from chalicelib.domain.weeks import monday_of, week_of, window_weeks
from chalicelib.services import close, insights, sweep

logger = Logger(child=True)


def event_time(raw_event: dict) -> datetime:
    return from_wire(raw_event["time"])


def daily_sweep(raw_event: dict) -> dict:
    result = sweep.daily_sweep(wiring.store(), wiring.publisher(), event_time(raw_event))
    logger.info("daily sweep done", extra=result)
    return result


def monthly_close(raw_event: dict) -> dict:
    """Close the month before the event's time, or `detail.month` (YYYY-MM) for a re-run."""
    month = (raw_event.get("detail") or {}).get("month") or month_before(event_time(raw_event))
    marketplaces = close.close_month(wiring.jobs(), _checked_month(month))
    logger.info("monthly close fanned out", extra={"month": month, "marketplaces": marketplaces})
    return {"month": month, "close_jobs": len(marketplaces)}


def _checked_month(month: str) -> str:
    if not isinstance(month, str) or not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month):
        raise ValueError(f"detail.month must be YYYY-MM, not {month!r}")
    return month


def weekly_insights(raw_event: dict) -> dict:
    """The 4-week window that ended at the Monday 00:00 UTC on or before the event's time, or the window
    whose last week is `detail.week` (YYYY-Www) for a re-run: one job per marketplace and shard."""
    week = (raw_event.get("detail") or {}).get("week") or window_weeks(event_time(raw_event))[-1]
    week = week_of(monday_of(week))  # InvalidInput (a failed run, alarmed) for a name that is no ISO week
    jobs = insights.fan_out(wiring.jobs(), week)
    logger.info("weekly insights fanned out", extra={"week": week, "jobs": jobs})
    return {"week": week, "insight_jobs": jobs}
