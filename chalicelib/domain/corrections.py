"""Correcting a closed month's invoice (DESIGN section 7, "Corrections"): never edit, credit and reissue.

The documents of one seller, marketplace and month form a chain: the invoice
`INV-<seller>-<marketplace>-<M>` (revision 1), then for each correction the credit note
`CN-...-<M>-<n>` crediting revision n in full (every amount negated) and the revised
invoice `INV-...-<M>-<n+1>` that replaces it. Only the last revision is current; the
ones before it are credited. A correction is due when the invoice computed now differs
from the current one in its lines or totals; otherwise nothing is issued.
"""
from copy import replace
from decimal import Decimal
from typing import Any

from msgspec import Struct

from chalicelib.domain.billing import Invoice, InvoiceLine, invoice_id_for
from chalicelib.domain.money import Money
from chalicelib.domain.tax import Tax
from chalicelib.domain.wire import JsonObject

INVOICE, CREDIT_NOTE = "invoice", "credit_note"
ISSUED, CREDITED = "issued", "credited"


def revision_id(seller_id: str, marketplace_id: str, month: str, revision: int) -> str:
    """Revision 1 keeps the plain invoice id; revision r >= 2 is `INV-...-<M>-<r>`."""
    plain = invoice_id_for(seller_id, marketplace_id, month)
    return plain if revision == 1 else f"{plain}-{revision}"


def credit_note_id(seller_id: str, marketplace_id: str, month: str, number: int) -> str:
    """`CN-<seller>-<marketplace>-<M>-<n>`: credit note n credits revision n."""
    return f"CN-{seller_id}-{marketplace_id}-{month}-{number}"


class InvoiceDocument(Struct, frozen=True):
    """An invoice or credit note as issued, with its status: issued, or credited by a later credit note."""

    invoice: Invoice
    status: str = ISSUED

    @property
    def invoice_id(self) -> str:
        return self.invoice.invoice_id

    def to_wire(self) -> dict[str, Any]:
        return {**self.invoice.to_wire(), "status": self.status}


class Correction(Struct, frozen=True):
    credit_note: Invoice
    revised: Invoice


def correction(current: Invoice, revision: int, recomputed: Invoice) -> Correction | None:
    """The credit note and revised invoice that correct `current` (revision `revision`), or None if unchanged."""
    if _figures(current) == _figures(recomputed):
        return None
    ids = (current.seller_id, current.marketplace_id, current.month)
    credit_note = replace(_negated(current), invoice_id=credit_note_id(*ids, revision), kind=CREDIT_NOTE,
                          credits=current.invoice_id, replaces=None)
    revised = replace(recomputed, invoice_id=revision_id(*ids, revision + 1), replaces=current.invoice_id)
    return Correction(credit_note, revised)


def chain_position(document: Invoice) -> int:
    """Where a document sits in its month's chain: INV 1, CN-1 2, INV-2 3, CN-2 4, ... (newest is highest)."""
    if document.kind == CREDIT_NOTE:
        return 2 * int(document.invoice_id.rsplit("-", 1)[1])
    plain = invoice_id_for(document.seller_id, document.marketplace_id, document.month)
    revision = 1 if document.invoice_id == plain else int(document.invoice_id[len(plain) + 1:])
    return 2 * revision - 1


def _figures(invoice: Invoice) -> JsonObject:
    wire = invoice.to_wire()
    return {k: wire[k] for k in ("currency", "policy_version", "lines", "subtotal", "tax", "total")}


def _negated(invoice: Invoice) -> Invoice:
    lines = tuple(replace(line, amount=_minus(line.amount)) for line in invoice.lines)
    tax = Tax(invoice.tax.rate, _minus(invoice.tax.amount), invoice.tax.reverse_charge)
    return replace(invoice, lines=lines, subtotal=_minus(invoice.subtotal), tax=tax, total=_minus(invoice.total))


def _minus(money: Money) -> Money:
    return Money(-money.minor, money.currency)


def invoice_from_wire(body: JsonObject) -> Invoice:
    """An invoice (or credit note) back from its stored wire body."""
    currency = body["currency"]
    lines = tuple(InvoiceLine(line["kind"], line["rule"], line["units"], Decimal(line["rate"]),
                              _money_in(currency, line["amount"])) for line in body["lines"])
    tax = Tax(Decimal(body["tax"]["rate"]), _money_in(currency, body["tax"]["amount"]), body["tax"]["reverse_charge"])
    return Invoice(body["invoice_id"], body["seller_id"], body["marketplace_id"], body["month"],
                   body["policy_version"], currency, body.get("tier"), lines, _money_in(currency, body["subtotal"]),
                   tax, _money_in(currency, body["total"]), body.get("kind", INVOICE), body.get("replaces"),
                   body.get("credits"))


def _money_in(currency: str, wire: JsonObject) -> Money:
    return Money.parse(wire["amount"], currency)
