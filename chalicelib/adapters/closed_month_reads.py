"""The reads of closed months that the report's store and the month store both serve, from one repository."""
from chalicelib.adapters.dynamo_close import ClosedMonthRepository
from chalicelib.domain.closing import SellerSnapshot
from chalicelib.domain.metrics import MonthCounters
from chalicelib.domain.statistics import MarketStats


class ClosedMonthReads:
    months: ClosedMonthRepository

    def live_counters(self, seller_id: str, marketplace_id: str, first: str, last: str) -> dict[str, MonthCounters]:
        return self.months.live_counters(seller_id, marketplace_id, first, last)

    def get_snapshot(self, seller_id: str, marketplace_id: str, month: str,
                     consistent: bool = False) -> SellerSnapshot | None:
        return self.months.get_snapshot(seller_id, marketplace_id, month, consistent)

    def get_market_stats(self, marketplace_id: str, month: str) -> MarketStats | None:
        return self.months.get_market_stats(marketplace_id, month)

    def last_closed_month(self, marketplace_id: str) -> str | None:
        return self.months.last_closed_month(marketplace_id)
