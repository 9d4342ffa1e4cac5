"""Tax on the CSBA fee by the seller's residence and VAT registration."""
from datetime import date
from decimal import Decimal

import pytest
from stdnum.eu import vat

from chalicelib.domain.money import Money
from chalicelib.domain.tax import EU_STANDARD_RATES, standard_rate, tax_on, tax_rule, vat_id_is_valid, vat_id_problem

JUNE_2026 = date(2026, 6, 1)
GERMAN_VAT_ID = "DE136695976"


@pytest.mark.parametrize("country, vat_id_valid, rate, reverse_charge", [
    ("DE", False, "0.19", False), ("FR", False, "0.20", False), ("IT", False, "0.22", False),
    ("ES", False, "0.21", False), ("NL", False, "0.21", False), ("AT", False, "0.20", False),
    ("HU", False, "0.27", False), ("GR", False, "0.24", False), ("de", False, "0.19", False),
    ("DE", True, "0", True), ("FR", True, "0", True),
    ("GB", False, "0.20", False), ("UK", False, "0.20", False), ("GB", True, "0.20", False),
    ("JP", False, "0.10", False), ("CN", False, "0", False), ("US", True, "0", False), ("CH", False, "0", False),
])  # fmt: skip
def test_the_rate_follows_residence_and_vat_registration(country, vat_id_valid, rate, reverse_charge):
    # Given / When
    rule = tax_rule(country, vat_id_valid, JUNE_2026)
    # Then
    assert (rule.rate, rule.reverse_charge) == (Decimal(rate), reverse_charge)


def test_the_table_holds_the_27_member_states_that_stdnum_checks():
    # Given / When / Then
    assert len(EU_STANDARD_RATES) == 27
    assert {c.lower() for c in EU_STANDARD_RATES} == set(vat.MEMBER_STATES) - {"xi"}


@pytest.mark.parametrize("country, day, rate", [
    ("EE", date(2023, 12, 1), "0.20"), ("EE", date(2024, 1, 1), "0.22"), ("EE", date(2025, 7, 1), "0.24"),
    ("FI", date(2024, 8, 1), "0.24"), ("FI", date(2024, 9, 1), "0.255"),
    ("LU", date(2022, 12, 1), "0.17"), ("LU", date(2023, 6, 1), "0.16"), ("LU", date(2024, 1, 1), "0.17"),
    ("SK", date(2024, 12, 1), "0.20"), ("SK", date(2025, 1, 1), "0.23"),
    ("RO", date(2025, 7, 1), "0.19"), ("RO", date(2025, 8, 1), "0.21"), ("DE", date(2021, 11, 1), "0.19"),
])  # fmt: skip
def test_re_billing_an_old_month_uses_the_rate_of_that_month(country, day, rate):
    # Given / When / Then
    assert standard_rate(country, day) == Decimal(rate)


@pytest.mark.parametrize("amount, country, tax", [
    (Money(50, "EUR"), "DE", Money(10, "EUR")),  # 0.50 x 0.19 = 0.095 -> 0.10
    (Money(65, "JPY"), "JP", Money(7, "JPY")),  # 65 x 0.10 = 6.5 -> 7
    (Money(4100, "EUR"), "CN", Money(0, "EUR")),
])  # fmt: skip
def test_tax_is_rounded_half_up_to_the_minor_unit(amount, country, tax):
    # Given / When
    result = tax_on(amount, country, False, JUNE_2026)
    # Then
    assert result.amount == tax


def test_the_german_example_number_is_valid_for_stdnum():
    # Given / When / Then
    assert vat.is_valid(GERMAN_VAT_ID)


@pytest.mark.parametrize("country, vat_id, valid", [
    ("DE", GERMAN_VAT_ID, True), ("DE", "DE 136 695 976", True), ("DE", "de136695976", True),
    ("GR", "EL094259216", True), ("AT", "ATU13585627", True),
    ("DE", "DE136695977", False),  # wrong check digit
    ("DE", "DE13669597", False),  # too short
    ("DE", "136695976", False),  # no country prefix
    ("FR", GERMAN_VAT_ID, False),  # another country's id
    ("GB", "GB980780684", False),  # outside the EU the id plays no part
    ("CN", GERMAN_VAT_ID, False), ("DE", None, False), ("DE", "", False), ("DE", "not a vat id", False),
])  # fmt: skip
def test_a_vat_id_counts_only_with_a_valid_check_digit_and_the_residence_prefix(country, vat_id, valid):
    # Given / When / Then
    assert vat_id_is_valid(country, vat_id) is valid


@pytest.mark.parametrize("country, vat_id, problem", [
    ("DE", "DE136695976", None),
    ("DE", None, None),
    ("DE", "DE136695977", "the check digit does not match"),
    ("DE", "DE1366", "the id has the wrong length"),
    ("DE", "FR40303265045", "the id must be one of the country of residence, starting with DE"),
    ("GR", "EL094259216", None),
    ("CN", "DE136695976", "a VAT id counts only for sellers resident in the EU; residence CN is taxed without one"),
])
def test_the_profile_says_why_a_vat_id_was_not_accepted(country, vat_id, problem):
    # Given / When / Then: a problem exactly when the id is given and not valid
    assert vat_id_problem(country, vat_id) == problem
    assert vat_id_is_valid(country, vat_id) == (vat_id is not None and problem is None)
