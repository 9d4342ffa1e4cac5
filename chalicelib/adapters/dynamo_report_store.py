"""What the report reads (services/month_ports.ReportReads) on DynamoDB: the seller repository and the closed
months' one. The report route builds this alone: its cold start loads neither the case store's other repositories
and the events' writes nor the close, invoices and insights (bench figure 1)."""
from chalicelib.adapters.binding import Tables
from chalicelib.adapters.closed_month_reads import ClosedMonthReads
from chalicelib.adapters.dynamo_close import ClosedMonthRepository
from chalicelib.adapters.dynamo_sellers import SellerRepository
from chalicelib.domain.enrollment import Enrollment
from chalicelib.domain.sellers import Seller


class DynamoReportStore(ClosedMonthReads):
    def __init__(self, tables: Tables):
        self.sellers, self.months = SellerRepository(tables), ClosedMonthRepository(tables)

    def get_seller(self, seller_id: str) -> Seller | None:
        return self.sellers.get_seller(seller_id)

    def get_enrollment(self, seller_id: str, marketplace_id: str) -> Enrollment | None:
        return self.sellers.get_enrollment(seller_id, marketplace_id)
