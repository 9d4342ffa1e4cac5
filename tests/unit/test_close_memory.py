"""The close for one marketplace runs in memory that does not grow with sellers (streamed, on a fake store)."""
import tracemalloc
from copy import replace
from datetime import datetime, timezone

from chalicelib.domain.metrics import MonthCounters
from chalicelib.domain.statistics import MarketStats
from chalicelib.services import close

NOW = datetime(2026, 11, 1, 2, tzinfo=timezone.utc)


class StreamingStore:
    """Generates `sellers` counter items per month on the fly and forgets every write."""

    def __init__(self, sellers: int):
        self.sellers, self.stats, self.snapshots_written = sellers, None, 0

    def counter_stream(self, marketplace_id, month):
        for n in range(self.sellers):
            yield f"S{n:07d}", MonthCounters(units_shipped=30 + n % 50, shipments=3, shipments_valid_tracking=n % 4,
                                             contacts=n % 3, responses=1, responses_within_24h=n % 2,
                                             response_minutes_total=n % 2000)

    def save_snapshots(self, snapshots, closed_at):
        self.snapshots_written += len(snapshots)

    def save_market_stats(self, stats, closed_at):
        self.stats = replace(stats, invoices_enqueued=True)

    def get_market_stats(self, marketplace_id, month):
        return self.stats


class NoJobs:
    def enqueue(self, jobs):
        pass


def peak_bytes(sellers: int) -> tuple[int, StreamingStore]:
    store = StreamingStore(sellers)
    tracemalloc.start()
    close.close_marketplace(store, NoJobs(), "A1PA6795UKMFR9", "2026-10", NOW)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak, store


def test_closing_100000_sellers_needs_no_more_memory_than_closing_5000():
    small, _ = peak_bytes(5_000)
    large, store = peak_bytes(100_000)
    assert store.snapshots_written == 100_000 and store.stats.eligible_sellers == 100_000
    assert large < small * 1.2 + 256 * 1024, (small, large)


class ClosedStore(StreamingStore):
    """A marketplace closed before: the re-close overwrites its statistics."""

    def __init__(self, sellers: int):
        super().__init__(sellers)
        self.stats = MarketStats("A1PA6795UKMFR9", "2026-10", 0, {}, {}, invoices_enqueued=True)

    def replace_market_stats(self, stats, closed_at):
        self.stats = replace(stats, invoices_enqueued=self.stats.invoices_enqueued)


class CountedJobs:
    def __init__(self):
        self.enqueued = 0

    def enqueue(self, jobs):
        self.enqueued += len(jobs)


def reclose_peak_bytes(sellers: int) -> tuple[int, ClosedStore, CountedJobs]:
    from chalicelib.services import reclose

    store, jobs = ClosedStore(sellers), CountedJobs()
    tracemalloc.start()
    reclose.reclose_marketplace(store, jobs, "A1PA6795UKMFR9", "2026-10", NOW)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak, store, jobs


def test_re_closing_100000_sellers_needs_no_more_memory_than_re_closing_5000():
    small, _, _ = reclose_peak_bytes(5_000)
    large, store, jobs = reclose_peak_bytes(100_000)
    assert store.snapshots_written == jobs.enqueued == 100_000 and store.stats.eligible_sellers == 100_000
    assert large < small * 1.2 + 256 * 1024, (small, large)
