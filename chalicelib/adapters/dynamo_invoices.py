"""Invoices and credit notes on DynamoDB, as issued (the API body, JSON) with their status: by id and by seller."""
import json

from chalicelib.adapters.binding import Tables
from chalicelib.adapters.records import InvoiceRecord
from chalicelib.adapters.table_queries import query
from chalicelib.domain.corrections import ISSUED, InvoiceDocument, invoice_from_wire


class InvoiceRepository:
    def __init__(self, tables: Tables):
        self.t = tables

    def get_invoice(self, invoice_id: str) -> InvoiceDocument | None:
        record = self.t.requests.get(self.t.InvoiceRecord, invoice_id, consistent_read=True)
        return None if record is None else invoice_document(record)

    def seller_invoices(self, seller_id: str, marketplace_id: str | None, month: str | None) -> list[InvoiceDocument]:
        record = self.t.InvoiceRecord
        condition = record.month_market.startswith(f"{month}#") if month else None
        items = query(self.t.requests, record, seller_id, condition, index=record.by_seller, scan_index_forward=False)
        documents = map(invoice_document, items)
        return [d for d in documents if marketplace_id in (None, d.invoice.marketplace_id)]

    def invoices_between(self, seller_id: str, marketplace_id: str, first: str, last: str) -> list[InvoiceDocument]:
        """Every invoice and credit note of the seller in the marketplace for months first..last (one query)."""
        record = self.t.InvoiceRecord
        items = query(self.t.requests, record, seller_id, record.month_market.between(f"{first}#", f"{last}#~"),
                      index=record.by_seller)
        return [d for d in map(invoice_document, items) if d.invoice.marketplace_id == marketplace_id]


def invoice_document(record: InvoiceRecord) -> InvoiceDocument:
    """The body as issued (a first invoice written before corrections has no kind), with its status."""
    return InvoiceDocument(invoice_from_wire(json.loads(record.body)), record.status or ISSUED)
