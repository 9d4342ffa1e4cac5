"""Scheduled handlers: parse the EventBridge event's time, call the service."""
from datetime import datetime

from aws_lambda_powertools import Logger

from chalicelib.domain.clock import from_wire, month_before
from chalicelib.domain.closing import refusal_to_close
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.identifiers import MAX_LENGTH
from chalicelib.domain.months import check_month
from chalicelib.domain.weeks import monday_of, week_of, window_weeks
from chalicelib.domain.wire import JsonObject
from chalicelib.entrypoints import wiring
from chalicelib.entrypoints.observability import count
from chalicelib.services import close, insights, reclose, sweep

logger = Logger(child=True)


def event_time(raw_event: JsonObject) -> datetime:
    time: str = raw_event["time"]
    return from_wire(time)


def daily_sweep(raw_event: JsonObject) -> JsonObject:
    """A run with failures logs and counts them, then fails: EventBridge runs it again (the failed escalations and
    sends are free again by then), and a run that keeps failing reaches the schedules' failure destination."""
    try:
        result = sweep.daily_sweep(wiring.store(), wiring.publisher(), event_time(raw_event))
    except sweep.SweepIncomplete as incomplete:
        logger.error("daily sweep incomplete", extra={**incomplete.result, "failures": incomplete.reasons})
        for _ in incomplete.reasons:
            count("SweepFailures")
        raise
    logger.info("daily sweep done", extra=result)
    return result


def monthly_close(raw_event: JsonObject) -> JsonObject:
    """Close the month before the event's time, or `detail.month` (YYYY-MM) for a re-run.

    Only a month that has ended at the event's time and began after CSBA did is closed.
    `detail.reclose: true` re-closes that month (optionally `detail.seller_id` alone); an invalid
    request is logged and refused, enqueueing nothing.
    """
    detail = raw_event.get("detail") or {}
    at = event_time(raw_event)
    month = detail.get("month") or month_before(at)
    try:
        month = check_month(month, "detail.month")
        if refusal := refusal_to_close(month, at):
            raise InvalidInput(refusal)
        if detail.get("reclose", False) is not False:
            return _reclose(month, detail)
        marketplaces = close.close_month(wiring.jobs(), month)
    except InvalidInput as refused:
        logger.warning("monthly close refused", extra={"month": month, "reason": str(refused)})
        return {"month": month, "refused": str(refused), "close_jobs": 0}
    logger.info("monthly close fanned out", extra={"month": month, "marketplaces": marketplaces})
    return {"month": month, "close_jobs": len(marketplaces)}


def _reclose(month: str, detail: JsonObject) -> JsonObject:
    seller_id = detail.get("seller_id")
    if detail["reclose"] is not True or not _valid_seller(seller_id):
        raise InvalidInput("a re-close is {\"month\": \"YYYY-MM\", \"reclose\": true} with an optional seller_id")
    marketplaces = reclose.reclose_month(wiring.store(), wiring.jobs(), month, seller_id)
    logger.info("monthly re-close fanned out", extra={"month": month, "seller_id": seller_id,
                                                       "marketplaces": marketplaces})
    return {"month": month, "reclose": True, "seller_id": seller_id, "close_jobs": len(marketplaces)}


def _valid_seller(seller_id: object) -> bool:
    return seller_id is None or isinstance(seller_id, str) and 0 < len(seller_id) <= MAX_LENGTH


def weekly_insights(raw_event: JsonObject) -> JsonObject:
    """The 4-week window that ended at the Monday 00:00 UTC on or before the event's time, or the window
    whose last week is `detail.week` (YYYY-Www) for a re-run: one job per marketplace and shard."""
    week = (raw_event.get("detail") or {}).get("week") or window_weeks(event_time(raw_event))[-1]
    week = week_of(monday_of(week))  # InvalidInput (a failed run, alarmed) for a name that is no ISO week
    jobs = insights.fan_out(wiring.jobs(), week)
    logger.info("weekly insights fanned out", extra={"week": week, "jobs": jobs})
    return {"week": week, "insight_jobs": jobs}
