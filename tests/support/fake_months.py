"""The in-memory store's closed months, invoices and CS Insights (month_ports.MonthStore), in DynamoDB's orders."""
from copy import replace
from datetime import datetime
from typing import Iterable, Iterator

from chalicelib.domain.closing import SellerSnapshot
from chalicelib.domain.corrections import InvoiceDocument
from chalicelib.domain.market_stats import MarketAccumulator
from chalicelib.domain.metrics import MonthCounters
from chalicelib.domain.statistics import MarketStats, Rates, WindowStats
from chalicelib.domain.weeks import shard_of


class MonthTables:
    counters: dict[tuple[str, str, str], dict[str, int]]  # (seller, marketplace, month): counts
    weekly: dict[tuple[str, str, str], dict[str, int]]  # (seller, marketplace, week): counts
    snapshots: dict[tuple[str, str, str], SellerSnapshot]  # (marketplace, month, seller)
    market_stats: dict[tuple[str, str], MarketStats]
    invoices: dict[str, InvoiceDocument]
    insight_parts: dict[tuple[str, str, int], dict]  # accumulators as stored (to_dict): never shared
    insight_stats: dict[tuple[str, str], WindowStats]

    def counter_stream(self, marketplace_id: str, month: str) -> Iterator[tuple[str, MonthCounters]]:
        rows = sorted((s, c) for (s, m, mo), c in self.counters.items() if (m, mo) == (marketplace_id, month))
        return iter([(seller, MonthCounters.from_mapping(counts)) for seller, counts in rows])

    def live_counters(self, seller_id: str, marketplace_id: str, first: str, last: str) -> dict[str, MonthCounters]:
        return {mo: MonthCounters.from_mapping(c) for (s, m, mo), c in sorted(self.counters.items())
                if (s, m) == (seller_id, marketplace_id) and first <= mo <= last}

    def save_snapshots(self, snapshots: Iterable[SellerSnapshot], closed_at: datetime) -> None:
        for snap in snapshots:
            self.snapshots[(snap.marketplace_id, snap.month, snap.seller_id)] = snap

    def snapshot_stream(self, marketplace_id: str, month: str) -> Iterator[SellerSnapshot]:
        return iter([snap for key, snap in sorted(self.snapshots.items()) if key[:2] == (marketplace_id, month)])

    def get_snapshot(self, seller_id: str, marketplace_id: str, month: str,
                     consistent: bool = False) -> SellerSnapshot | None:
        return self.snapshots.get((marketplace_id, month, seller_id))

    def snapshots_of(self, seller_id: str, marketplace_id: str, months: list[str]) -> dict[str, SellerSnapshot]:
        found = (self.snapshots.get((marketplace_id, month, seller_id)) for month in months)
        return {snap.month: snap for snap in found if snap is not None}

    def get_market_stats(self, marketplace_id: str, month: str) -> MarketStats | None:
        return self.market_stats.get((marketplace_id, month))

    def last_closed_month(self, marketplace_id: str) -> str | None:
        return max((month for m, month in self.market_stats if m == marketplace_id), default=None)

    def closed_months(self, marketplace_id: str, first: str, last: str) -> dict[str, Rates]:
        return {month: stats.marketplace_average for (m, month), stats in sorted(self.market_stats.items())
                if m == marketplace_id and first <= month <= last}

    def save_market_stats(self, stats: MarketStats, closed_at: datetime) -> None:
        self.market_stats.setdefault((stats.marketplace_id, stats.month), replace(stats, invoices_enqueued=False))

    def replace_market_stats(self, stats: MarketStats, closed_at: datetime) -> None:
        before = self.market_stats.get((stats.marketplace_id, stats.month))
        enqueued = before.invoices_enqueued if before else False
        self.market_stats[(stats.marketplace_id, stats.month)] = replace(stats, invoices_enqueued=enqueued)

    def mark_invoices_enqueued(self, marketplace_id: str, month: str) -> None:
        key = (marketplace_id, month)
        self.market_stats[key] = replace(self.market_stats[key], invoices_enqueued=True)

    def get_invoice(self, invoice_id: str) -> InvoiceDocument | None:
        return self.invoices.get(invoice_id)

    def seller_invoices(self, seller_id: str, marketplace_id: str | None,
                        month: str | None) -> list[InvoiceDocument]:
        found = [d for d in self.invoices.values() if d.invoice.seller_id == seller_id
                 and marketplace_id in (None, d.invoice.marketplace_id) and month in (None, d.invoice.month)]
        return sorted(found, key=lambda d: (d.invoice.month, d.invoice.marketplace_id), reverse=True)

    def invoices_between(self, seller_id: str, marketplace_id: str, first: str,
                         last: str) -> list[InvoiceDocument]:
        found = [d for d in self.invoices.values() if d.invoice.seller_id == seller_id
                 and d.invoice.marketplace_id == marketplace_id and first <= d.invoice.month <= last]
        return sorted(found, key=lambda d: d.invoice.month)

    def week_counter_stream(self, marketplace_id: str, week: str, shard: int) -> Iterator[tuple[str, MonthCounters]]:
        rows = sorted((s, c) for (s, m, w), c in self.weekly.items()
                      if (m, w) == (marketplace_id, week) and shard_of(s) == shard)
        return iter([(seller, MonthCounters.from_mapping(counts)) for seller, counts in rows])

    def week_counters(self, seller_id: str, marketplace_id: str, weeks: list[str]) -> dict[str, MonthCounters]:
        rows = ((week, self.weekly.get((seller_id, marketplace_id, week))) for week in weeks)
        return {week: MonthCounters.from_mapping(counts) for week, counts in rows if counts is not None}

    def get_insight_partial(self, marketplace_id: str, last_week: str, shard: int) -> MarketAccumulator | None:
        stored = self.insight_parts.get((marketplace_id, last_week, shard))
        return None if stored is None else MarketAccumulator.from_dict(stored)

    def insight_partials(self, marketplace_id: str, last_week: str) -> list[MarketAccumulator]:
        return [MarketAccumulator.from_dict(stored) for (m, w, _), stored in sorted(self.insight_parts.items())
                if (m, w) == (marketplace_id, last_week)]

    def save_insight_partial(self, marketplace_id: str, last_week: str, shard: int, accumulator: MarketAccumulator,
                             computed_at: datetime) -> None:
        self.insight_parts.setdefault((marketplace_id, last_week, shard), accumulator.to_dict())

    def get_insight_stats(self, marketplace_id: str, last_week: str) -> WindowStats | None:
        return self.insight_stats.get((marketplace_id, last_week))

    def save_insight_stats(self, marketplace_id: str, last_week: str, stats: WindowStats,
                           computed_at: datetime) -> None:
        self.insight_stats.setdefault((marketplace_id, last_week), stats)
