"""Scheduled handlers: parse the EventBridge event's time, call the service."""
import re
from datetime import datetime

from aws_lambda_powertools import Logger

from chalicelib.domain.clock import from_wire, month_before
from chalicelib.domain.closing import refusal_to_close
from chalicelib.entrypoints import wiring
from chalicelib.services import close, sweep

logger = Logger(child=True)


def event_time(raw_event: dict) -> datetime:
    return from_wire(raw_event["time"])


def daily_sweep(raw_event: dict) -> dict:
    result = sweep.daily_sweep(wiring.store(), wiring.publisher(), event_time(raw_event))
    logger.info("daily sweep done", extra=result)
    return result


def monthly_close(raw_event: dict) -> dict:
    """Close the month before the event's time, or `detail.month` (YYYY-MM) for a re-run; refuse any other."""
    at = event_time(raw_event)
    month = _checked_month((raw_event.get("detail") or {}).get("month") or month_before(at))
    if refusal := refusal_to_close(month, at):
        logger.warning("monthly close refused", extra={"month": month, "reason": refusal})
        return {"month": month, "close_jobs": 0, "refused": refusal}
    marketplaces = close.close_month(wiring.jobs(), month)
    logger.info("monthly close fanned out", extra={"month": month, "marketplaces": marketplaces})
    return {"month": month, "close_jobs": len(marketplaces)}


def _checked_month(month: str) -> str:
    if not isinstance(month, str) or not re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])", month):
        raise ValueError(f"detail.month must be YYYY-MM, not {month!r}")
    return month
