"""The storage of closed months, invoices and CS Insights, per aggregate: what the close, billing, the
report, the history and the insights read and write. DynamoDB and in-memory stores implement them."""
from datetime import datetime
from typing import Iterable, Iterator, Protocol

from chalicelib.domain.closing import SellerSnapshot
from chalicelib.domain.corrections import InvoiceDocument
from chalicelib.domain.enrollment import Enrollment
from chalicelib.domain.market_stats import MarketAccumulator
from chalicelib.domain.metrics import MonthCounters
from chalicelib.domain.sellers import Seller
from chalicelib.domain.statistics import MarketStats, Rates, WindowStats


class MonthReads(Protocol):
    """A seller's months as counted and as frozen by a close, the marketplace's statistics, which month closed."""

    def live_counters(self, seller_id: str, marketplace_id: str, first: str, last: str) -> dict[str, MonthCounters]:
        """The seller's counters of months first..last, by month (a month without events is absent)."""

    def get_snapshot(self, seller_id: str, marketplace_id: str, month: str,
                     consistent: bool = False) -> SellerSnapshot | None: ...

    def get_market_stats(self, marketplace_id: str, month: str) -> MarketStats | None: ...

    def last_closed_month(self, marketplace_id: str) -> str | None: ...


class ReportReads(MonthReads, Protocol):
    """What the performance report and the public identifier read (services/report.py). The report route's store
    implements these alone (adapters/dynamo_report_store.py), so its cold start loads neither the events' writes
    nor the close, invoices and insights (bench figure 1)."""

    def get_seller(self, seller_id: str) -> Seller | None: ...

    def get_enrollment(self, seller_id: str, marketplace_id: str) -> Enrollment | None: ...


class CounterStore(MonthReads, Protocol):
    def counter_stream(self, marketplace_id: str, month: str) -> Iterator[tuple[str, MonthCounters]]:
        """Every seller's counters of one marketplace-month, in seller_id order (rows of zeros included)."""


class ClosedMonthStore(CounterStore, Protocol):
    def save_snapshots(self, snapshots: Iterable[SellerSnapshot], closed_at: datetime) -> None:
        """Create or replace each seller's frozen month."""

    def snapshot_stream(self, marketplace_id: str, month: str) -> Iterator[SellerSnapshot]:
        """Every frozen seller-month of a marketplace-month, in seller_id order."""

    def snapshots_of(self, seller_id: str, marketplace_id: str, months: list[str]) -> dict[str, SellerSnapshot]:
        """The seller's frozen months among `months`, by month."""

    def closed_months(self, marketplace_id: str, first: str, last: str) -> dict[str, Rates]:
        """{month: marketplace average per rate} of the months first..last the marketplace closed, in order."""

    def save_market_stats(self, stats: MarketStats, closed_at: datetime) -> None:
        """Write once: a concurrent close of the same month keeps the first statistics."""

    def replace_market_stats(self, stats: MarketStats, closed_at: datetime) -> None:
        """A re-close's statistics over those of the close (whether invoices were enqueued is kept)."""

    def mark_invoices_enqueued(self, marketplace_id: str, month: str) -> None: ...


class InvoiceStore(Protocol):
    def get_seller(self, seller_id: str) -> Seller | None: ...

    def get_invoice(self, invoice_id: str) -> InvoiceDocument | None:
        """An invoice or credit note as issued, with its status (a consistent read)."""

    def seller_invoices(self, seller_id: str, marketplace_id: str | None,
                        month: str | None) -> list[InvoiceDocument]:
        """The seller's documents (in one marketplace, of one month, when given), newest month first."""

    def invoices_between(self, seller_id: str, marketplace_id: str, first: str,
                         last: str) -> list[InvoiceDocument]:
        """The seller's documents in the marketplace for months first..last, oldest month first."""


class InsightStore(Protocol):
    def week_counter_stream(self, marketplace_id: str, week: str, shard: int) -> Iterator[tuple[str, MonthCounters]]:
        """Every seller's counters of one shard (`weeks.shard_of`) of a marketplace-week, in seller_id order."""

    def week_counters(self, seller_id: str, marketplace_id: str, weeks: list[str]) -> dict[str, MonthCounters]:
        """The seller's counters of these weeks, by week; a week without events is absent."""

    def get_insight_partial(self, marketplace_id: str, last_week: str, shard: int) -> MarketAccumulator | None: ...

    def insight_partials(self, marketplace_id: str, last_week: str) -> list[MarketAccumulator]:
        """Every shard's partial statistics stored so far for the window (consistent reads)."""

    def save_insight_partial(self, marketplace_id: str, last_week: str, shard: int, accumulator: MarketAccumulator,
                             computed_at: datetime) -> None:
        """Write once: a repeated or concurrent run keeps the first."""

    def get_insight_stats(self, marketplace_id: str, last_week: str) -> WindowStats | None: ...

    def save_insight_stats(self, marketplace_id: str, last_week: str, stats: WindowStats,
                           computed_at: datetime) -> None:
        """Write once: a repeated or concurrent run keeps the first."""


class MonthStore(ClosedMonthStore, InvoiceStore, InsightStore, Protocol):
    """Everything the monthly and weekly jobs and their reports store."""
