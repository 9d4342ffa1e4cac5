"""A seller's closed months side by side (DESIGN section 8, history): the 12-month trend of the console.

A month appears once its marketplace closed it; a closed month in which the seller had no activity
has no snapshot: its counts are 0 and its rates, health and invoice null, so a chart has no gap.
"""
from datetime import datetime

from chalicelib.domain.clock import add_months, month_before
from chalicelib.domain.closing import SellerSnapshot
from chalicelib.domain.corrections import CREDITED, INVOICE, InvoiceDocument
from chalicelib.domain.errors import InvalidInput, NotFound
from chalicelib.domain.marketplaces import marketplace
from chalicelib.domain.metrics import RATE_NAMES, rates_for_wire
from chalicelib.domain.months import FIRST_MONTH, parse_month
from chalicelib.domain.statistics import Rates
from chalicelib.domain.wire import JsonObject
from chalicelib.services.app_store import AppStore
MAX_MONTHS, DEFAULT_MONTHS = 24, 12


def history(store: AppStore, seller_id: str, marketplace_id: str, first: str | None, last: str | None,
            now: datetime) -> JsonObject:
    """Closed months first..last (default: the 12 months before the current one), oldest first."""
    marketplace(marketplace_id)
    first, last = _span(first, last, now)
    if store.get_seller(seller_id) is None:
        raise NotFound(f"unknown seller {seller_id}")
    closed = store.closed_months(marketplace_id, first, last)
    snapshots = store.snapshots_of(seller_id, marketplace_id, list(closed))
    invoices = store.invoices_between(seller_id, marketplace_id, first, last)
    months = [_month(month, snapshots.get(month), averages, current_invoice(invoices, month))
              for month, averages in closed.items()]
    return {"seller_id": seller_id, "marketplace_id": marketplace_id, "from": first, "to": last, "months": months}


def current_invoice(invoices: list[InvoiceDocument], month: str) -> InvoiceDocument | None:
    """The invoice of `month` in force: not a credit note, not credited, and replaced by no other
    revision (with no revisions, the one plain `INV-...` invoice). The one place to adapt if
    corrections change how the current revision is marked."""
    candidates = [i for i in invoices if i.invoice.month == month and i.invoice.kind == INVOICE]
    replaced = {i.invoice.replaces for i in candidates}
    current = [i for i in candidates if i.invoice_id not in replaced and i.status != CREDITED]
    return current[0] if current else None


def _month(month: str, snapshot: SellerSnapshot | None, averages: Rates, invoice: InvoiceDocument | None) -> JsonObject:
    counters = snapshot.counters if snapshot else None
    return {
        "month": month,
        "rates": rates_for_wire(counters) if counters else dict.fromkeys(RATE_NAMES),
        "overall": snapshot.health["overall"] if snapshot else None,
        "units_shipped": counters.units_shipped if counters else 0,
        "contacts": counters.contacts if counters else 0,
        "invoice_total": invoice.invoice.total.to_wire() if invoice else None,
        "marketplace_average": averages,
    }


def _span(first: str | None, last: str | None, now: datetime) -> tuple[str, str]:
    last = parse_month(last, "to") if last is not None else month_before(now)
    first = parse_month(first, "from") if first is not None else max(add_months(last, 1 - DEFAULT_MONTHS), FIRST_MONTH)
    if first > last:
        raise InvalidInput(f"from ({first}) is after to ({last})")
    if add_months(first, MAX_MONTHS - 1) < last:
        raise InvalidInput(f"at most {MAX_MONTHS} months at a time: {first} to {last} is more")
    return first, last
