"""One invoice per (seller, marketplace, month), from the frozen snapshot; InvoiceIssued once if above zero."""
from chalicelib.domain.billing import Invoice, InvoiceInput, compute_invoice, invoice_id_for
from chalicelib.domain.errors import NotFound, NotYetKnown
from chalicelib.services.app_store import AppStore
from chalicelib.services import outbox
from chalicelib.services.changes import CreateInvoice, QueueMessage
from chalicelib.services.outbox import Publisher
from chalicelib.services.ports import ConditionFailed


def write_invoice(store: AppStore, publisher: Publisher, seller_id: str, marketplace_id: str, month: str) -> str:
    """"written", or "exists" when an earlier run wrote it (its unsent payment message is sent again)."""
    invoice_id = invoice_id_for(seller_id, marketplace_id, month)
    if store.get_invoice(invoice_id) is not None:
        outbox.redeliver(store, publisher, [payment_key(invoice_id)])
        return "exists"
    invoice = compute_invoice(invoice_input(store, seller_id, marketplace_id, month))
    message = [m for m in (invoice_issued(invoice),) if m]
    try:
        store.commit([CreateInvoice(invoice), *message])
    except ConditionFailed:
        return "exists"
    outbox.deliver(store, publisher, message)
    return "written"


def payment_key(invoice_id: str) -> str:
    return f"invoice:{invoice_id}"


def invoice_input(store: AppStore, seller_id: str, marketplace_id: str, month: str) -> InvoiceInput:
    """The seller's closed month (read consistently: a re-close may just have rewritten it) and profile."""
    snapshot = store.get_snapshot(seller_id, marketplace_id, month, consistent=True)
    if snapshot is None:
        raise NotFound(f"{marketplace_id} {month} has no closed month for seller {seller_id}")
    seller = store.get_seller(seller_id)
    if seller is None:
        raise NotYetKnown(f"seller {seller_id} is not registered")
    c = snapshot.counters
    return InvoiceInput(
        seller_id, marketplace_id, month, units_shipped=c.units_shipped, trial_units=c.units_shipped_trial,
        csba_orders_last_3_months=snapshot.csba_orders_3m, prior_contacts=snapshot.prior_contacts,
        prior_units=snapshot.prior_units, shipments=c.shipments, shipments_valid_tracking=c.shipments_valid_tracking,
        returns=c.returns, returns_prepaid_label=c.returns_prepaid_label, residence_country=seller.country,
        vat_id_valid=seller.vat_id_valid)


def invoice_issued(invoice: Invoice) -> QueueMessage | None:
    """InvoiceIssued for an invoice (a first one or a revision) with a total above zero."""
    if invoice.total.minor <= 0:
        return None
    key = payment_key(invoice.invoice_id)
    revision = {"replaces": invoice.replaces} if invoice.replaces else {}
    return QueueMessage(key, "payments_queue", {
        "type": "InvoiceIssued", "idempotency_key": key, "seller_id": invoice.seller_id,
        "marketplace_id": invoice.marketplace_id, "amount": invoice.total.to_wire(),
        "invoice_id": invoice.invoice_id, "month": invoice.month, **revision})
