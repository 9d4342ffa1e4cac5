"""The monthly invoice rule: invoices worked out by hand, properties, policy data."""
from copy import replace
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.billing import (
    DISCOUNT,
    FEE,
    WAIVER,
    InvoiceInput,
    compute_invoice,
    invoice_id_for,
    tier_for,
)
from chalicelib.domain.errors import InvalidInput, UnknownMarketplace
from chalicelib.domain.marketplaces import MARKETPLACES
from chalicelib.domain.money import minor_digits
from chalicelib.domain.policy import POLICIES, PROGRAM_START, policy_for_month, policy_in_force

DE, UK, JP = "A1PA6795UKMFR9", "A1F83G8C2ARO7P", "A1VC38T7YXB528"
REVERSE_CHARGE = ("0", "0.00", True)

# A DE seller in June 2026 (policy 2026-05): 100 units, CPU 10/100 = 10% (tier 2),
# 100 orders, perfect tracking and labels, German resident with a valid VAT id.
BASE = InvoiceInput(
    seller_id="S1", marketplace_id=DE, month="2026-06", units_shipped=100, trial_units=0,
    csba_orders_last_3_months=100, prior_contacts=10, prior_units=100, shipments=100,
    shipments_valid_tracking=100, returns=10, returns_prepaid_label=10,
    residence_country="DE", vat_id_valid=True,
)  # fmt: skip
REWARDS_MONTH = dict(month="2025-06")  # policy 2021-11, rewards rates met by BASE


def row(sentence, overrides, policy, lines, tax, total):
    return pytest.param(overrides, policy, lines, tax, total, id=sentence)


HAND_WORKED = [
    # 2026-05 -------------------------------------------------------------------------------
    row("a tier-2 seller pays 0.41 per unit", {}, "2026-05",
        [("tier_2", "41.00")], REVERSE_CHARGE, "41.00"),  # 100 x 0.41 = 41.00
    row("a CPU of exactly 5% is tier 1", dict(prior_contacts=5), "2026-05",
        [("tier_1", "9.00")], REVERSE_CHARGE, "9.00"),  # 5/100 <= 5%; 100 x 0.09; 5% is not < 3%
    row("a CPU of exactly 15% is still tier 2", dict(prior_contacts=15), "2026-05",
        [("tier_2", "41.00")], REVERSE_CHARGE, "41.00"),  # 15/100 <= 15%; 100 x 0.41
    row("a CPU just above 15% is tier 3", dict(prior_contacts=16), "2026-05",
        [("tier_3", "109.00")], REVERSE_CHARGE, "109.00"),  # 16/100 > 15%; 100 x 1.09
    row("a CPU of exactly 30% is still tier 3", dict(prior_contacts=30), "2026-05",
        [("tier_3", "109.00")], REVERSE_CHARGE, "109.00"),  # 30/100 <= 30%; 100 x 1.09
    row("a CPU above 30% is tier 4", dict(prior_contacts=31), "2026-05",
        [("tier_4", "255.00")], REVERSE_CHARGE, "255.00"),  # 31/100 > 30%; 100 x 2.55
    row("29 prior units is not enough data: the tier-2 rate, and no CPU waiver",
        dict(prior_contacts=0, prior_units=29), "2026-05",
        [("not_enough_data", "41.00")], REVERSE_CHARGE, "41.00"),  # 100 x 0.41
    row("30 prior units with no contact is a CPU below 3%: free",
        dict(prior_contacts=0, prior_units=30), "2026-05",
        [("tier_1", "9.00"), ("cpu_below_3_percent", "-9.00")], REVERSE_CHARGE, "0.00"),  # 9.00 - 9.00
    row("a CPU of exactly 3% is not below 3%", dict(prior_contacts=3), "2026-05",
        [("tier_1", "9.00")], REVERSE_CHARGE, "9.00"),  # 3/100 = 3%, not < 3%
    row("29 orders over three months: free", dict(csba_orders_last_3_months=29), "2026-05",
        [("tier_2", "41.00"), ("fewer_than_30_orders", "-41.00")], REVERSE_CHARGE, "0.00"),
    row("30 orders over three months: pays", dict(csba_orders_last_3_months=30), "2026-05",
        [("tier_2", "41.00")], REVERSE_CHARGE, "41.00"),
    row("units of orders placed in the trial are free, the others pay", dict(trial_units=40), "2026-05",
        [("tier_2", "41.00"), ("trial_units", "-16.40")], REVERSE_CHARGE, "24.60"),  # 40 x 0.41 = 16.40
    row("every unit in the trial: nothing to pay", dict(trial_units=100), "2026-05",
        [("tier_2", "41.00"), ("trial_units", "-41.00")], REVERSE_CHARGE, "0.00"),
    row("trial units and fewer than 30 orders: two waivers",
        dict(units_shipped=10, trial_units=4, csba_orders_last_3_months=20), "2026-05",
        [("tier_2", "4.10"), ("trial_units", "-1.64"), ("fewer_than_30_orders", "-2.46")],
        REVERSE_CHARGE, "0.00"),  # 10 x 0.41 = 4.10; 4 x 0.41 = 1.64; rest 4.10 - 1.64 = 2.46
    row("a German resident without a valid VAT id pays 19%", dict(vat_id_valid=False), "2026-05",
        [("tier_2", "41.00")], ("0.19", "7.79", False), "48.79"),  # 41.00 x 0.19 = 7.79
    row("a UK resident pays 20% on a German fee", dict(residence_country="GB", vat_id_valid=False), "2026-05",
        [("tier_2", "41.00")], ("0.20", "8.20", False), "49.20"),  # 41.00 x 0.20 = 8.20
    row("a Japanese resident pays 10%", dict(residence_country="JP", vat_id_valid=False), "2026-05",
        [("tier_2", "41.00")], ("0.10", "4.10", False), "45.10"),  # 41.00 x 0.10 = 4.10
    row("a Chinese resident pays no tax", dict(residence_country="CN", vat_id_valid=False), "2026-05",
        [("tier_2", "41.00")], ("0", "0.00", False), "41.00"),
    row("a French resident without VAT id pays French VAT, rounded half-up",
        dict(residence_country="FR", vat_id_valid=False, units_shipped=7, prior_contacts=20), "2026-05",
        [("tier_3", "7.63")], ("0.20", "1.53", False), "9.16"),  # 7 x 1.09 = 7.63; x 0.20 = 1.526 -> 1.53
    row("yen have no minor unit: tax rounds half-up to the yen",
        dict(marketplace_id=JP, units_shipped=1, residence_country="JP"), "2026-05",
        [("tier_2", "65")], ("0.10", "7", False), "72"),  # 1 x 65 = 65; x 0.10 = 6.5 -> 7
    row("a UK marketplace fee is in pounds", dict(marketplace_id=UK, units_shipped=10, residence_country="GB"),
        "2026-05", [("tier_2", "3.60")], ("0.20", "0.72", False), "4.32"),  # 10 x 0.36; x 0.20
    # 2021-11 (rewards) -----------------------------------------------------------------------
    row("rewards at exactly 95% with a CPU of 5%: free",
        dict(REWARDS_MONTH, prior_contacts=5, shipments_valid_tracking=95, returns=20, returns_prepaid_label=19),
        "2021-11", [("tier_1", "9.00"), ("rewards_free", "-9.00")], REVERSE_CHARGE, "0.00"),  # 95/100, 19/20
    row("valid tracking just below 95%: no reward",
        dict(REWARDS_MONTH, prior_contacts=5, shipments=1000, shipments_valid_tracking=949), "2021-11",
        [("tier_1", "9.00")], REVERSE_CHARGE, "9.00"),  # 949/1000 = 94.9%
    row("prepaid labels just below 95%: no reward",
        dict(REWARDS_MONTH, prior_contacts=5, returns=200, returns_prepaid_label=189), "2021-11",
        [("tier_1", "9.00")], REVERSE_CHARGE, "9.00"),  # 189/200 = 94.5%
    row("rewards in tier 2 take 50% off", dict(REWARDS_MONTH), "2021-11",
        [("tier_2", "41.00"), ("rewards_discount", "-20.50")], REVERSE_CHARGE, "20.50"),  # 41.00 x 0.50
    row("rewards in tier 3 take 30% off, rounded half-up",
        dict(REWARDS_MONTH, units_shipped=5, prior_contacts=30), "2021-11",
        [("tier_3", "5.45"), ("rewards_discount", "-1.64")], REVERSE_CHARGE, "3.81"),  # 5.45 x 0.30 = 1.635
    row("rewards in tier 4 take 15% off", dict(REWARDS_MONTH, prior_contacts=40), "2021-11",
        [("tier_4", "255.00"), ("rewards_discount", "-38.25")], REVERSE_CHARGE, "216.75"),  # 255 x 0.15
    row("rewards with not enough data: the tier-2 discount, never free",
        dict(REWARDS_MONTH, prior_contacts=0, prior_units=29), "2021-11",
        [("not_enough_data", "41.00"), ("rewards_discount", "-20.50")], REVERSE_CHARGE, "20.50"),
    row("rewards with no return in the month: the label rate does not disqualify",
        dict(REWARDS_MONTH, prior_contacts=0, returns=0, returns_prepaid_label=0), "2021-11",
        [("tier_1", "9.00"), ("rewards_free", "-9.00")], REVERSE_CHARGE, "0.00"),
    row("before 2026-05, few orders and a low CPU earn nothing without rewards",
        dict(REWARDS_MONTH, csba_orders_last_3_months=5, prior_contacts=0, shipments_valid_tracking=0),
        "2021-11", [("tier_1", "9.00")], REVERSE_CHARGE, "9.00"),
    row("rewards discount the units left after the trial; VAT on the rest",
        dict(REWARDS_MONTH, trial_units=40, vat_id_valid=False), "2021-11",
        [("tier_2", "41.00"), ("trial_units", "-16.40"), ("rewards_discount", "-12.30")],
        ("0.19", "2.34", False), "14.64"),  # rest 24.60 x 0.50 = 12.30; 12.30 x 0.19 = 2.337 -> 2.34
    row("yen rewards discount rounds half-up",
        dict(REWARDS_MONTH, marketplace_id=JP, units_shipped=3, residence_country="JP"), "2021-11",
        [("tier_2", "195"), ("rewards_discount", "-98")], ("0.10", "10", False), "107"),
    # 3 x 65 = 195; x 0.50 = 97.5 -> 98; 195 - 98 = 97; x 0.10 = 9.7 -> 10; 97 + 10 = 107
    row("April 2026 is billed under 2021-11: 29 orders pay",
        dict(month="2026-04", csba_orders_last_3_months=29, shipments_valid_tracking=0), "2021-11",
        [("tier_2", "41.00")], REVERSE_CHARGE, "41.00"),
    row("May 2026 is billed under 2026-05: 29 orders are free",
        dict(month="2026-05", csba_orders_last_3_months=29, shipments_valid_tracking=0), "2026-05",
        [("tier_2", "41.00"), ("fewer_than_30_orders", "-41.00")], REVERSE_CHARGE, "0.00"),
    row("the program's first month is billed under 2021-11", dict(month="2021-11"), "2021-11",
        [("tier_2", "41.00"), ("rewards_discount", "-20.50")], REVERSE_CHARGE, "20.50"),
]  # fmt: skip


@pytest.mark.parametrize("overrides, policy, lines, tax, total", HAND_WORKED)
def test_invoice_worked_out_by_hand(overrides, policy, lines, tax, total):
    # Given
    figures = replace(BASE, **overrides)
    # When
    wire = compute_invoice(figures).to_wire()
    # Then
    assert wire["policy_version"] == policy
    assert [(line["rule"], line["amount"]["amount"]) for line in wire["lines"]] == lines
    assert (wire["tax"]["rate"], wire["tax"]["amount"]["amount"], wire["tax"]["reverse_charge"]) == tax
    assert wire["total"]["amount"] == total


def test_invoice_body_is_the_contract_of_design_section_8():
    # Given
    figures = replace(BASE, trial_units=40, vat_id_valid=False)
    # When
    wire = compute_invoice(figures).to_wire()
    # Then
    assert wire["invoice_id"] == "INV-S1-A1PA6795UKMFR9-2026-06" == invoice_id_for("S1", DE, "2026-06")
    assert {"seller_id": "S1", "marketplace_id": DE, "month": "2026-06", "currency": "EUR", "tier": 2}.items() <= wire.items()
    assert wire["lines"][1] == {"kind": "waiver", "rule": "trial_units", "units": 40, "rate": "0.41",
                                "amount": {"amount": "-16.40", "currency": "EUR"}}  # fmt: skip
    assert wire["subtotal"] == {"amount": "24.60", "currency": "EUR"}
    assert wire["tax"] == {"rate": "0.19", "amount": {"amount": "4.67", "currency": "EUR"}, "reverse_charge": False}


def test_a_rewards_discount_is_a_discount_line_with_its_share_as_rate():
    # Given
    figures = replace(BASE, **REWARDS_MONTH)
    # When
    lines = compute_invoice(figures).lines
    # Then
    assert [(line.kind, line.units, line.rate) for line in lines] == [(FEE, 100, Decimal("0.41")), (DISCOUNT, 100, Decimal("0.50"))]


@pytest.mark.parametrize("contacts, units, tier", [
    (0, 29, None), (0, 30, 1), (5, 100, 1), (6, 100, 2), (15, 100, 2),
    (16, 100, 3), (30, 100, 3), (31, 100, 4), (1000, 100, 4),
])  # fmt: skip
def test_the_tier_follows_contacts_per_unit_with_enough_units(contacts, units, tier):
    # Given / When / Then
    assert tier_for(contacts, units) == tier


@pytest.mark.parametrize("overrides, error", [
    (dict(trial_units=101), InvalidInput), (dict(prior_contacts=-1), InvalidInput),
    (dict(shipments_valid_tracking=101), InvalidInput), (dict(returns_prepaid_label=11), InvalidInput),
    (dict(month="2026-6"), InvalidInput), (dict(month="2021-10"), InvalidInput),
    (dict(residence_country="DEU"), InvalidInput), (dict(marketplace_id="A2EUQ1WTGCTBG2"), UnknownMarketplace),
])  # fmt: skip
def test_inconsistent_figures_are_refused(overrides, error):
    # Given / When / Then
    with pytest.raises(error):
        replace(BASE, **overrides)


# Properties -----------------------------------------------------------------------------------
MONTHS = [f"{y}-{m:02d}" for y in range(2021, 2028) for m in range(1, 13) if (y, m) >= (2021, 11)]


@st.composite
def invoice_inputs(draw):
    units, prior_units, shipments, returns = (draw(st.integers(0, 10**6)) for _ in range(4))
    return InvoiceInput(
        draw(st.sampled_from(["S1", "seller-42"])), draw(st.sampled_from(sorted(MARKETPLACES))),
        draw(st.sampled_from(MONTHS)), units, draw(st.integers(0, units)), draw(st.integers(0, 100)),
        draw(st.integers(0, 2 * prior_units + 5)), prior_units, shipments, draw(st.integers(0, shipments)),
        returns, draw(st.integers(0, returns)),
        draw(st.sampled_from(["DE", "FR", "GR", "FI", "EE", "LU", "GB", "JP", "CN", "US"])), draw(st.booleans()),
    )  # fmt: skip


@given(invoice_inputs())
def test_total_is_fee_less_waivers_and_discounts_plus_tax(figures):
    # Given / When
    invoice = compute_invoice(figures)
    # Then
    fee, waivers, discounts = invoice.sum_of(FEE), invoice.sum_of(WAIVER), invoice.sum_of(DISCOUNT)
    assert invoice.total.minor == fee.minor + waivers.minor + discounts.minor + invoice.tax.amount.minor
    assert waivers.minor <= 0 and discounts.minor <= 0


@given(invoice_inputs())
def test_nothing_is_ever_negative_but_waivers_and_discounts(figures):
    # Given / When
    invoice = compute_invoice(figures)
    # Then
    assert invoice.total.minor >= 0 and invoice.subtotal.minor >= 0 and invoice.tax.amount.minor >= 0
    assert invoice.sum_of(FEE).minor + invoice.sum_of(WAIVER).minor >= 0


@given(invoice_inputs())
def test_every_amount_is_whole_minor_units_of_the_marketplace_currency(figures):
    # Given
    currency = MARKETPLACES[figures.marketplace_id].currency
    # When
    wire = compute_invoice(figures).to_wire()
    # Then
    amounts = [line["amount"] for line in wire["lines"]] + [wire["subtotal"], wire["tax"]["amount"], wire["total"]]
    for money in amounts:
        assert money["currency"] == currency
        assert Decimal(money["amount"]).as_tuple().exponent == -minor_digits(currency)


@given(invoice_inputs())
def test_billing_a_month_again_gives_the_same_invoice(figures):
    # Given / When / Then
    assert compute_invoice(figures) == compute_invoice(replace(figures))


# Policy data ----------------------------------------------------------------------------------
@pytest.mark.parametrize("day, version", [
    (PROGRAM_START, "2021-11"), (date(2026, 4, 30), "2021-11"), (datetime(2026, 4, 30, 23, 59, 59), "2021-11"),
    (date(2026, 5, 1), "2026-05"), (datetime(2026, 5, 1, 0, 0), "2026-05"),
])  # fmt: skip
def test_the_policy_in_force_changes_on_1_may_2026(day, version):
    # Given / When / Then
    assert policy_in_force(day).version == version


def test_nothing_is_in_force_before_the_program_started():
    # Given / When / Then
    with pytest.raises(InvalidInput):
        policy_in_force(date(2021, 11, 15))


@pytest.mark.parametrize("month, version", [("2021-11", "2021-11"), ("2026-04", "2021-11"), ("2026-05", "2026-05")])
def test_a_month_is_billed_under_the_policy_of_its_first_day(month, version):
    # Given / When / Then
    assert policy_for_month(month).version == version


def test_trials_last_30_days_then_90_days():
    # Given / When / Then
    assert [(p.version, p.trial_days) for p in POLICIES] == [("2021-11", 30), ("2026-05", 90)]


def test_every_policy_has_a_fee_card_in_each_marketplace_currency_and_only_de_is_published():
    # Given / When
    cards = {(p.version, m.marketplace_id): (p.fee_card(m.marketplace_id), m) for p in POLICIES for m in MARKETPLACES.values()}
    # Then
    assert all(card.currency == m.currency for card, m in cards.values())
    assert {m.country for card, m in cards.values() if card.published} == {"DE"}
    assert all(rate == rate.to_integral_value() for card, m in cards.values() if m.currency == "JPY" for rate in card.tier_rates)


def test_the_published_german_card():
    # Given
    card = policy_in_force(date(2026, 5, 1)).fee_card(DE)
    # When / Then
    assert [str(card.rate(t)) for t in (1, 2, 3, 4, None)] == ["0.09", "0.41", "1.09", "2.55", "0.41"]


def test_rewards_discounts_stay_within_the_announced_15_to_50_percent():
    # Given
    rewards = policy_in_force(date(2025, 1, 1)).rewards
    # When / Then
    assert all(Decimal("0.15") <= rewards.discount(t) <= Decimal("0.50") for t in (2, 3, 4, None))
    assert policy_in_force(date(2026, 5, 1)).rewards is None
