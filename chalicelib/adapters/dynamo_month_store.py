"""The month store port (services/month_ports.MonthStore) on DynamoDB: closed months, their history, invoices
and CS Insights, one repository per aggregate, each method handed to the repository that owns it."""
from datetime import datetime
from typing import Iterable, Iterator

from chalicelib.adapters.binding import Tables
from chalicelib.adapters.closed_month_reads import ClosedMonthReads
from chalicelib.adapters.dynamo_close import ClosedMonthRepository
from chalicelib.adapters.dynamo_history import MonthHistory
from chalicelib.adapters.dynamo_insights import InsightRepository
from chalicelib.adapters.dynamo_invoices import InvoiceRepository
from chalicelib.domain.closing import SellerSnapshot
from chalicelib.domain.corrections import InvoiceDocument
from chalicelib.domain.market_stats import MarketAccumulator
from chalicelib.domain.metrics import MonthCounters
from chalicelib.domain.statistics import MarketStats, Rates, WindowStats


class DynamoMonthStore(ClosedMonthReads):
    def __init__(self, tables: Tables):
        self.months, self.history = ClosedMonthRepository(tables), MonthHistory(tables)
        self.invoices, self.insights = InvoiceRepository(tables), InsightRepository(tables)

    def counter_stream(self, marketplace_id: str, month: str) -> Iterator[tuple[str, MonthCounters]]:
        return self.months.counter_stream(marketplace_id, month)

    def save_snapshots(self, snapshots: Iterable[SellerSnapshot], closed_at: datetime) -> None:
        self.months.save_snapshots(snapshots, closed_at)

    def snapshot_stream(self, marketplace_id: str, month: str) -> Iterator[SellerSnapshot]:
        return self.months.snapshot_stream(marketplace_id, month)

    def save_market_stats(self, stats: MarketStats, closed_at: datetime) -> None:
        self.months.save_market_stats(stats, closed_at)

    def replace_market_stats(self, stats: MarketStats, closed_at: datetime) -> None:
        self.months.replace_market_stats(stats, closed_at)

    def mark_invoices_enqueued(self, marketplace_id: str, month: str) -> None:
        self.months.mark_invoices_enqueued(marketplace_id, month)

    def closed_months(self, marketplace_id: str, first: str, last: str) -> dict[str, Rates]:
        return self.history.closed_months(marketplace_id, first, last)

    def snapshots_of(self, seller_id: str, marketplace_id: str, months: list[str]) -> dict[str, SellerSnapshot]:
        return self.history.snapshots_of(seller_id, marketplace_id, months)

    def get_invoice(self, invoice_id: str) -> InvoiceDocument | None:
        return self.invoices.get_invoice(invoice_id)

    def seller_invoices(self, seller_id: str, marketplace_id: str | None,
                        month: str | None) -> list[InvoiceDocument]:
        return self.invoices.seller_invoices(seller_id, marketplace_id, month)

    def invoices_between(self, seller_id: str, marketplace_id: str, first: str, last: str) -> list[InvoiceDocument]:
        return self.invoices.invoices_between(seller_id, marketplace_id, first, last)

    def week_counter_stream(self, marketplace_id: str, week: str, shard: int) -> Iterator[tuple[str,
                            MonthCounters]]:
        return self.insights.week_counter_stream(marketplace_id, week, shard)

    def week_counters(self, seller_id: str, marketplace_id: str, weeks: list[str]) -> dict[str, MonthCounters]:
        return self.insights.week_counters(seller_id, marketplace_id, weeks)

    def get_insight_partial(self, marketplace_id: str, last_week: str, shard: int) -> MarketAccumulator | None:
        return self.insights.get_insight_partial(marketplace_id, last_week, shard)

    def insight_partials(self, marketplace_id: str, last_week: str) -> list[MarketAccumulator]:
        return self.insights.insight_partials(marketplace_id, last_week)

    def save_insight_partial(self, marketplace_id: str, last_week: str, shard: int,
                             accumulator: MarketAccumulator, computed_at: datetime) -> None:
        self.insights.save_insight_partial(marketplace_id, last_week, shard, accumulator, computed_at)

    def get_insight_stats(self, marketplace_id: str, last_week: str) -> WindowStats | None:
        return self.insights.get_insight_stats(marketplace_id, last_week)

    def save_insight_stats(self, marketplace_id: str, last_week: str, stats: WindowStats,
                           computed_at: datetime) -> None:
        self.insights.save_insight_stats(marketplace_id, last_week, stats, computed_at)
