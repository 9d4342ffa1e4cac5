from decimal import Decimal

import pytest

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.metrics import (
    COUNTER_NAMES, DIRECTION, HIGHER, LOWER, RATE_NAMES, MonthCounters, colour, health, rates,
    rates_for_wire, trailing_cpu,
)


def test_a_month_without_denominators_has_null_rates_never_zero():
    # Given a seller-month where nothing was shipped, returned, answered or surveyed
    counters = MonthCounters(csba_orders=3)
    # When its rates are computed
    exact, wire = rates(counters), rates_for_wire(counters)
    # Then every rate is null, not 0
    assert exact == {name: None for name in RATE_NAMES}
    assert wire == {name: None for name in RATE_NAMES}


def test_a_stored_item_gives_counters_with_missing_ones_at_zero():
    # Given an item as DynamoDB returns it: Decimal numbers, keys of its own, counters missing
    item = {"pk": "S1#US", "units_shipped": Decimal("40"), "contacts": Decimal("2")}
    # When it is read as counters
    counters = MonthCounters.from_mapping(item)
    # Then the known counters are ints, the missing ones 0, and it writes back every counter
    assert counters.units_shipped == 40 and counters.contacts == 2 and counters.survey_no == 0
    assert counters.to_mapping() == {**{name: 0 for name in COUNTER_NAMES}, "units_shipped": 40, "contacts": 2}


@pytest.mark.parametrize("value", [Decimal("1.5"), -1, "3", 2.0])
def test_a_counter_must_be_a_non_negative_whole_number(value):
    # Given / When / Then a counter that is not a non-negative integer is refused
    with pytest.raises(InvalidInput):
        MonthCounters.from_mapping({"contacts": value})


def test_rates_are_exact_and_rounded_half_up_only_for_the_wire():
    # Given 1 valid tracking in 20,000 shipments (0.00005, a tie) and 25 minutes over 2 responses
    counters = MonthCounters(shipments=20000, shipments_valid_tracking=1, responses=2,
                             response_minutes_total=25, responses_within_24h=1)
    # When the rates are computed
    exact, wire = rates(counters), rates_for_wire(counters)
    # Then the exact values are kept and the wire rounds half up: fractions 4 places, minutes 1
    assert exact["valid_tracking_rate"] == Decimal("0.00005")
    assert wire["valid_tracking_rate"] == Decimal("0.0001")
    assert wire["average_response_minutes"] == Decimal("12.5")
    assert wire["answered_within_24h_rate"] == Decimal("0.5000")
    assert all(isinstance(value, Decimal) for value in wire.values() if value is not None)


def test_average_response_minutes_rounds_to_one_place():
    # Given 100 minutes over 3 responses (33.333...) and 1 minute over 20 responses (0.05, a tie)
    # When / Then
    assert rates_for_wire(MonthCounters(responses=3, response_minutes_total=100))["average_response_minutes"] == Decimal("33.3")
    assert rates_for_wire(MonthCounters(responses=20, response_minutes_total=1))["average_response_minutes"] == Decimal("0.1")


def test_preventable_contact_rate_is_per_unit_shipped():
    # Given 200 units shipped, 10 contacts of which 2 preventable
    counters = MonthCounters(units_shipped=200, contacts=10, contacts_preventable=2)
    # When the rates are computed
    exact = rates(counters)
    # Then preventable contacts are counted per unit (2/200), like contacts per unit (10/200)
    assert exact["preventable_contact_rate"] == Decimal("0.01")
    assert exact["contacts_per_unit"] == Decimal("0.05")


@pytest.mark.parametrize("metric, rate, expected", [
    ("answered_within_24h_rate", "0.90", "green"), ("answered_within_24h_rate", "0.8999", "yellow"),
    ("answered_within_24h_rate", "0.80", "yellow"), ("answered_within_24h_rate", "0.7999", "red"),
    ("dissatisfaction_rate", "0.2499", "green"), ("dissatisfaction_rate", "0.25", "yellow"),
    ("dissatisfaction_rate", "0.3499", "yellow"), ("dissatisfaction_rate", "0.35", "red"),
    ("valid_tracking_rate", "0.95", "green"), ("valid_tracking_rate", "0.9499", "yellow"),
    ("valid_tracking_rate", "0.90", "yellow"), ("valid_tracking_rate", "0.8999", "red"),
    ("preventable_contact_rate", "0.01", "green"), ("preventable_contact_rate", "0.0101", "yellow"),
    ("preventable_contact_rate", "0.03", "yellow"), ("preventable_contact_rate", "0.0301", "red"),
])
def test_health_colours_switch_exactly_at_the_published_thresholds(metric, rate, expected):
    # Given a rate on or just beside a threshold / When it is coloured / Then
    assert colour(metric, Decimal(rate)) == expected


def test_health_is_judged_on_the_exact_rate_not_the_rounded_one():
    # Given 89,996 of 100,000 responses within 24 h: shown as 0.9000, but below 90%
    counters = MonthCounters(responses=100000, responses_within_24h=89996)
    # When health is computed
    colours = health(rates(counters))
    # Then the metric is yellow although its wire value reads 0.9000
    assert rates_for_wire(counters)["answered_within_24h_rate"] == Decimal("0.9000")
    assert colours["answered_within_24h_rate"] == "yellow"


def test_overall_health_is_the_worst_colour_and_ignores_null_metrics():
    # Given green tracking (96/100), yellow answers (17/20 = 85%), no survey and 0 preventable contacts
    counters = MonthCounters(units_shipped=100, shipments=100, shipments_valid_tracking=96,
                             responses=20, responses_within_24h=17)
    # When health is computed
    colours = health(rates(counters))
    # Then the null metric has no colour and overall is the worst of the others
    assert colours == {"answered_within_24h_rate": "yellow", "dissatisfaction_rate": None,
                       "valid_tracking_rate": "green", "preventable_contact_rate": "green",
                       "seller_answered_within_24h_rate": None, "overall": "yellow"}


def test_one_red_metric_makes_the_seller_red():
    # Given everything green but dissatisfaction at 2 of 5 surveys (40%)
    counters = MonthCounters(units_shipped=100, shipments=100, shipments_valid_tracking=100,
                             responses=10, responses_within_24h=10, survey_answers=5, survey_no=2)
    # When / Then
    assert health(rates(counters))["overall"] == "red"


def test_the_sellers_own_answers_within_24h_share_the_thresholds_and_count_in_overall():
    # Given CSBA answered everything in time, the seller 17 of its 20 contacts within 24 h, 1 never
    counters = MonthCounters(responses=10, responses_within_24h=10, seller_contacts=20, seller_replies=19,
                             seller_replies_within_24h=17)
    # When
    colours = health(rates(counters))
    # Then 85% is yellow, as for CSBA's answers, and the month is yellow overall
    assert rates_for_wire(counters)["seller_answered_within_24h_rate"] == Decimal("0.8500")
    assert colours["seller_answered_within_24h_rate"] == "yellow" and colours["overall"] == "yellow"


def test_a_month_with_nothing_measured_has_no_overall_colour():
    # Given / When
    colours = health(rates(MonthCounters()))
    # Then every health metric is present and null, and so is overall
    assert set(colours.values()) == {None} and len(colours) == 6


def test_each_rate_says_whether_higher_or_lower_is_better():
    # Given / When / Then
    higher = {name for name in RATE_NAMES if DIRECTION[name] == HIGHER}
    assert higher == {"valid_tracking_rate", "prepaid_return_label_rate", "answered_within_24h_rate",
                      "seller_answered_within_24h_rate"}
    assert all(DIRECTION[name] == LOWER for name in set(RATE_NAMES) - higher)


def test_trailing_cpu_pools_the_contacts_and_units_of_the_three_months():
    # Given M-2: 1 contact / 10 units, M-1: nothing, M: 5 contacts / 90 units
    months = [MonthCounters(contacts=1, units_shipped=10), MonthCounters(), MonthCounters(contacts=5, units_shipped=90)]
    # When / Then CPU = (1 + 0 + 5) / (10 + 0 + 90) = 0.06, not the mean of the monthly rates
    assert trailing_cpu(months) == Decimal("0.06")


def test_trailing_cpu_is_null_without_units():
    # Given contacts but no unit shipped in the three months / When / Then
    assert trailing_cpu([MonthCounters(contacts=2), MonthCounters()]) is None
    assert trailing_cpu([]) is None
