"""The monthly CSBA invoice of one seller in one marketplace (DESIGN sections 2 and 7).

The rule, for month M under `policy_for_month(M)`:
- tier from CPU = contacts / units over M-3..M-1 (`tier_for`); fewer than 30
  units is "not enough data", charged and rewarded as tier 2, never free;
- fee line: units shipped in M x the tier rate of the marketplace's card;
- trial waiver: units of orders placed during the trial, at the same rate;
- then at most one reduction of the rest, the first that applies:
  fewer than 30 CSBA orders over M-2..M (2026-05), measured CPU below 3%
  (2026-05), rewards free in tier 1 (2021-11), rewards discount per tier
  (2021-11, on the rest of the fee);
- tax on the subtotal by the seller's residence and VAT id (`tax.tax_rule`).
Every line is rounded once, half-up to the currency's minor unit; a waiver
takes off exactly what is left, so the total is never negative. Reduction
lines are negative and omitted when they cover no unit; the fee line is always there.

Rewards: a rate with nothing to measure (no shipments, or no returns in M)
does not disqualify the seller; "at least 95%" is compared exactly.
"""
import re
from decimal import Decimal

from msgspec import Struct
from msgspec.structs import fields

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.marketplaces import marketplace
from chalicelib.domain.money import Money
from chalicelib.domain.months import first_day
from chalicelib.domain.policy import MIN_UNITS_FOR_CPU, TIER_CEILINGS, PolicyVersion, policy_for_month
from chalicelib.domain.tax import Tax, residence, tax_on
from chalicelib.domain.wire import JsonObject

FEE, WAIVER, DISCOUNT = "fee", "waiver", "discount"
TRIAL_UNITS, FEWER_THAN_30_ORDERS, CPU_BELOW_3_PERCENT = "trial_units", "fewer_than_30_orders", "cpu_below_3_percent"
REWARDS_FREE, REWARDS_DISCOUNT = "rewards_free", "rewards_discount"
_PARTS = (("trial_units", "units_shipped"), ("shipments_valid_tracking", "shipments"), ("returns_prepaid_label", "returns"))


class InvoiceInput(Struct, frozen=True):
    """One seller's figures in one marketplace for month M; InvalidInput when inconsistent."""

    seller_id: str
    marketplace_id: str
    month: str  # YYYY-MM
    units_shipped: int  # CSBA units shipped in M
    trial_units: int  # of those, units of orders placed during the trial
    csba_orders_last_3_months: int  # M-2..M
    prior_contacts: int  # CSBA contacts over M-3..M-1
    prior_units: int  # CSBA units shipped over M-3..M-1
    shipments: int
    shipments_valid_tracking: int
    returns: int
    returns_prepaid_label: int
    residence_country: str  # ISO 3166 alpha-2
    vat_id_valid: bool

    def __post_init__(self) -> None:
        if bad := [n for n in _COUNTS if type(getattr(self, n)) is not int or getattr(self, n) < 0]:
            raise InvalidInput(f"{', '.join(bad)}: must be whole numbers >= 0")
        if bad := [p for p, w in _PARTS if getattr(self, p) > getattr(self, w)]:
            raise InvalidInput(f"{', '.join(bad)}: more than the whole they are part of")
        if not re.fullmatch("[A-Z]{2}", residence(self.residence_country)):
            raise InvalidInput(f"residence {self.residence_country!r} is not an ISO 3166 alpha-2 code")
        policy_for_month(self.month)
        marketplace(self.marketplace_id)


_COUNTS = tuple(f.name for f in fields(InvoiceInput) if f.type is int)  # the whole numbers >= 0


class InvoiceLine(Struct, frozen=True):
    """One line of a month's invoice: the fee of a tier, a waiver or a discount, its units, rate and amount."""

    kind: str  # fee | waiver | discount
    rule: str
    units: int
    rate: Decimal  # per unit for fee and waivers; share of the fee for a discount
    amount: Money  # negative for waivers and discounts

    def to_wire(self) -> JsonObject:
        return {"kind": self.kind, "rule": self.rule, "units": self.units,
                "rate": str(self.rate), "amount": self.amount.to_wire()}  # fmt: skip


class Invoice(Struct, frozen=True):
    """A month's invoice; `to_wire()` is the DESIGN section 8 body (plus `tier`)."""

    invoice_id: str
    seller_id: str
    marketplace_id: str
    month: str
    policy_version: str
    currency: str
    tier: int | None
    lines: tuple[InvoiceLine, ...]
    subtotal: Money
    tax: Tax
    total: Money
    kind: str = "invoice"  # invoice | credit_note (DESIGN section 7, corrections)
    replaces: str | None = None  # a revised invoice: the id of the invoice it replaces
    credits: str | None = None  # a credit note: the id of the invoice it credits in full

    def sum_of(self, kind: str) -> Money:
        """The sum of the lines of one kind (negative for waivers and discounts)."""
        return sum((line.amount for line in self.lines if line.kind == kind), Money.zero(self.currency))

    def to_wire(self) -> JsonObject:
        head = ("invoice_id", "seller_id", "marketplace_id", "month", "policy_version", "currency", "tier")
        link = ({"credit_note_id": self.invoice_id, "credits": self.credits} if self.kind == "credit_note"
                else {"replaces": self.replaces})
        return {**{k: getattr(self, k) for k in head}, "lines": [line.to_wire() for line in self.lines],
                "subtotal": self.subtotal.to_wire(), "tax": self.tax.to_wire(), "total": self.total.to_wire(),
                "kind": self.kind, **link}  # fmt: skip


def invoice_id_for(seller_id: str, marketplace_id: str, month: str) -> str:
    """The deterministic invoice id `INV-<seller>-<marketplace>-<YYYY-MM>`."""
    return f"INV-{seller_id}-{marketplace_id}-{month}"


def tier_for(contacts: int, units: int) -> int | None:
    """The fee tier 1-4 that `contacts` CSBA contacts over `units` CSBA units give; None: not enough data."""
    if contacts < 0 or units < 0:
        raise InvalidInput("contacts and units must be >= 0")
    if units < MIN_UNITS_FOR_CPU:
        return None
    return next((t for t, top in enumerate(TIER_CEILINGS, 1) if contacts <= top * units), len(TIER_CEILINGS) + 1)


def compute_invoice(inp: InvoiceInput) -> Invoice:
    """The invoice of `inp.month`, billed under the policy in force on its first day."""
    policy, currency = policy_for_month(inp.month), marketplace(inp.marketplace_id).currency
    tier = tier_for(inp.prior_contacts, inp.prior_units)
    rate = policy.fee_card(inp.marketplace_id).rate(tier)
    fee = InvoiceLine(FEE, f"tier_{tier}" if tier else "not_enough_data", inp.units_shipped, rate,
                      Money.of(inp.units_shipped * rate, currency))  # fmt: skip
    lines = (fee, *_reductions(inp, policy, tier, fee))
    subtotal = sum((line.amount for line in lines), Money.zero(currency))
    tax = tax_on(subtotal, inp.residence_country, inp.vat_id_valid, first_day(inp.month))
    return Invoice(invoice_id_for(inp.seller_id, inp.marketplace_id, inp.month), inp.seller_id, inp.marketplace_id,
                   inp.month, policy.version, currency, tier, lines, subtotal, tax, subtotal + tax.amount)  # fmt: skip


def _reductions(inp: InvoiceInput, policy: PolicyVersion, tier: int | None, fee: InvoiceLine) -> list[InvoiceLine]:
    """The trial waiver, then at most one waiver or discount of the rest of the fee."""
    trial = _waiver(TRIAL_UNITS, inp.trial_units, fee.rate, Money.of(inp.trial_units * fee.rate, fee.amount.currency))
    rest_units, rest = inp.units_shipped - inp.trial_units, fee.amount + trial.amount
    if rule := _free_rule(inp, policy, tier):
        rest_line = _waiver(rule, rest_units, fee.rate, rest)
    elif policy.rewards is not None and _rewarded(inp, policy):
        share = policy.rewards.discount(tier)
        rest_line = _waiver(REWARDS_DISCOUNT, rest_units, share, Money.of(rest.amount * share, rest.currency), DISCOUNT)
    else:
        rest_line = None
    return [line for line in (trial, rest_line) if line and line.units]


def _waiver(rule: str, units: int, rate: Decimal, amount_off: Money, kind: str = WAIVER) -> InvoiceLine:
    return InvoiceLine(kind, rule, units, rate, Money(-amount_off.minor, amount_off.currency))


def _free_rule(inp: InvoiceInput, policy: PolicyVersion, tier: int | None) -> str | None:
    if policy.free_below_orders is not None and inp.csba_orders_last_3_months < policy.free_below_orders:
        return FEWER_THAN_30_ORDERS
    if policy.free_below_cpu is not None and tier and inp.prior_contacts < policy.free_below_cpu * inp.prior_units:
        return CPU_BELOW_3_PERCENT
    return REWARDS_FREE if tier == 1 and _rewarded(inp, policy) else None


def _rewarded(inp: InvoiceInput, policy: PolicyVersion) -> bool:
    rewards = policy.rewards
    return rewards is not None and (
        inp.shipments_valid_tracking >= rewards.min_valid_tracking_rate * inp.shipments
        and inp.returns_prepaid_label >= rewards.min_prepaid_label_rate * inp.returns
    )

