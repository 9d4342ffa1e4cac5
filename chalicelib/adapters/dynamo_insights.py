"""Weekly counters and window statistics of CS Insights, on DynamoDB."""
import json
import zlib
from datetime import datetime
from typing import Iterator

from pynamodb.exceptions import PutError

from chalicelib.adapters.binding import Tables
from chalicelib.adapters.dynamo_close import decimals
from chalicelib.adapters.dynamo_writes import week_counter_key
from chalicelib.adapters.insight_records import InsightStatsRecord, WeekCounterRecord
from chalicelib.adapters.table_queries import query
from chalicelib.domain.market_stats import MarketAccumulator
from chalicelib.domain.metrics import COUNTER_NAMES, MonthCounters
from chalicelib.domain.statistics import WindowStats


class InsightRepository:
    def __init__(self, tables: Tables):
        self.t = tables

    def week_counter_stream(self, marketplace_id: str, week: str, shard: int) -> Iterator[tuple[str, MonthCounters]]:
        """Every seller's counters of one shard of a marketplace-week, in seller_id order, page by page."""
        for item in query(self.t.requests, self.t.WeekCounterRecord, f"{marketplace_id}#{week}#{shard}"):
            yield item.seller_id, _counters(item)

    def week_counters(self, seller_id: str, marketplace_id: str, weeks: list[str]) -> dict[str, MonthCounters]:
        """The seller's counters of these weeks (one BatchGetItem), by week; a week without events is absent."""
        record = self.t.WeekCounterRecord
        by_key = {week_counter_key(marketplace_id, week, seller_id): week for week in weeks}
        items = self.t.requests.batch_get(record, [(key, seller_id) for key in by_key])
        return {by_key[item.market_week_shard]: _counters(item) for item in items}

    def get_insight_partial(self, marketplace_id: str, last_week: str, shard: int) -> MarketAccumulator | None:
        item = self._insight_item(marketplace_id, _partial(last_week, shard))
        return None if item is None else _unpacked(item.accumulator)

    def insight_partials(self, marketplace_id: str, last_week: str) -> list[MarketAccumulator]:
        record = self.t.InsightStatsRecord
        items = query(self.t.requests, record, marketplace_id, record.part.startswith(f"{last_week}#"),
                      consistent_read=True)
        return [_unpacked(item.accumulator) for item in items]

    def save_insight_partial(self, marketplace_id: str, last_week: str, shard: int, accumulator: MarketAccumulator,
                             computed_at: datetime) -> None:
        packed = zlib.compress(json.dumps(accumulator.to_dict(), separators=(",", ":")).encode())
        self._write_once(self.t.InsightStatsRecord(marketplace_id, _partial(last_week, shard), accumulator=packed,
                                                   computed_at=computed_at))

    def get_insight_stats(self, marketplace_id: str, last_week: str) -> WindowStats | None:
        """The window's statistics: decimals back as Decimal (None where no seller had the rate)."""
        item = self._insight_item(marketplace_id, last_week)
        if item is None:
            return None
        stats = json.loads(item.stats)
        return WindowStats(int(stats["eligible_sellers"]), decimals(stats["marketplace_average"]),
                           decimals(stats["top_performers"]))

    def save_insight_stats(self, marketplace_id: str, last_week: str, stats: WindowStats,
                           computed_at: datetime) -> None:
        wire = {"eligible_sellers": stats.eligible_sellers, "marketplace_average": stats.marketplace_average,
                "top_performers": stats.top_performers}
        self._write_once(self.t.InsightStatsRecord(marketplace_id, last_week, stats=json.dumps(wire, default=str),
                                                   computed_at=computed_at))

    def _insight_item(self, marketplace_id: str, part: str) -> InsightStatsRecord | None:
        return self.t.requests.get(self.t.InsightStatsRecord, marketplace_id, part, consistent_read=True)

    def _write_once(self, record: InsightStatsRecord) -> None:
        """A concurrent or repeated run keeps what was written first (the same figures)."""
        try:
            self.t.requests.save(record, self.t.InsightStatsRecord.part.does_not_exist())
        except PutError as error:
            if error.cause_response_code != "ConditionalCheckFailedException":
                raise


def _partial(last_week: str, shard: int) -> str:
    return f"{last_week}#{shard:02d}"


def _unpacked(packed: bytes) -> MarketAccumulator:
    return MarketAccumulator.from_dict(json.loads(zlib.decompress(packed)))


def _counters(item: WeekCounterRecord) -> MonthCounters:
    return MonthCounters.from_mapping({name: int(getattr(item, name) or 0) for name in COUNTER_NAMES})
