"""A seller's month as the report shows it (DESIGN sections 6 and 8): rates, health, windows.

Rates are exact fractions (`Fraction`) rounded half-up on the wire (4 places, minutes 1), None when
nothing was measured. Preventable contacts are per unit shipped (seed 004: "divided by the
number of items you shipped"). Health judges the exact rate; a null rate has no colour
and `overall` is the worst of the colours there are.
"""
from decimal import Decimal
from fractions import Fraction
from math import floor

COUNT_NAMES = ("csba_orders", "units_shipped", "units_shipped_trial", "shipments", "shipments_valid_tracking",
               "returns", "returns_prepaid_label", "contacts", "contacts_preventable", "responses",
               "responses_within_24h", "response_minutes_total", "survey_answers", "survey_no",
               "seller_contacts", "seller_replies", "seller_replies_within_24h")
# rate -> (numerator, denominator, places on the wire, higher is better)
RATES = {
    "valid_tracking_rate": ("shipments_valid_tracking", "shipments", 4, True),
    "prepaid_return_label_rate": ("returns_prepaid_label", "returns", 4, True),
    "contacts_per_unit": ("contacts", "units_shipped", 4, False),
    "preventable_contact_rate": ("contacts_preventable", "units_shipped", 4, False),
    "answered_within_24h_rate": ("responses_within_24h", "responses", 4, True),
    "dissatisfaction_rate": ("survey_no", "survey_answers", 4, False),
    "average_response_minutes": ("response_minutes_total", "responses", 1, False),
    "seller_answered_within_24h_rate": ("seller_replies_within_24h", "seller_contacts", 4, True),
}
P = Fraction
# metric -> (is green, is yellow); red otherwise
HEALTH = {
    "answered_within_24h_rate": (lambda r: r >= P("0.90"), lambda r: r >= P("0.80")),
    "dissatisfaction_rate": (lambda r: r < P("0.25"), lambda r: r < P("0.35")),
    "valid_tracking_rate": (lambda r: r >= P("0.95"), lambda r: r >= P("0.90")),
    "preventable_contact_rate": (lambda r: r <= P("0.01"), lambda r: r <= P("0.03")),
    "seller_answered_within_24h_rate": (lambda r: r >= P("0.90"), lambda r: r >= P("0.80")),  # as CSBA's
}
WORST_FIRST = ("red", "yellow", "green")


def rounded(value: Fraction | None, places: int) -> Decimal | None:
    """A non-negative exact value rounded half-up to `places` decimals."""
    return None if value is None else Decimal(floor(value * 10**places + Fraction(1, 2))).scaleb(-places)


def fraction(numerator: int, denominator: int) -> Fraction | None:
    return Fraction(numerator, denominator) if denominator else None


def exact_rates(counts: dict) -> dict:
    return {name: fraction(counts[num], counts[den]) for name, (num, den, _, _) in RATES.items()}


def wire_rates(counts: dict) -> dict:
    return {name: rounded(value, RATES[name][2]) for name, value in exact_rates(counts).items()}


def health(counts: dict) -> dict:
    rates, colours = exact_rates(counts), {}
    for metric, (green, yellow) in HEALTH.items():
        rate = rates[metric]
        colours[metric] = None if rate is None else "green" if green(rate) else "yellow" if yellow(rate) else "red"
    present = [c for c in colours.values() if c]
    colours["overall"] = next((c for c in WORST_FIRST if c in present), None)
    return colours


def tier(contacts: int, units: int):
    """The CPU tier 1..4 of a window; None ("not enough data") below 30 units."""
    if units < 30:
        return None
    percent = 100 * contacts  # CPU <= n% is 100 x contacts <= n x units, in whole numbers
    return 1 if percent <= 5 * units else 2 if percent <= 15 * units else 3 if percent <= 30 * units else 4
