"""Scheduled handlers: parse the EventBridge event's time, call the service."""
from datetime import datetime

from aws_lambda_powertools import Logger

from chalicelib.domain.clock import from_wire
from chalicelib.entrypoints import wiring
from chalicelib.services import sweep

logger = Logger(child=True)


def event_time(raw_event: dict) -> datetime:
    return from_wire(raw_event["time"])


def daily_sweep(raw_event: dict) -> dict:
    result = sweep.daily_sweep(wiring.store(), wiring.publisher(), event_time(raw_event))
    logger.info("daily sweep done", extra=result)
    return result
