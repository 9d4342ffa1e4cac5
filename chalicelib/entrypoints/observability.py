"""Metrics (CloudWatch EMF, through Powertools) and log correlation ids, for the entry points.

`count(name, **dimensions)` adds one to a metric of the current invocation. `around_every_handler`,
the app's middleware, puts the request ids on every log line of the invocation and, at its end,
prints one EMF blob per set of dimensions (namespace POWERTOOLS_METRICS_NAMESPACE, dimension
`service` added by Powertools). Entry points add their own ids with `logger.append_keys` (until the
invocation ends) or `logger.append_context_keys` (one SQS record).
"""
import logging
from collections import Counter
from contextvars import ContextVar
from typing import Any, Callable

from aws_lambda_powertools import Logger

from chalicelib.entrypoints import collector

logger = Logger(child=True)
MetricKey = tuple[str, tuple[tuple[str, str], ...]]  # (metric name, sorted dimensions)
_counts: ContextVar[Counter[MetricKey] | None] = ContextVar("csba_metric_counts", default=None)


def count(name: str, **dimensions: str) -> None:
    """One more `name` under `dimensions` (outside an invocation, e.g. a handler called bare, it is dropped)."""
    counts = _counts.get()
    if counts is not None:
        counts[(name, tuple(sorted(dimensions.items())))] += 1


def around_every_handler(event: Any, get_response: Callable[[Any], Any]) -> Any:
    # Any: Chalice hands every kind of event (HTTP request, SQS, schedule) and returns what the handler returns
    """Chalice middleware (all event types): correlation ids for the invocation's logs, metrics flushed at the end.

    Log keys appended during the invocation are removed when it ends, so none leaks into the next one. The
    garbage collector, paused while the app was imported, runs again after the first (collector.py).
    """
    before, token = set(logger.get_current_keys()), _counts.set(Counter())
    logger.append_keys(**_request_ids(event))
    try:
        return get_response(event)
    finally:
        logger.remove_keys(set(logger.get_current_keys()) - before)
        _flush(_counts.get())
        _counts.reset(token)
        collector.resume()


class RouteErrorLog(logging.Handler):
    """Chalice answers an exception a route did not expect with a 500 and reports it, with its traceback, on the
    app's logger: this handler logs it through Powertools instead (JSON, with the invocation's request ids) and
    counts `UnhandledErrors` (alarmed: Lambda counts no error for a 500 it returned)."""

    def emit(self, record: logging.LogRecord) -> None:
        logger.error("unhandled error, answered 500", exc_info=record.exc_info, extra={"chalice": record.getMessage()})
        count("UnhandledErrors")


def report_route_errors(app_log: logging.Logger) -> None:
    """Route the Chalice app's logger (made with configure_logs=False) through RouteErrorLog alone."""
    app_log.handlers = [RouteErrorLog()]
    app_log.setLevel(logging.ERROR)
    app_log.propagate = False


def _request_ids(event: object) -> dict[str, str]:
    """The Lambda request id, and for HTTP API Gateway's (the one a caller can quote)."""
    lambda_context = getattr(event, "lambda_context", None) or getattr(event, "context", None)
    ids = {"function_request_id": getattr(lambda_context, "aws_request_id", None)}
    gateway_context = getattr(event, "context", None)
    if isinstance(gateway_context, dict):
        ids["request_id"] = gateway_context.get("requestId")
    return {key: value for key, value in ids.items() if value}


def _flush(counts: Counter[MetricKey] | None) -> None:
    if not counts:
        return
    from aws_lambda_powertools.metrics import EphemeralMetrics, MetricUnit  # only invocations that count pay for it

    by_dimensions: dict[tuple[tuple[str, str], ...], dict[str, int]] = {}
    for (name, dimensions), value in counts.items():
        by_dimensions.setdefault(dimensions, {})[name] = value
    for dimensions, values in by_dimensions.items():
        metrics = EphemeralMetrics()
        for key, label in dimensions:
            metrics.add_dimension(name=key, value=label)
        for name, value in values.items():
            metrics.add_metric(name=name, unit=MetricUnit.Count, value=value)
        metrics.flush_metrics()

