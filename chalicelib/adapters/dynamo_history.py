"""What a seller's history reads of the closed months on DynamoDB: the marketplace's averages and the seller's
snapshots over a span (its invoices: adapters/dynamo_invoices.py)."""
import json

from chalicelib.adapters.binding import Tables
from chalicelib.adapters.dynamo_close import _snapshot, decimals
from chalicelib.adapters.table_queries import query
from chalicelib.domain.closing import SellerSnapshot
from chalicelib.domain.statistics import Rates


class MonthHistory:
    def __init__(self, tables: Tables):
        self.t = tables

    def closed_months(self, marketplace_id: str, first: str, last: str) -> dict[str, Rates]:
        """{month: marketplace average per rate} of the months first..last the marketplace closed (one query)."""
        record = self.t.MarketStatsRecord
        items = query(self.t.requests, record, marketplace_id, record.month.between(first, last))
        return {item.month: decimals(json.loads(item.stats)["marketplace_average"]) for item in items}

    def snapshots_of(self, seller_id: str, marketplace_id: str, months: list[str]) -> dict[str, SellerSnapshot]:
        """The seller's frozen months among `months` (one BatchGetItem per 100), by month."""
        keys = [(f"{marketplace_id}#{month}", seller_id) for month in months]
        return {snap.month: snap for snap in map(_snapshot, self.t.requests.batch_get(self.t.SnapshotRecord, keys))}
