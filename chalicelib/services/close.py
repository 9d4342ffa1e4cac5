"""The monthly close: freeze every seller-month, marketplace statistics, then one invoice job per seller.

`monthly_close` fans out one close job per marketplace; each close streams the
marketplace's counters for M-3..M (one index query per month, merged in seller order:
memory does not grow with sellers), writes the snapshots, then the statistics, then
enqueues the invoice jobs. A close whose statistics exist changes nothing: re-running
it only finishes enqueueing if a previous run stopped before that. A closed month is
recomputed only by a re-close (`services/reclose.py`), which corrects invoices instead.
"""
import heapq
import itertools
from datetime import datetime
from typing import Iterable, Iterator, Protocol, TypeVar

from chalicelib.domain.clock import add_months
from chalicelib.domain.closing import SellerSnapshot, active_in, snapshot_of
from chalicelib.domain.market_stats import MarketAccumulator
from chalicelib.domain.marketplaces import MARKETPLACES
from chalicelib.domain.metrics import MonthCounters
from chalicelib.domain.statistics import MarketStats
from chalicelib.domain.wire import JsonObject
from chalicelib.services.month_ports import ClosedMonthStore, CounterStore

WRITE_BATCH = 25
Item = TypeVar("Item")


class Jobs(Protocol):
    def enqueue(self, jobs: list[JsonObject]) -> None: ...


def close_month(jobs: Jobs, month: str) -> list[str]:
    """Fan out: one close job per marketplace CSBA serves."""
    jobs.enqueue([{"type": "close_marketplace", "marketplace_id": m, "month": month} for m in MARKETPLACES])
    return list(MARKETPLACES)


def close_marketplace(store: ClosedMonthStore, jobs: Jobs, marketplace_id: str, month: str,
                      now: datetime) -> JsonObject:
    stats = store.get_market_stats(marketplace_id, month)
    if stats is None:
        _freeze(store, marketplace_id, month, now)
        stats = store.get_market_stats(marketplace_id, month)
    if stats is not None and stats.invoices_enqueued:
        return {"marketplace_id": marketplace_id, "month": month, "invoice_jobs": 0}
    count = 0
    for chunk in chunks(store.snapshot_stream(marketplace_id, month), 10):
        jobs.enqueue([{"type": "invoice", "seller_id": s.seller_id, "marketplace_id": marketplace_id,
                       "month": month} for s in chunk])
        count += len(chunk)
    store.mark_invoices_enqueued(marketplace_id, month)
    return {"marketplace_id": marketplace_id, "month": month, "invoice_jobs": count}


def _freeze(store: ClosedMonthStore, marketplace_id: str, month: str, now: datetime) -> None:
    accumulator = MarketAccumulator()
    for chunk in chunks(month_snapshots(store, marketplace_id, month), WRITE_BATCH):
        for snapshot in chunk:
            accumulator.add(snapshot.counters)
        store.save_snapshots(chunk, now)
    store.save_market_stats(MarketStats.of(marketplace_id, month, accumulator.result()), now)


def month_snapshots(store: CounterStore, marketplace_id: str, month: str) -> Iterator[SellerSnapshot]:
    """One snapshot per seller with something counted in month M, from a merge of the M-3..M streams.

    A row whose counters are all zero (a response or survey answer that moved to an earlier
    month when an earlier one arrived late) is no activity: the month is as if it had none."""
    months = [add_months(month, offset) for offset in (-3, -2, -1, 0)]
    streams = [_tagged(store.counter_stream(marketplace_id, m), m) for m in months]
    merged = heapq.merge(*streams, key=lambda row: row[0])
    for seller_id, rows in itertools.groupby(merged, key=lambda row: row[0]):
        by_month: dict[str, MonthCounters] = {m: counters for _, m, counters in rows}
        if active_in(by_month, month):
            yield snapshot_of(seller_id, marketplace_id, month, by_month)


def _tagged(stream: Iterable[tuple[str, MonthCounters]], month: str) -> Iterator[tuple[str, str, MonthCounters]]:
    """Rows of one month's stream tagged with that month (a function binds `month` now, not when consumed)."""
    for seller_id, counters in stream:
        yield seller_id, month, counters


def chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk
