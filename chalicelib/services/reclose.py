"""Re-closing a closed month (DESIGN section 7, "Corrections"): recompute from the counters as they are now.

`monthly_close` with `{"month": M, "reclose": true}` fans out one re-close job per
marketplace closed for M (none: the re-close is refused). Each job rewrites the
month's snapshots from the counters now (late events included) and the marketplace
statistics over them, enqueueing one `revise_invoice` job per seller as it goes. With
`seller_id`, only that seller's snapshot is rewritten; the marketplace statistics stay
those of the last full (re-)close, since they are over every seller.
"""
from datetime import datetime

from chalicelib.domain.clock import add_months
from chalicelib.domain.closing import SellerSnapshot, active_in, snapshot_of
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.market_stats import MarketAccumulator
from chalicelib.domain.marketplaces import MARKETPLACES
from chalicelib.domain.statistics import MarketStats
from chalicelib.domain.wire import JsonObject
from chalicelib.services.close import WRITE_BATCH, Jobs, chunks, month_snapshots
from chalicelib.services.month_ports import ClosedMonthStore


class NeverClosed(InvalidInput):
    """A re-close of a month no marketplace has closed: there is nothing to correct."""


def reclose_month(store: ClosedMonthStore, jobs: Jobs, month: str, seller_id: str | None = None) -> list[str]:
    """Fan out one re-close job per marketplace closed for `month`; NeverClosed if there is none."""
    closed = [m for m in MARKETPLACES if store.get_market_stats(m, month) is not None]
    if not closed:
        raise NeverClosed(f"{month} was never closed: close it first, a re-close only corrects a closed month")
    seller = {"seller_id": seller_id} if seller_id else {}
    jobs.enqueue([{"type": "reclose_marketplace", "marketplace_id": m, "month": month, **seller} for m in closed])
    return closed


def reclose_marketplace(store: ClosedMonthStore, jobs: Jobs, marketplace_id: str, month: str, now: datetime,
                        seller_id: str | None = None) -> JsonObject:
    """Rewrite the month's snapshots (and statistics, unless for one seller); one invoice revision job each."""
    if store.get_market_stats(marketplace_id, month) is None:
        return {"marketplace_id": marketplace_id, "month": month, "invoice_jobs": 0, "skipped": "not closed"}
    invoice_jobs = 0
    accumulator = MarketAccumulator()
    snapshots = _seller_snapshot(store, seller_id, marketplace_id, month) if seller_id else (
        month_snapshots(store, marketplace_id, month))
    for chunk in chunks(snapshots, WRITE_BATCH):
        for snapshot in chunk:
            accumulator.add(snapshot.counters)
        store.save_snapshots(chunk, now)
        jobs.enqueue([{"type": "revise_invoice", "seller_id": s.seller_id, "marketplace_id": marketplace_id,
                       "month": month} for s in chunk])
        invoice_jobs += len(chunk)
    if not seller_id:
        store.replace_market_stats(MarketStats.of(marketplace_id, month, accumulator.result()), now)
    return {"marketplace_id": marketplace_id, "month": month, "invoice_jobs": invoice_jobs}


def _seller_snapshot(store: ClosedMonthStore, seller_id: str, marketplace_id: str, month: str) -> list[SellerSnapshot]:
    by_month = store.live_counters(seller_id, marketplace_id, add_months(month, -3), month)
    return [snapshot_of(seller_id, marketplace_id, month, by_month)] if active_in(by_month, month) else []
