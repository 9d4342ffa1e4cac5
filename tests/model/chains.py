"""A month's documents after corrections (DESIGN section 7), checked against the model's invoice.

The current revision (the one invoice still "issued") must equal the model's invoice of the
whole history; every credit note credits one earlier revision in full (its lines and totals
negated), so the credit notes net the previous revisions to zero; the chain is linked by
`replaces` and `credits`; a month the model does not bill has no document at all.
"""
from decimal import Decimal

from tests.model.compare import differences, invoice_view


def amount(money: dict) -> Decimal:
    return Decimal(money["amount"])


def negated(money: dict) -> dict:
    return {"amount": str(-amount(money) + 0), "currency": money["currency"]}


def chain_differences(documents: list[dict], expected: dict | None, where: str) -> list[str]:
    if expected is None:
        return [f"{where}: app {[d['invoice_id'] for d in documents]}, model no invoice"] if documents else []
    plain = expected["invoice_id"]
    invoices = {d["invoice_id"]: d for d in documents if d.get("kind", "invoice") == "invoice"}
    notes = [d for d in documents if d.get("kind") == "credit_note"]
    revisions = [plain] + [f"{plain}-{r}" for r in range(2, len(invoices) + 1)]
    if sorted(invoices) != sorted(revisions) or len(notes) != len(revisions) - 1:
        return [f"{where}: app documents {sorted(d['invoice_id'] for d in documents)}"]
    current = invoices[revisions[-1]]
    found = differences(invoice_view({**current, "invoice_id": plain}), expected, f"{where} current revision")
    found += [] if current.get("status") == "issued" and current.get("replaces") == (
        revisions[-2] if len(revisions) > 1 else None) else [f"{where}: current {current.get('status')}, "
                                                              f"replaces {current.get('replaces')}"]
    for n, credited_id in enumerate(revisions[:-1], 1):
        found += _credit_note_differences(notes, invoices[credited_id], n, f"{where} CN-{n}")
    net = sum(amount(d["total"]) for d in documents)
    return found + ([] if net == amount(expected["total"]) else [f"{where}: documents net {net}, model total "
                                                                  f"{expected['total']['amount']}"])


def _credit_note_differences(notes: list[dict], credited: dict, n: int, where: str) -> list[str]:
    note = next((d for d in notes if d["invoice_id"].endswith(f"-{n}") and d.get("credits") == credited["invoice_id"]),
                None)
    if note is None or credited.get("status") != "credited":
        return [f"{where}: no credit note for {credited['invoice_id']} ({credited.get('status')})"]
    wanted = {"lines": [{**line, "amount": negated(line["amount"])} for line in credited["lines"]],
              "subtotal": negated(credited["subtotal"]), "total": negated(credited["total"])}
    return differences({k: note[k] for k in wanted}, wanted, where)
