"""Reading a seller's invoices and credit notes; another seller's is answered as unknown, never shown."""
from typing import Mapping

from chalicelib.domain.corrections import InvoiceDocument, chain_position
from chalicelib.domain.errors import NotFound
from chalicelib.domain.marketplaces import marketplace
from chalicelib.domain.months import parse_month
from chalicelib.services.month_ports import InvoiceStore


def list_invoices(store: InvoiceStore, seller_id: str, params: Mapping[str, str]) -> list[InvoiceDocument]:
    given = {name: value for name, value in params.items() if value}
    market = marketplace(given["marketplace_id"]).marketplace_id if "marketplace_id" in given else None
    month = parse_month(params["month"]) if "month" in params else None
    if store.get_seller(seller_id) is None:
        raise NotFound(f"unknown seller {seller_id}")
    return newest_first(store.seller_invoices(seller_id, market, month))


def newest_first(documents: list[InvoiceDocument]) -> list[InvoiceDocument]:
    """Newest month first; in a month, by marketplace, the newest document of its correction chain first."""
    by_chain = sorted(documents, key=lambda d: (d.invoice.marketplace_id, -chain_position(d.invoice)))
    return sorted(by_chain, key=lambda d: d.invoice.month, reverse=True)


def get_invoice(store: InvoiceStore, seller_id: str, invoice_id: str) -> InvoiceDocument:
    invoice = store.get_invoice(invoice_id)
    if invoice is None or invoice.invoice.seller_id != seller_id:
        raise NotFound(f"unknown invoice {invoice_id}")
    return invoice
