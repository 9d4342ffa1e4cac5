"""The invoice of a closed seller-month (DESIGN sections 2 and 7), as the wire shows it.

Month M is billed under the policy in force on its first day (2021-11, the program's first
month, under 2021-11). Tier from CPU over M-3..M-1; fee = units shipped in M x the tier
rate; units of orders placed in the trial are waived; then the first of these takes off
the rest: fewer than 30 CSBA orders over M-2..M (2026-05), a measured CPU below 3% (2026-05),
both rates >= 95% in M with CPU <= 5% (2021-11: free), else with both rates met a discount
per tier (2021-11). A rate with nothing to measure does not hold a reward back. Tax by
residence and VAT id. Each amount is rounded half-up to the currency's minor unit.
"""
from decimal import ROUND_HALF_UP, Decimal

from stdnum.eu import vat

from tests.model.policy_data import EU_STANDARD_RATES, FEE_CARDS, MARKETPLACES, OTHER_RATES, REWARD_DISCOUNTS


def money(value: Decimal, currency: str) -> Decimal:
    digits = 0 if currency == "JPY" else 2
    return value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def wire(value: Decimal, currency: str) -> dict:
    return {"amount": str(money(value, currency) + 0), "currency": currency}  # + 0: no "-0.00"


def vat_id_accepted(country: str, vat_id: str | None) -> bool:
    """An EU resident's id of its own country with a valid format and check digit (python-stdnum)."""
    prefix = "EL" if country == "GR" else country
    return country in EU_STANDARD_RATES and bool(vat_id) and vat_id.upper().startswith(prefix) and vat.is_valid(vat_id)


def tax_rule(country: str, vat_id: str | None) -> tuple[Decimal, bool]:
    """(rate, reverse charge) on the fee for a seller resident in `country`."""
    if country in EU_STANDARD_RATES:
        return (Decimal(0), True) if vat_id_accepted(country, vat_id) else (EU_STANDARD_RATES[country], False)
    return OTHER_RATES.get(country, Decimal(0)), False


def rewarded(month: dict) -> bool:
    """Policy 2021-11: valid tracking and prepaid return labels both >= 95% in M (nothing measured: met)."""
    c = month["counts"]
    return 100 * c["shipments_valid_tracking"] >= 95 * c["shipments"] and \
        100 * c["returns_prepaid_label"] >= 95 * c["returns"]


def reduction(month: dict, tier: int | None) -> tuple[str, str] | None:
    """(kind, rule) of the one reduction of what the trial leaves, if any."""
    if month["policy"] == "2026-05":
        if month["orders_m2_m"] < 30:
            return "waiver", "fewer_than_30_orders"
        if tier is not None and 100 * month["prior_contacts"] < 3 * month["prior_units"]:
            return "waiver", "cpu_below_3_percent"
        return None
    if not rewarded(month):
        return None
    return ("waiver", "rewards_free") if tier == 1 else ("discount", "rewards_discount")


def invoice(seller: dict, month: dict) -> dict:
    """`month`: seller_id, marketplace_id, month, policy, counts (M), prior_contacts/units (M-3..M-1), orders_m2_m."""
    market, c = month["marketplace_id"], month["counts"]
    currency, tier = MARKETPLACES[market][1], month["tier"]
    rate = FEE_CARDS[market][(tier or 5) - 1]
    fee = money(c["units_shipped"] * rate, currency)
    lines = [{"kind": "fee", "rule": f"tier_{tier}" if tier else "not_enough_data", "units": c["units_shipped"],
              "rate": rate, "amount": fee}]
    trial_off = money(c["units_shipped_trial"] * rate, currency)
    if c["units_shipped_trial"]:
        lines.append({"kind": "waiver", "rule": "trial_units", "units": c["units_shipped_trial"], "rate": rate,
                      "amount": -trial_off})
    rest, rest_units = fee - trial_off, c["units_shipped"] - c["units_shipped_trial"]
    kind_rule = reduction(month, tier)
    if kind_rule and rest_units:
        share = Decimal(1) if kind_rule[0] == "waiver" else REWARD_DISCOUNTS[tier]
        lines.append({"kind": kind_rule[0], "rule": kind_rule[1], "units": rest_units,
                      "rate": rate if kind_rule[0] == "waiver" else share, "amount": -money(rest * share, currency)})
    subtotal = sum(line["amount"] for line in lines)
    tax_rate, reverse = tax_rule(seller["country"], seller["vat_id"])
    tax = money(subtotal * tax_rate, currency)
    return {
        "invoice_id": f"INV-{month['seller_id']}-{market}-{month['month']}", "seller_id": month["seller_id"],
        "marketplace_id": market, "month": month["month"], "policy_version": month["policy"],
        "currency": currency, "tier": tier,
        "lines": [{**line, "amount": wire(line["amount"], currency)} for line in lines],
        "subtotal": wire(subtotal, currency), "tax": {"rate": tax_rate, "amount": wire(tax, currency),
                                                      "reverse_charge": reverse},
        "total": wire(subtotal + tax, currency),
    }
