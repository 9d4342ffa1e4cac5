"""Tax on the CSBA fee, by the seller's residence and VAT registration (DESIGN section 2).

Not by the marketplace: a Chinese seller on amazon.de pays no tax on the fee; a
German one without a valid VAT id pays German VAT whatever the marketplace.

- EU resident with a valid VAT id: reverse charge, 0%, marked as such;
- EU resident without one (absent, or failing format or check digit): the
  country's standard rate on the day (rates change; history below);
- UK resident (`GB`; `UK` is read as `GB`): 20%; JP resident: 10%; others: 0%.

Billing asks for the rate on the first day of the month billed: rate changes
take effect on a month's first day, so that is the rate of the whole month.
"""
from datetime import date
from decimal import Decimal

from msgspec import Struct

from chalicelib.domain.money import Money
from chalicelib.domain.wire import JsonObject

EU_STANDARD_RATES: dict[str, Decimal] = {
    country: Decimal(rate)
    for country, rate in (
        ("AT", "0.20"), ("BE", "0.21"), ("BG", "0.20"), ("CY", "0.19"), ("CZ", "0.21"),
        ("DE", "0.19"), ("DK", "0.25"), ("EE", "0.24"), ("ES", "0.21"), ("FI", "0.255"),
        ("FR", "0.20"), ("GR", "0.24"), ("HR", "0.25"), ("HU", "0.27"), ("IE", "0.23"),
        ("IT", "0.22"), ("LT", "0.21"), ("LU", "0.17"), ("LV", "0.21"), ("MT", "0.18"),
        ("NL", "0.21"), ("PL", "0.23"), ("PT", "0.23"), ("RO", "0.21"), ("SE", "0.25"),
        ("SI", "0.22"), ("SK", "0.23"),
    )
}  # fmt: skip

# Standard rates that changed since the program started: (until, rate before it).
# Known up to the RO change of 2025-08; when a rate changes, move the old one here.
EU_EARLIER_RATES: dict[str, tuple[tuple[date, Decimal], ...]] = {
    "EE": ((date(2024, 1, 1), Decimal("0.20")), (date(2025, 7, 1), Decimal("0.22"))),
    "FI": ((date(2024, 9, 1), Decimal("0.24")),),
    "LU": ((date(2023, 1, 1), Decimal("0.17")), (date(2024, 1, 1), Decimal("0.16"))),
    "RO": ((date(2025, 8, 1), Decimal("0.19")),),
    "SK": ((date(2025, 1, 1), Decimal("0.20")),),
}

OTHER_RATES: dict[str, Decimal] = {"GB": Decimal("0.20"), "JP": Decimal("0.10")}
VAT_PREFIXES = {"GR": ("EL", "GR")}  # Greek ids carry EL (VIES); GR is accepted too


class TaxRule(Struct, frozen=True):
    """The rate on the fee; `reverse_charge` marks the 0% the EU customer self-accounts."""

    rate: Decimal
    reverse_charge: bool = False


class Tax(Struct, frozen=True):
    """The tax on an amount: rate, amount rounded half-up, reverse charge mark."""

    rate: Decimal
    amount: Money
    reverse_charge: bool

    def to_wire(self) -> JsonObject:
        return {"rate": str(self.rate), "amount": self.amount.to_wire(), "reverse_charge": self.reverse_charge}


def residence(country: str) -> str:
    """ISO 3166 alpha-2, upper case; `UK` (as in marketplace names) is read as `GB`."""
    code = country.strip().upper()
    return "GB" if code == "UK" else code


def standard_rate(country: str, on: date) -> Decimal:
    """An EU member state's standard VAT rate on a day."""
    for until, rate in EU_EARLIER_RATES.get(country, ()):
        if on < until:
            return rate
    return EU_STANDARD_RATES[country]


def tax_rule(country: str, vat_id_valid: bool, on: date) -> TaxRule:
    """The tax on the fee for a seller resident in `country` on day `on`."""
    code = residence(country)
    if code in EU_STANDARD_RATES:
        return TaxRule(Decimal("0"), True) if vat_id_valid else TaxRule(standard_rate(code, on))
    return TaxRule(OTHER_RATES.get(code, Decimal("0")))


def tax_on(amount: Money, country: str, vat_id_valid: bool, on: date) -> Tax:
    """The tax on `amount` (the fee) for a seller resident in `country`, on day `on`."""
    rule = tax_rule(country, vat_id_valid, on)
    return Tax(rule.rate, Money.of(amount.amount * rule.rate, amount.currency), rule.reverse_charge)


def vat_id_is_valid(country: str, vat_id: str | None) -> bool:
    """True for an EU VAT id of the residence country with a valid format and check digit.

    The id must carry its country prefix (`EL` for Greece); one of another
    country, or any id of a seller outside the EU, is not valid here: outside
    the EU the id plays no part in the tax. Spaces, dots and dashes are ignored.
    """
    return bool(vat_id) and vat_id_problem(country, vat_id) is None


def vat_id_problem(country: str, vat_id: str | None) -> str | None:
    """Why the seller's VAT id was not accepted (the profile shows it), or None: accepted, or none given."""
    if not vat_id:
        return None
    code = residence(country)
    if code not in EU_STANDARD_RATES:
        return f"a VAT id counts only for sellers resident in the EU; residence {code} is taxed without one"
    # python-stdnum (a few ms of CPU) loads when a VAT id is first checked, not in every function that bills or reports
    from stdnum.eu import vat
    from stdnum.exceptions import ValidationError

    try:
        compact = vat.compact(vat_id)
        prefixes = VAT_PREFIXES.get(code, (code,))
        if compact[:2] not in prefixes:
            return f"the id must be one of the country of residence, starting with {prefixes[0]}"
        vat.validate(compact)
    except ValidationError as error:
        return f"{VAT_PROBLEMS.get(type(error).__name__, 'the id is not valid')}"
    return None


VAT_PROBLEMS = {"InvalidChecksum": "the check digit does not match", "InvalidLength": "the id has the wrong length",
                "InvalidFormat": "the id has the wrong format", "InvalidComponent": "the country prefix is unknown"}
