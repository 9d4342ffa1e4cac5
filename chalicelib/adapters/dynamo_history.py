"""What a seller's history reads (a DynamoStore mixin): closed months, snapshots and invoices of a span."""
import json

from chalicelib.adapters.dynamo_close import _snapshot, decimals
from chalicelib.adapters.mapping import invoice_document
from chalicelib.domain.closing import SellerSnapshot
from chalicelib.domain.corrections import InvoiceDocument
from chalicelib.domain.statistics import Rates


class DynamoHistory:
    def closed_months(self, marketplace_id: str, first: str, last: str) -> dict[str, Rates]:
        """{month: marketplace average per rate} of the months first..last the marketplace closed (one query)."""
        record = self.t.MarketStatsRecord
        items = record.query(marketplace_id, record.month.between(first, last))
        return {item.month: decimals(json.loads(item.stats)["marketplace_average"]) for item in items}

    def snapshots_of(self, seller_id: str, marketplace_id: str, months: list[str]) -> dict[str, SellerSnapshot]:
        """The seller's frozen months among `months` (one BatchGetItem per 100), by month."""
        keys = [(f"{marketplace_id}#{month}", seller_id) for month in months]
        return {snap.month: snap for snap in map(_snapshot, self.t.SnapshotRecord.batch_get(keys))}

    def invoices_between(self, seller_id: str, marketplace_id: str, first: str, last: str) -> list[InvoiceDocument]:
        """Every invoice and credit note of the seller in the marketplace for months first..last (one query)."""
        record = self.t.InvoiceRecord
        items = record.by_seller.query(seller_id, record.month_market.between(f"{first}#", f"{last}#~"))
        return [d for d in map(invoice_document, items) if d.invoice.marketplace_id == marketplace_id]
