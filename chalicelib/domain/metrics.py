"""Performance metrics of a seller-month (DESIGN section 6): counters, rates, health.

Rates are exact Decimals, None when nothing was measured (no denominator),
never 0. `rates_for_wire` rounds them half-up (fractions to 4 places, minutes
to 1) and keeps them Decimal: Chalice's serializer turns Decimal into a JSON
number at the very edge, so no float exists in the domain.

Decisions: `preventable_contact_rate` is per unit shipped, as in the source
(seed 004: "preventable contacts divided by the number of items you shipped"),
which is also the scale its 1% / 3% thresholds fit. `seller_answered_within_24h_rate`
is the seller's first replies within 24 hours over the contacts routed to it in the month
(both counted in the contact's month): a contact never answered counts against it. Health is judged on the
exact rate, not the rounded one; a metric with a null rate has the colour
None (the key stays, so the body's shape never changes).
"""
import operator
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Any, Iterable, Mapping

from msgspec import Struct
from msgspec.structs import asdict

from chalicelib.domain.errors import InvalidInput


class MonthCounters(Struct, frozen=True):
    """The integer counters of one seller, marketplace and month."""

    csba_orders: int = 0
    units_shipped: int = 0
    units_shipped_trial: int = 0
    shipments: int = 0
    shipments_valid_tracking: int = 0
    returns: int = 0
    returns_prepaid_label: int = 0
    contacts: int = 0
    contacts_preventable: int = 0
    responses: int = 0
    responses_within_24h: int = 0
    response_minutes_total: int = 0
    survey_answers: int = 0
    survey_no: int = 0
    refunds: int = 0
    refunds_amount_minor: int = 0
    seller_contacts: int = 0  # contacts routed to the seller, and its first replies through the inbox
    seller_replies: int = 0
    seller_replies_within_24h: int = 0

    def __post_init__(self) -> None:
        for name in self.__struct_fields__:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise InvalidInput(f"counter {name} must be a non-negative integer, not {value!r}")

    @classmethod
    def from_mapping(cls, item: Mapping[str, object]) -> "MonthCounters":
        """From a stored item (ints or integral Decimals); missing counters are 0, other keys ignored."""
        return cls(**{name: _from_store(item.get(name, 0)) for name in COUNTER_NAMES})

    def to_mapping(self) -> dict[str, int]:
        return asdict(self)


COUNTER_NAMES: tuple[str, ...] = MonthCounters.__struct_fields__


def _from_store(value: object) -> Any:  # Any: a stored value, checked by MonthCounters itself
    """DynamoDB gives numbers back as Decimal; an integral one becomes int, the rest is refused later."""
    return int(value) if isinstance(value, Decimal) and value == value.to_integral_value() else value


HIGHER, LOWER = "higher_is_better", "lower_is_better"
# rate -> (numerator counter, denominator counter, decimal places on the wire, direction)
RATE_DEFINITIONS: dict[str, tuple[str, str, int, str]] = {
    "valid_tracking_rate": ("shipments_valid_tracking", "shipments", 4, HIGHER),
    "prepaid_return_label_rate": ("returns_prepaid_label", "returns", 4, HIGHER),
    "contacts_per_unit": ("contacts", "units_shipped", 4, LOWER),
    "preventable_contact_rate": ("contacts_preventable", "units_shipped", 4, LOWER),
    "answered_within_24h_rate": ("responses_within_24h", "responses", 4, HIGHER),
    "dissatisfaction_rate": ("survey_no", "survey_answers", 4, LOWER),
    "average_response_minutes": ("response_minutes_total", "responses", 1, LOWER),
    "seller_answered_within_24h_rate": ("seller_replies_within_24h", "seller_contacts", 4, HIGHER),
}
RATE_NAMES: tuple[str, ...] = tuple(RATE_DEFINITIONS)
DIRECTION: dict[str, str] = {name: definition[3] for name, definition in RATE_DEFINITIONS.items()}
WIRE_PLACES: dict[str, int] = {name: definition[2] for name, definition in RATE_DEFINITIONS.items()}
_PRECISE = Context(prec=34)


def ratio(numerator: int, denominator: int) -> Decimal | None:
    """numerator / denominator to 34 digits, None when the denominator is 0.

    Enough for exact half-up rounding: with counters below 10**12, a quotient
    that is not a tie lies more than 10**-18 from every tie.
    """
    return _PRECISE.divide(Decimal(numerator), Decimal(denominator)) if denominator else None


def rates(counters: MonthCounters) -> dict[str, Decimal | None]:
    """Every rate of the report, exact (unrounded)."""
    return {
        name: ratio(getattr(counters, num), getattr(counters, den))
        for name, (num, den, _, _) in RATE_DEFINITIONS.items()
    }


def round_half_up(value: Decimal | None, places: int) -> Decimal | None:
    """`value` rounded half-up to `places` decimals; None stays None."""
    return None if value is None else value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def rates_for_wire(counters: MonthCounters) -> dict[str, Decimal | None]:
    """The report's `rates`: Decimals rounded for the wire (4 places, minutes 1), or None."""
    return {name: round_half_up(value, WIRE_PLACES[name]) for name, value in rates(counters).items()}


GREEN, YELLOW, RED = "green", "yellow", "red"
Health = dict[str, str | None]  # a colour (or None) per health metric, and "overall"
_SEVERITY = (GREEN, YELLOW, RED)
# health metric -> (test a rate must pass, bound for green, bound for yellow)
_HEALTH_RULES = {
    "answered_within_24h_rate": (operator.ge, Decimal("0.90"), Decimal("0.80")),
    "dissatisfaction_rate": (operator.lt, Decimal("0.25"), Decimal("0.35")),
    "valid_tracking_rate": (operator.ge, Decimal("0.95"), Decimal("0.90")),
    "preventable_contact_rate": (operator.le, Decimal("0.01"), Decimal("0.03")),
    "seller_answered_within_24h_rate": (operator.ge, Decimal("0.90"), Decimal("0.80")),  # seed 003, as CSBA's
}
HEALTH_METRICS: tuple[str, ...] = tuple(_HEALTH_RULES)


def colour(metric: str, rate: Decimal | None) -> str | None:
    """green / yellow / red of one health metric, None when its rate is null."""
    if rate is None:
        return None
    passes, green, yellow = _HEALTH_RULES[metric]
    return GREEN if passes(rate, green) else YELLOW if passes(rate, yellow) else RED


def health(exact_rates: Mapping[str, Decimal | None]) -> Health:
    """The report's `health`: a colour (or None) per health metric and `overall`, the worst one."""
    colours = {metric: colour(metric, exact_rates.get(metric)) for metric in HEALTH_METRICS}
    known = [c for c in colours.values() if c is not None]
    colours["overall"] = max(known, key=_SEVERITY.index) if known else None
    return colours


def trailing_cpu(months: Iterable[MonthCounters]) -> Decimal | None:
    """Contacts per unit over the given months (M-2..M), exact; None when no unit shipped."""
    months = list(months)
    return ratio(sum(m.contacts for m in months), sum(m.units_shipped for m in months))
