"""Marketplace benchmarks of a month: the average and top decile of every rate.

Who counts: sellers with at least `ELIGIBLE_MIN_UNITS` units shipped in the
month and, per rate, only those whose rate is not null (n of them).

Average: the unweighted mean of the sellers' rates. Each rate is summed as an
integer of 10**-18 units (half-up), so the mean is within 0.5e-18 of the exact
one: its wire rounding is exact unless the exact mean is that close to a tie.

Top decile, "what the best tenth of sellers reach": with k = ceil(n / 10), the
k-th best rate. Lower is better: the k-th smallest (nearest rank, the smallest
v such that at least 10% of sellers have a rate <= v). Higher is better: the
k-th largest (the largest v such that at least 10% have a rate >= v). With 1
to 10 sellers it is the best one's rate.

Method: half-up rounding is monotone, so the k-th best rounded rate is the
rounded k-th best rate. A seller is counted in the bin of its rate as the
report shows it (1e-4; 0.1 for minutes), and walking the bins from the best
end gives the top decile exactly at the report's rounding. The bins are fixed
arrays (10,001 per fraction, 0 to 1; 100,801 for minutes, 0 to 7 days), about
1.3 MB at any number of sellers. A rate above its cap is counted at the cap,
so if 90% of sellers (10% where higher is better) exceed it, the top decile
reads the cap, a lower bound; the mean is not capped. Accumulators merge (for
a fan-out by shard) and serialise to ints and strings, non-empty bins only:
~100 kB at 100,000 realistic sellers; worst ~70 kB per fraction, ~400 kB for
minutes (so store one item per rate if needed).
"""
from array import array
from decimal import Decimal
from typing import TypedDict

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.metrics import DIRECTION, HIGHER, RATE_DEFINITIONS, RATE_NAMES, WIRE_PLACES, MonthCounters
from chalicelib.domain.wire import JsonObject

ELIGIBLE_MIN_UNITS = 30
MEAN_SCALE = 10**18


class MarketResult(TypedDict):
    """A marketplace-month's benchmarks: per rate name, a rounded Decimal (None when no seller has the rate)."""

    eligible_sellers: int
    marketplace_average: dict[str, Decimal | None]
    top_decile: dict[str, Decimal | None]


CAPS: dict[str, int] = {name: 1 for name in RATE_NAMES} | {"average_response_minutes": 7 * 24 * 60}


def _half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half-up to an integer (both non-negative)."""
    return (2 * numerator + denominator) // (2 * denominator)


class RateStats:
    """Count, fixed-point sum and histogram of one rate over sellers."""

    def __init__(self, name: str):
        self.name, self.places = name, WIRE_PLACES[name]
        self.sellers, self.total = 0, 0
        self.bins = array("q", bytes(8 * (CAPS[name] * 10**self.places + 1)))

    def add(self, numerator: int, denominator: int) -> None:
        self.sellers += 1
        self.total += _half_up(numerator * MEAN_SCALE, denominator)
        self.bins[min(_half_up(numerator * 10**self.places, denominator), len(self.bins) - 1)] += 1

    def merge(self, other: "RateStats") -> None:
        self.sellers, self.total = self.sellers + other.sellers, self.total + other.total
        for index, count in other.nonempty_bins():
            self.bins[index] += count

    def nonempty_bins(self) -> list[tuple[int, int]]:
        return [(index, count) for index, count in enumerate(self.bins) if count]

    def average(self) -> Decimal | None:
        if not self.sellers:
            return None
        return Decimal(_half_up(self.total * 10**self.places, self.sellers * MEAN_SCALE)).scaleb(-self.places)

    def top_decile(self) -> Decimal | None:
        wanted, seen = -(-self.sellers // 10), 0
        indexes = range(len(self.bins))
        for index in reversed(indexes) if DIRECTION[self.name] == HIGHER else indexes:
            seen += self.bins[index]
            if seen >= wanted > 0:
                return Decimal(index).scaleb(-self.places)
        return None  # no seller has this rate

    def to_dict(self) -> JsonObject:
        """`bins` lists "gap:count" pairs, gap = distance from the previous non-empty bin (from 0 first)."""
        indexes = [index for index, _ in self.nonempty_bins()]
        gaps = (f"{index - previous}:{self.bins[index]}" for previous, index in zip([0] + indexes, indexes))
        return {"sellers": self.sellers, "sum": str(self.total), "bins": ",".join(gaps)}

    @classmethod
    def from_dict(cls, name: str, data: JsonObject) -> "RateStats":
        stats = cls(name)
        stats.sellers, stats.total, index = int(data["sellers"]), int(data["sum"]), 0
        for pair in filter(None, data["bins"].split(",")):
            gap, count = (int(part) for part in pair.split(":"))
            if gap < 0 or count < 0:
                raise ValueError(f"bad bin {pair!r}")
            index += gap
            stats.bins[index] += count
        return stats


class MarketAccumulator:
    """Streams the counters of one marketplace-month, one seller at a time, in bounded memory."""

    def __init__(self) -> None:
        self.eligible_sellers = 0
        self.stats = {name: RateStats(name) for name in RATE_NAMES}

    def add(self, counters: MonthCounters) -> None:
        """Count one seller's month; ignored below `ELIGIBLE_MIN_UNITS` units shipped."""
        if counters.units_shipped < ELIGIBLE_MIN_UNITS:
            return
        self.eligible_sellers += 1
        for name, (numerator, denominator, _, _) in RATE_DEFINITIONS.items():
            if getattr(counters, denominator):
                self.stats[name].add(getattr(counters, numerator), getattr(counters, denominator))

    def merge(self, other: "MarketAccumulator") -> "MarketAccumulator":
        """Add another shard's sellers into this one; returns self."""
        self.eligible_sellers += other.eligible_sellers
        for name, stats in self.stats.items():
            stats.merge(other.stats[name])
        return self

    def result(self) -> MarketResult:
        """`eligible_sellers`, and per rate `marketplace_average` and `top_decile`, rounded Decimals or None."""
        return {
            "eligible_sellers": self.eligible_sellers,
            "marketplace_average": {name: stats.average() for name, stats in self.stats.items()},
            "top_decile": {name: stats.top_decile() for name, stats in self.stats.items()},
        }

    def to_dict(self) -> JsonObject:
        """A small dict of ints and strings (no floats) to store; `from_dict` reads it back."""
        return {"eligible_sellers": self.eligible_sellers,
                "rates": {name: stats.to_dict() for name, stats in self.stats.items()}}

    @classmethod
    def from_dict(cls, data: JsonObject) -> "MarketAccumulator":
        accumulator = cls()
        try:
            accumulator.eligible_sellers = int(data["eligible_sellers"])
            accumulator.stats = {name: RateStats.from_dict(name, data["rates"][name]) for name in RATE_NAMES}
        except (KeyError, ValueError, IndexError, AttributeError, TypeError, OverflowError) as error:
            raise InvalidInput(f"not a stored market accumulator: {error}") from None
        return accumulator
