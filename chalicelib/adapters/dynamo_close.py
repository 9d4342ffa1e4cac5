"""Counters, snapshots and marketplace statistics for the monthly close and the report, on DynamoDB."""
import json
from datetime import datetime
from decimal import Decimal
from typing import Iterable, Iterator

from pynamodb.exceptions import PutError

from chalicelib.adapters import shards
from chalicelib.adapters.binding import Tables
from chalicelib.adapters.records import CounterRecord, MarketStatsRecord, SnapshotRecord
from chalicelib.adapters.table_queries import query
from chalicelib.domain.closing import SellerSnapshot
from chalicelib.domain.metrics import COUNTER_NAMES, MonthCounters
from chalicelib.domain.statistics import MarketStats, Rates


class ClosedMonthRepository:
    def __init__(self, tables: Tables):
        self.t = tables

    def counter_stream(self, marketplace_id: str, month: str) -> Iterator[tuple[str, MonthCounters]]:
        """Every seller's counters of one marketplace-month, in seller_id order: the shards read in parallel,
        page by page, and merged."""
        record = self.t.CounterRecord
        queries = [query(self.t.requests, record, key, index=record.by_market_month)
                   for key in shards.counter_keys(marketplace_id, month)]
        for item in shards.merged(queries, record, key=lambda item: item.seller_id):
            yield item.seller_id, _counters(item)

    def live_counters(self, seller_id: str, marketplace_id: str, first: str, last: str) -> dict[str, MonthCounters]:
        """The seller's counters for months first..last (one query), by month."""
        record = self.t.CounterRecord
        items = query(self.t.requests, record, f"{seller_id}#{marketplace_id}", record.month.between(first, last),
                      consistent_read=True)
        return {item.month: _counters(item) for item in items}

    def save_snapshots(self, snapshots: Iterable[SellerSnapshot], closed_at: datetime) -> None:
        record = self.t.SnapshotRecord
        self.t.requests.batch_save(record(f"{snap.marketplace_id}#{snap.month}", snap.seller_id,
                                          figures=json.dumps(snap.figures()), overall=snap.health["overall"],
                                          closed_at=closed_at) for snap in snapshots)

    def snapshot_stream(self, marketplace_id: str, month: str) -> Iterator[SellerSnapshot]:
        for item in query(self.t.requests, self.t.SnapshotRecord, f"{marketplace_id}#{month}"):
            yield _snapshot(item)

    def get_snapshot(self, seller_id: str, marketplace_id: str, month: str,
                     consistent: bool = False) -> SellerSnapshot | None:
        item = self.t.requests.get(self.t.SnapshotRecord, f"{marketplace_id}#{month}", seller_id,
                                   consistent_read=consistent)
        return None if item is None else _snapshot(item)

    def get_market_stats(self, marketplace_id: str, month: str) -> MarketStats | None:
        item = self.t.requests.get(self.t.MarketStatsRecord, marketplace_id, month, consistent_read=True)
        return None if item is None else market_stats_from(item)

    def last_closed_month(self, marketplace_id: str) -> str | None:
        latest = list(query(self.t.requests, self.t.MarketStatsRecord, marketplace_id, scan_index_forward=False,
                            limit=1))
        return latest[0].month if latest else None

    def save_market_stats(self, stats: MarketStats, closed_at: datetime) -> None:
        """Write once: a concurrent close of the same month keeps the first statistics."""
        record = self.t.MarketStatsRecord(stats.marketplace_id, stats.month, stats=stats_json(stats),
                                          closed_at=closed_at, invoices_enqueued=False)
        try:
            self.t.requests.save(record, self.t.MarketStatsRecord.month.does_not_exist())
        except PutError as error:
            if error.cause_response_code != "ConditionalCheckFailedException":
                raise

    def replace_market_stats(self, stats: MarketStats, closed_at: datetime) -> None:
        """A re-close: the month's statistics recomputed, over those of the close (invoices_enqueued kept)."""
        record = self.t.MarketStatsRecord
        self.t.requests.update(record(stats.marketplace_id, stats.month), [record.stats.set(stats_json(stats)),
                                                                           record.closed_at.set(closed_at)])

    def mark_invoices_enqueued(self, marketplace_id: str, month: str) -> None:
        record = self.t.MarketStatsRecord
        self.t.requests.update(record(marketplace_id, month), [record.invoices_enqueued.set(True)])


def stats_json(stats: MarketStats) -> str:
    """The stored JSON: the eligible sellers, and per rate the average and top decile as decimal strings."""
    return json.dumps({"eligible_sellers": stats.eligible_sellers, "marketplace_average": stats.marketplace_average,
                       "top_decile": stats.top_decile}, default=str)


def market_stats_from(item: MarketStatsRecord) -> MarketStats:
    stats = json.loads(item.stats)
    return MarketStats(item.marketplace_id, item.month, int(stats.get("eligible_sellers", 0)),
                       decimals(stats["marketplace_average"]), decimals(stats["top_decile"]),
                       bool(item.invoices_enqueued))


def decimals(values: dict[str, str | None]) -> Rates:
    return {name: None if value is None else Decimal(value) for name, value in values.items()}


def _counters(item: CounterRecord) -> MonthCounters:
    return MonthCounters.from_mapping({name: int(getattr(item, name) or 0) for name in COUNTER_NAMES})


def _snapshot(item: SnapshotRecord) -> SellerSnapshot:
    marketplace_id, month = item.market_month.split("#")
    return SellerSnapshot.from_figures(item.seller_id, marketplace_id, month, json.loads(item.figures))
