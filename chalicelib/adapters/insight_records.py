"""Records of CS Insights: each seller's weekly counters, and each marketplace's statistics of a window.

Weekly counters are keyed by `<marketplace_id>#<YYYY-Www>#<shard>` (`weeks.shard_of` the seller) and
the seller: a marketplace-week's writes spread over `weeks.SHARDS` partition keys, and `weekly_insights`
reads one shard of one week with one query, in seller order, without any index.
"""
from pynamodb.attributes import BinaryAttribute, NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.models import Model

from chalicelib.adapters.records import CounterFields


class WeekCounterRecord(CounterFields, Model):
    """Counters per marketplace, ISO week and seller: one integer attribute per name in metrics.COUNTER_NAMES."""

    class Meta:
        table_name = "weekly-counters"

    market_week_shard = UnicodeAttribute(hash_key=True)  # <marketplace_id>#<YYYY-Www>#<shard>
    seller_id = UnicodeAttribute(range_key=True)
    expires_at = NumberAttribute(null=True)  # epoch seconds: DynamoDB TTL, 400 days after the week began


class InsightStatsRecord(Model):
    """A shard's partial statistics of a window (`<last week>#<shard>`), or their merge (`<last week>`)."""

    class Meta:
        table_name = "insight-stats"

    marketplace_id = UnicodeAttribute(hash_key=True)
    part = UnicodeAttribute(range_key=True)
    accumulator = BinaryAttribute(null=True, legacy_encoding=False)  # zlib JSON of a MarketAccumulator (shards)
    stats = UnicodeAttribute(null=True)  # JSON: average and top performers per rate (the merge)
    computed_at = UTCDateTimeAttribute()

