"""CS Insights: `weekly_insights` computes each marketplace's window statistics; the seller reads its window.

Fan-out: `weekly_insights` enqueues one job per marketplace and shard (`weeks.SHARDS`). A job streams
its shard's four weekly streams (one query each, in seller order) merged by seller, so memory holds
one seller and the fixed histograms at any number of sellers, and stores its partial accumulator
once. Every job then reads the partials stored so far: the one that finds all of them (at least the
last to store its own, since the reads are consistent) merges them into the window's statistics,
written once. A job run again (redelivery, re-run) recomputes nothing already stored.
"""
import heapq
import itertools
from datetime import datetime
from typing import Iterator

from chalicelib.domain.errors import NotFound
from chalicelib.domain.insights import insight_rates, window_statistics, window_total
from chalicelib.domain.market_stats import MarketAccumulator
from chalicelib.domain.marketplaces import MARKETPLACES, marketplace
from chalicelib.domain.metrics import MonthCounters
from chalicelib.domain.statistics import WindowStats
from chalicelib.domain.weeks import SHARDS, WINDOW_WEEKS, add_weeks, window_bounds, window_weeks
from chalicelib.domain.clock import to_wire
from chalicelib.domain.wire import JsonObject
from chalicelib.services.app_store import AppStore
from chalicelib.services.close import Jobs
from chalicelib.services.month_ports import InsightStore

JOB_TYPE = "insights_shard"


def fan_out(jobs: Jobs, last_week: str) -> int:
    """One job per marketplace and shard for the window ending with `last_week`; returns how many."""
    enqueued: list[JsonObject] = [{"type": JOB_TYPE, "marketplace_id": m, "week": last_week, "shard": s}
                for m in MARKETPLACES for s in range(SHARDS)]
    jobs.enqueue(enqueued)
    return len(enqueued)


def compute_shard(store: InsightStore, marketplace_id: str, last_week: str, shard: int, now: datetime) -> JsonObject:
    """Store the shard's partial statistics (unless stored), then merge the window's if all shards are in."""
    if store.get_insight_partial(marketplace_id, last_week, shard) is None:
        accumulator = MarketAccumulator()
        for _, counters in _sellers(store, marketplace_id, last_week, shard):
            accumulator.add(counters)
        store.save_insight_partial(marketplace_id, last_week, shard, accumulator, now)
    merged = _merge_if_complete(store, marketplace_id, last_week, now)
    return {"marketplace_id": marketplace_id, "week": last_week, "shard": shard, "merged": merged}


def _sellers(store: InsightStore, marketplace_id: str, last_week: str,
             shard: int) -> Iterator[tuple[str, MonthCounters]]:
    """(seller_id, counters of the window) for every seller of the shard with counters in the window."""
    weeks = [add_weeks(last_week, offset) for offset in range(1 - WINDOW_WEEKS, 1)]
    streams = [store.week_counter_stream(marketplace_id, week, shard) for week in weeks]
    merged = heapq.merge(*streams, key=lambda row: row[0])
    for seller_id, rows in itertools.groupby(merged, key=lambda row: row[0]):
        yield seller_id, window_total(counters for _, counters in rows)


def _merge_if_complete(store: InsightStore, marketplace_id: str, last_week: str, now: datetime) -> bool:
    if store.get_insight_stats(marketplace_id, last_week) is not None:
        return False
    partials = store.insight_partials(marketplace_id, last_week)
    if len(partials) < SHARDS:
        return False
    merged = MarketAccumulator()
    for partial in partials:
        merged.merge(partial)
    store.save_insight_stats(marketplace_id, last_week, WindowStats.of(window_statistics(merged)), now)
    return True


def seller_insights(store: AppStore, seller_id: str, marketplace_id: str, now: datetime) -> JsonObject:
    """The seller's window (the four complete weeks before `now`), week by week, beside its marketplace."""
    marketplace(marketplace_id)
    if store.get_seller(seller_id) is None:
        raise NotFound(f"unknown seller {seller_id}")
    weeks = window_weeks(now)
    by_week = store.week_counters(seller_id, marketplace_id, weeks)
    counters = [by_week.get(week, MonthCounters()) for week in weeks]
    start, end = window_bounds(weeks[-1])
    stats = store.get_insight_stats(marketplace_id, weeks[-1])
    return {
        "seller_id": seller_id, "marketplace_id": marketplace_id,
        "window": {"from": to_wire(start), "to": to_wire(end), "weeks": weeks},
        "rates": insight_rates(window_total(counters)),
        "units_shipped": sum(c.units_shipped for c in counters),
        "marketplace_average": stats.marketplace_average if stats else None,
        "top_performers": stats.top_performers if stats else None,
        "eligible_sellers": stats.eligible_sellers if stats else None,
        "weeks": [{"week": week, "rates": insight_rates(c), "units_shipped": c.units_shipped}
                  for week, c in zip(weeks, counters)],
    }
