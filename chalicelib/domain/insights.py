"""CS Insights (seed 004, DESIGN section 6): a seller's rates over the 4-week window beside its marketplace.

The rates are those of the monthly report that the seed names: preventable contact rate, average
response minutes, dissatisfaction rate, answered within 24 h, and CPU (contacts per unit), computed
on the sum of the window's four weekly counters (a week without events counts as zero), rounded for
the wire as in the report. The marketplace average and the top performers are those of the monthly
report (`market_stats`: mean, and the top decile) over sellers with at least 30 units shipped in
the window.
"""
from decimal import Decimal
from typing import Iterable, TypedDict

from chalicelib.domain.market_stats import MarketAccumulator
from chalicelib.domain.metrics import COUNTER_NAMES, MonthCounters, rates_for_wire

INSIGHT_RATES: tuple[str, ...] = ("preventable_contact_rate", "average_response_minutes", "dissatisfaction_rate",
                                  "answered_within_24h_rate", "contacts_per_unit")


class WindowStatistics(TypedDict):
    """A marketplace's insight rates over a window: per rate name, a rounded Decimal or None."""

    eligible_sellers: int
    marketplace_average: dict[str, Decimal | None]
    top_performers: dict[str, Decimal | None]


def window_total(weeks: Iterable[MonthCounters]) -> MonthCounters:
    """The counters of several weeks added up."""
    weeks = list(weeks)
    return MonthCounters(**{name: sum(getattr(w, name) for w in weeks) for name in COUNTER_NAMES})


def insight_rates(counters: MonthCounters) -> dict[str, Decimal | None]:
    """The insight rates of some counters, rounded as the report rounds them (None: nothing measured)."""
    rounded = rates_for_wire(counters)
    return {name: rounded[name] for name in INSIGHT_RATES}


def window_statistics(accumulator: MarketAccumulator) -> WindowStatistics:
    """`eligible_sellers`, `marketplace_average` and `top_performers` of the insight rates."""
    result = accumulator.result()
    return {"eligible_sellers": result["eligible_sellers"],
            "marketplace_average": _insight_only(result["marketplace_average"]),
            "top_performers": _insight_only(result["top_decile"])}


def _insight_only(values: dict[str, Decimal | None]) -> dict[str, Decimal | None]:
    return {name: values[name] for name in INSIGHT_RATES}
