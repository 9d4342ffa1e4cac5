"""The invoice a month's history shows: the current revision, whatever corrections issued before it."""
from copy import replace

from chalicelib.domain.billing import compute_invoice
from chalicelib.domain.corrections import CREDIT_NOTE, CREDITED, InvoiceDocument
from chalicelib.domain.money import Money
from chalicelib.services.history import current_invoice
from tests.unit.test_billing import BASE

FIRST = compute_invoice(replace(BASE, month="2026-10"))


def invoice(invoice_id: str, total: str, status: str = "issued", **links) -> InvoiceDocument:
    return InvoiceDocument(replace(FIRST, invoice_id=invoice_id, total=Money.parse(total, "EUR"), **links), status)


def test_with_no_revision_the_plain_invoice_is_current():
    assert current_invoice([invoice("INV-S1-DE-2026-10", "5.00")], "2026-10").invoice.total.to_wire()["amount"] == "5.00"


def test_after_corrections_the_last_revision_is_current_and_credit_notes_are_not_invoices():
    issued = [invoice("INV-S1-DE-2026-10", "5.00", CREDITED),
              invoice("CN-S1-DE-2026-10-1", "-5.00", kind=CREDIT_NOTE, credits="INV-S1-DE-2026-10"),
              invoice("INV-S1-DE-2026-10-2", "7.00", CREDITED, replaces="INV-S1-DE-2026-10"),
              invoice("CN-S1-DE-2026-10-2", "-7.00", kind=CREDIT_NOTE, credits="INV-S1-DE-2026-10-2"),
              invoice("INV-S1-DE-2026-10-3", "6.00", replaces="INV-S1-DE-2026-10-2")]
    for order in (issued, issued[::-1]):
        assert current_invoice(order, "2026-10").invoice_id == "INV-S1-DE-2026-10-3"


def test_another_month_has_no_invoice():
    assert current_invoice([invoice("INV-S1-DE-2026-10", "5.00")], "2026-11") is None
