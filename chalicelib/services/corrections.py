"""A re-closed month's invoice: unchanged, or credited in full and reissued (DESIGN section 7, "Corrections").

Exactly once: the credit note, the revised invoice, the credited mark and their payment
messages commit in one transaction whose conditions are on the revision number (the
revised id `INV-...-<r+1>` must not exist, revision r must still be current). Of two
re-closes racing, one commits; the other reads again, finds the invoice unchanged and
issues nothing. A crash after the commit is repaired by the job's retry, which resends
the current documents' unsent messages under their own keys (or by the daily sweep, for
a message the dead sender's claim still holds).
"""
from chalicelib.domain.billing import Invoice, compute_invoice
from chalicelib.domain.corrections import CREDITED, correction, credit_note_id, revision_id
from chalicelib.services.app_store import AppStore
from chalicelib.services import invoicing, outbox
from chalicelib.services.changes import CreateInvoice, CreditInvoice, QueueMessage
from chalicelib.services.destinations import Destination
from chalicelib.services.outbox import Publisher
from chalicelib.services.ports import ConditionFailed
from chalicelib.services.stale import StaleWrite

ATTEMPTS = 3


def revise_invoice(store: AppStore, publisher: Publisher, seller_id: str, marketplace_id: str, month: str) -> str:
    """"written" (a first invoice), "revised" (credit note and revision issued) or "unchanged"."""
    for _ in range(ATTEMPTS):
        current, revision = current_revision(store, seller_id, marketplace_id, month)
        if current is None:
            return invoicing.write_invoice(store, publisher, seller_id, marketplace_id, month)
        recomputed = compute_invoice(invoicing.invoice_input(store, seller_id, marketplace_id, month))
        due = correction(current, revision, recomputed)
        if due is None:
            outbox.redeliver(store, publisher, _keys_of_current(current, revision))
            return "unchanged"
        messages = [m for m in (credit_note_issued(due.credit_note), invoicing.invoice_issued(due.revised)) if m]
        try:
            store.commit([CreditInvoice(current.invoice_id), CreateInvoice(due.credit_note),
                          CreateInvoice(due.revised), *messages])
        except ConditionFailed:
            continue  # another re-close corrected it meanwhile: compare with its revision
        outbox.deliver(store, publisher, messages)
        return "revised"
    raise StaleWrite(f"invoice of {seller_id} {marketplace_id} {month} kept changing; the job is retried")


def current_revision(store: AppStore, seller_id: str, marketplace_id: str, month: str) -> tuple[Invoice | None, int]:
    """The current invoice and its revision number, following the chain from the plain id (consistent reads)."""
    revision, document = 1, store.get_invoice(revision_id(seller_id, marketplace_id, month, 1))
    while document is not None and document.status == CREDITED:
        following = store.get_invoice(revision_id(seller_id, marketplace_id, month, revision + 1))
        if following is None:
            break
        revision, document = revision + 1, following
    return (document.invoice if document else None), revision


def credit_note_issued(note: Invoice) -> QueueMessage | None:
    """CreditNoteIssued (a negative amount) for a credit note with a total other than zero."""
    if note.total.minor == 0:
        return None
    key = f"credit:{note.invoice_id}"
    return QueueMessage(key, Destination.PAYMENTS, {
        "type": "CreditNoteIssued", "idempotency_key": key, "seller_id": note.seller_id,
        "marketplace_id": note.marketplace_id, "amount": note.total.to_wire(), "credit_note_id": note.invoice_id,
        "credits": note.credits, "month": note.month})


def _keys_of_current(current: Invoice, revision: int) -> list[str]:
    keys = [invoicing.payment_key(current.invoice_id)]
    if revision > 1:
        keys.append(f"credit:{credit_note_id(current.seller_id, current.marketplace_id, current.month, revision - 1)}")
    return keys
