"""The seller's contacts list, the case view's refunds and support note writes (a mixin of DynamoStore)."""
from datetime import datetime

from pynamodb.exceptions import DoesNotExist

from chalicelib.adapters import mapping
from chalicelib.adapters.mapping import invoice_document
from chalicelib.domain.corrections import InvoiceDocument
from chalicelib.domain.contacts import Contact
from chalicelib.domain.routing import CSBA

Key = dict[str, str]  # a position in the by-seller index: seller_id, created_key, contact_id


class DynamoQueries:
    def csba_contacts(self, seller_id: str, marketplace_id: str | None, status: str | None, limit: int,
                      after: Key | None) -> tuple[list[Contact], Key | None]:
        """Up to `limit` of the seller's CSBA contacts, newest first, after `after`; and where to resume.

        DynamoDB filters after applying its Limit, so one request may return a short page; the
        iterator keeps querying until `limit` contacts are found or the index is exhausted (key None).
        """
        record = self.t.ContactRecord
        condition = record.destination == CSBA
        if marketplace_id:
            condition &= record.marketplace_id == marketplace_id
        if status:
            condition &= record.status == status
        results = record.by_seller.query(seller_id, filter_condition=condition, scan_index_forward=False,
                                         limit=limit, page_size=limit, last_evaluated_key=_raw(after))
        contacts = [mapping.contact_from(r) for r in results]
        return contacts, _plain(results.last_evaluated_key)

    def save_support_note(self, seller_id: str, asin: str, text: str, updated_at: datetime) -> None:
        """Create or replace the seller's note for this ASIN."""
        self.t.SupportNoteRecord(seller_id, asin, text=text, updated_at=updated_at).save()


def _raw(key: Key | None) -> dict | None:
    return {name: {"S": value} for name, value in key.items()} if key else None


def _plain(raw: dict | None) -> Key | None:
    return {name: value["S"] for name, value in raw.items()} if raw else None


class DynamoInvoices:
    """Invoices as stored (the API body, JSON) by id and by seller."""

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
