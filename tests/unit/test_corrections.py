"""The correction rule (DESIGN section 7): a changed invoice is credited in full and reissued, an unchanged one not."""
from copy import replace

from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.billing import compute_invoice
from chalicelib.domain.corrections import (CREDIT_NOTE, chain_position, correction, credit_note_id, invoice_from_wire,
                                           revision_id)
from tests.unit.test_billing import BASE, DE, invoice_inputs


def test_the_first_revision_keeps_the_plain_id_and_later_ones_are_numbered():
    assert revision_id("S1", DE, "2026-10", 1) == f"INV-S1-{DE}-2026-10"
    assert revision_id("S1", DE, "2026-10", 3) == f"INV-S1-{DE}-2026-10-3"
    assert credit_note_id("S1", DE, "2026-10", 2) == f"CN-S1-{DE}-2026-10-2"


def test_a_correction_credits_revision_r_and_issues_revision_r_plus_one():
    current = replace(compute_invoice(BASE), invoice_id=revision_id("S1", DE, "2026-06", 2),
                      replaces=revision_id("S1", DE, "2026-06", 1))
    due = correction(current, 2, compute_invoice(replace(BASE, units_shipped=120)))
    assert (due.credit_note.invoice_id, due.credit_note.credits) == (credit_note_id("S1", DE, "2026-06", 2),
                                                                     current.invoice_id)
    assert (due.revised.invoice_id, due.revised.replaces) == (revision_id("S1", DE, "2026-06", 3), current.invoice_id)
    assert due.credit_note.to_wire()["total"] == {"amount": "-41.00", "currency": "EUR"}
    assert due.revised.to_wire()["total"] == {"amount": "49.20", "currency": "EUR"}  # 120 x 0.41, reverse charge


@given(invoice_inputs(), invoice_inputs())
def test_a_credit_note_nets_the_credited_invoice_to_zero_line_by_line(first, now):
    now = replace(now, seller_id=first.seller_id, marketplace_id=first.marketplace_id, month=first.month)
    current, recomputed = compute_invoice(first), compute_invoice(now)
    due = correction(current, 1, recomputed)
    if due is None:
        assert (current.lines, current.total, current.tax) == (recomputed.lines, recomputed.total, recomputed.tax)
        return
    note = due.credit_note
    assert note.kind == CREDIT_NOTE and note.currency == current.currency and len(note.lines) == len(current.lines)
    assert all(a.amount.minor + b.amount.minor == 0 and (a.kind, a.rule, a.units) == (b.kind, b.rule, b.units)
               for a, b in zip(note.lines, current.lines))
    assert (note.subtotal + current.subtotal).minor == (note.tax.amount + current.tax.amount).minor == 0
    assert (note.total + current.total).minor == 0
    assert due.revised.to_wire()["lines"] == recomputed.to_wire()["lines"] and due.revised.total == recomputed.total


@given(invoice_inputs())
def test_an_invoice_read_back_from_its_body_is_the_same_invoice_and_needs_no_correction(inp):
    invoice = compute_invoice(inp)
    assert invoice_from_wire(invoice.to_wire()) == invoice
    assert correction(invoice_from_wire(invoice.to_wire()), 1, compute_invoice(inp)) is None


@given(st.integers(1, 30))
def test_a_chain_reads_invoice_then_its_credit_note_then_the_revision(revisions):
    invoice, documents = replace(compute_invoice(BASE), seller_id="S1", marketplace_id=DE, month="2026-10"), []
    for r in range(1, revisions + 1):
        documents.append(replace(invoice, invoice_id=revision_id("S1", DE, "2026-10", r)))
        documents.append(replace(invoice, kind=CREDIT_NOTE, invoice_id=credit_note_id("S1", DE, "2026-10", r)))
    assert [chain_position(d) for d in documents] == list(range(1, 2 * revisions + 1))
