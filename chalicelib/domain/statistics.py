"""A marketplace's statistics as stored: of a closed month (the close) and of a 4-week window (weekly_insights)."""
from decimal import Decimal
from typing import Any, Mapping

from msgspec import Struct

Rates = dict[str, Decimal | None]  # per rate name; None where no eligible seller had the rate


class MarketStats(Struct, frozen=True):
    """A closed month of one marketplace: average and top decile per rate over its eligible sellers."""

    marketplace_id: str
    month: str
    eligible_sellers: int
    marketplace_average: Rates
    top_decile: Rates
    invoices_enqueued: bool = False  # the close has enqueued every seller's invoice job

    @classmethod
    def of(cls, marketplace_id: str, month: str, result: Mapping[str, Any]) -> "MarketStats":
        """From `MarketAccumulator.result()`."""
        return cls(marketplace_id, month, int(result["eligible_sellers"]), dict(result["marketplace_average"]),
                   dict(result["top_decile"]))


class WindowStats(Struct, frozen=True):
    """A 4-week window of one marketplace: average and top performers per insight rate."""

    eligible_sellers: int
    marketplace_average: Rates
    top_performers: Rates

    @classmethod
    def of(cls, statistics: Mapping[str, Any]) -> "WindowStats":
        """From `insights.window_statistics(...)`."""
        return cls(int(statistics["eligible_sellers"]), dict(statistics["marketplace_average"]),
                   dict(statistics["top_performers"]))
