"""What the report reads (services/month_ports.ReportReads) on DynamoDB: the seller repository and the closed
months' one. The report route builds this alone: its cold start loads neither the case store's other repositories
and the events' writes nor the close, invoices and insights (bench figure 1)."""
from chalicelib.adapters.binding import Tables
from chalicelib.adapters.dynamo_close import ClosedMonthRepository
from chalicelib.adapters.dynamo_sellers import SellerRepository
from chalicelib.domain.closing import SellerSnapshot
from chalicelib.domain.enrollment import Enrollment
from chalicelib.domain.metrics import MonthCounters
from chalicelib.domain.sellers import Seller
from chalicelib.domain.statistics import MarketStats


class DynamoReportStore:
    def __init__(self, tables: Tables):
        self.sellers, self.months = SellerRepository(tables), ClosedMonthRepository(tables)

    def get_seller(self, seller_id: str) -> Seller | None:
        return self.sellers.get_seller(seller_id)

    def get_enrollment(self, seller_id: str, marketplace_id: str) -> Enrollment | None:
        return self.sellers.get_enrollment(seller_id, marketplace_id)

    def live_counters(self, seller_id: str, marketplace_id: str, first: str, last: str) -> dict[str, MonthCounters]:
        return self.months.live_counters(seller_id, marketplace_id, first, last)

    def get_snapshot(self, seller_id: str, marketplace_id: str, month: str,
                     consistent: bool = False) -> SellerSnapshot | None:
        return self.months.get_snapshot(seller_id, marketplace_id, month, consistent)

    def get_market_stats(self, marketplace_id: str, month: str) -> MarketStats | None:
        return self.months.get_market_stats(marketplace_id, month)

    def last_closed_month(self, marketplace_id: str) -> str | None:
        return self.months.last_closed_month(marketplace_id)
