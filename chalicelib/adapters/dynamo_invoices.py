"""Invoices and credit notes on DynamoDB, as issued (the API body, JSON) with their status: by id and by seller."""
import json

from pynamodb.exceptions import DoesNotExist

from chalicelib.adapters.binding import Tables
from chalicelib.adapters.records import InvoiceRecord
from chalicelib.domain.corrections import ISSUED, InvoiceDocument, invoice_from_wire


class InvoiceRepository:
    def __init__(self, tables: Tables):
        self.t = tables

    def get_invoice(self, invoice_id: str) -> InvoiceDocument | None:
        try:
            return invoice_document(self.t.InvoiceRecord.get(invoice_id, consistent_read=True))
        except DoesNotExist:
            return None

    def seller_invoices(self, seller_id: str, marketplace_id: str | None, month: str | None) -> list[InvoiceDocument]:
        record = self.t.InvoiceRecord
        condition = record.month_market.startswith(f"{month}#") if month else None
        documents = map(invoice_document, record.by_seller.query(seller_id, condition, scan_index_forward=False))
        return [d for d in documents if marketplace_id in (None, d.invoice.marketplace_id)]

    def invoices_between(self, seller_id: str, marketplace_id: str, first: str, last: str) -> list[InvoiceDocument]:
        """Every invoice and credit note of the seller in the marketplace for months first..last (one query)."""
        record = self.t.InvoiceRecord
        items = record.by_seller.query(seller_id, record.month_market.between(f"{first}#", f"{last}#~"))
        return [d for d in map(invoice_document, items) if d.invoice.marketplace_id == marketplace_id]


def invoice_document(record: InvoiceRecord) -> InvoiceDocument:
    """The body as issued (a first invoice written before corrections has no kind), with its status."""
    return InvoiceDocument(invoice_from_wire(json.loads(record.body)), record.status or ISSUED)
