"""The weekly run on a fake store: a shard streams its sellers in memory that does not grow with them, and the
merge of the shards' partial statistics equals one pass over every seller."""
import json
import tracemalloc
import zlib
from datetime import datetime, timezone

from chalicelib.domain.insights import window_statistics
from chalicelib.domain.market_stats import MarketAccumulator
from chalicelib.domain.metrics import MonthCounters
from chalicelib.domain.statistics import WindowStats
from chalicelib.domain.weeks import SHARDS, shard_of
from chalicelib.services import insights

NOW = datetime(2026, 11, 30, 3, tzinfo=timezone.utc)
WEEKS = ["2026-W45", "2026-W46", "2026-W47", "2026-W48"]


def week_counters(n: int, week: str) -> MonthCounters:
    w = WEEKS.index(week)
    return MonthCounters(units_shipped=(n + w) % 23, contacts=(n * w) % 4, contacts_preventable=(n + w) % 2,
                         responses=1 + w % 2, responses_within_24h=(n + w) % 2, response_minutes_total=(n * 7 + w) % 3000,
                         survey_answers=w % 3, survey_no=(n + w) % 3 % (1 + w % 3))


class FakeStore:
    """`sellers` sellers generated on the fly (seller n is absent from week n % 5 when that is a window week);
    partials and statistics kept as the DynamoDB store keeps them (compressed JSON, written once)."""

    def __init__(self, sellers: int, shard_filter: bool = True):
        self.sellers, self.shard_filter, self.parts, self.stats = sellers, shard_filter, {}, None

    def week_counter_stream(self, marketplace_id, week, shard):
        for n in range(self.sellers):
            seller = f"S{n:07d}"
            if (not self.shard_filter or shard_of(seller) == shard) and n % 5 != WEEKS.index(week):
                yield seller, week_counters(n, week)

    def get_insight_partial(self, marketplace_id, last_week, shard):
        packed = self.parts.get(shard)
        return None if packed is None else MarketAccumulator.from_dict(json.loads(zlib.decompress(packed)))

    def save_insight_partial(self, marketplace_id, last_week, shard, accumulator, computed_at):
        self.parts.setdefault(shard, zlib.compress(json.dumps(accumulator.to_dict()).encode()))

    def insight_partials(self, marketplace_id, last_week):
        return [MarketAccumulator.from_dict(json.loads(zlib.decompress(packed))) for packed in self.parts.values()]

    def get_insight_stats(self, marketplace_id, last_week):
        return self.stats

    def save_insight_stats(self, marketplace_id, last_week, stats, computed_at):
        self.stats = self.stats or stats


def test_the_merge_of_the_shards_equals_one_pass_over_every_seller():
    store = FakeStore(3_000)
    results = [insights.compute_shard(store, "A1PA6795UKMFR9", "2026-W48", shard, NOW) for shard in range(SHARDS)]
    assert [r["merged"] for r in results] == [False] * (SHARDS - 1) + [True]  # the last shard in merges
    one_pass = MarketAccumulator()
    for _, counters in insights._sellers(FakeStore(3_000, shard_filter=False), "A1PA6795UKMFR9", "2026-W48", 0):
        one_pass.add(counters)
    assert store.stats == WindowStats.of(window_statistics(one_pass)) and store.stats.eligible_sellers > 1_000
    again = insights.compute_shard(store, "A1PA6795UKMFR9", "2026-W48", 3, NOW)
    assert again["merged"] is False and store.stats == WindowStats.of(window_statistics(one_pass))  # run again: nothing changes


def peak_bytes(sellers: int) -> int:
    store = FakeStore(sellers, shard_filter=False)  # one shard holding every seller: the worst case
    tracemalloc.start()
    insights.compute_shard(store, "A1PA6795UKMFR9", "2026-W48", 0, NOW)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def test_a_shard_of_60000_sellers_needs_no_more_memory_than_one_of_3000():
    small, large = peak_bytes(3_000), peak_bytes(60_000)
    assert large < small * 1.3 + 512 * 1024, (small, large)
