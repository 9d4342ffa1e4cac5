import json
import math
import random
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.market_stats import CAPS, MEAN_SCALE, MarketAccumulator
from chalicelib.domain.metrics import HIGHER, RATE_DEFINITIONS, RATE_NAMES, MonthCounters


def accumulate(sellers):
    accumulator = MarketAccumulator()
    for counters in sellers:
        accumulator.add(counters)
    return accumulator


def seller(units, contacts=0, shipments=0, valid=0, surveys=0, no=0, responses=0, minutes=0):
    return MonthCounters(units_shipped=units, contacts=contacts, shipments=shipments,
                         shipments_valid_tracking=valid, survey_answers=surveys, survey_no=no,
                         responses=responses, response_minutes_total=minutes)


def test_benchmarks_of_three_eligible_sellers_checked_by_hand():
    # Given A, B and C eligible, D with 29 units and E with none (both would be the worst)
    sellers = [
        seller(100, contacts=5, shipments=100, valid=99, surveys=10, no=1, responses=5, minutes=300),  # A
        seller(50, contacts=10, shipments=50, valid=45, surveys=4, no=2, responses=10, minutes=1000),  # B
        seller(30, shipments=30, valid=30),                                                          # C
        seller(29, contacts=29, shipments=29, valid=0, surveys=5, no=5, responses=1, minutes=9000),  # D
        seller(0, contacts=7, surveys=3, no=3),                                                      # E
    ]
    # When the marketplace benchmarks are computed
    result = accumulate(sellers).result()
    # Then, over A, B, C only (k = ceil(n / 10) = 1: the top decile is the best seller's rate):
    assert result["eligible_sellers"] == 3
    average, top = result["marketplace_average"], result["top_decile"]
    # valid tracking 0.99, 0.90, 1.00: mean 2.89 / 3 = 0.96333 -> 0.9633; best (highest) 1.0000
    assert (average["valid_tracking_rate"], top["valid_tracking_rate"]) == (Decimal("0.9633"), Decimal("1.0000"))
    # contacts per unit 0.05, 0.20, 0.00: mean 0.25 / 3 = 0.08333 -> 0.0833; best (lowest) 0.0000
    assert (average["contacts_per_unit"], top["contacts_per_unit"]) == (Decimal("0.0833"), Decimal("0"))
    # dissatisfaction 0.10, 0.50 (C has no survey): mean 0.30; best 0.10
    assert (average["dissatisfaction_rate"], top["dissatisfaction_rate"]) == (Decimal("0.3"), Decimal("0.1"))
    # minutes 300 / 5 = 60, 1000 / 10 = 100 (C has no response): mean 80.0; best 60.0
    assert (average["average_response_minutes"], top["average_response_minutes"]) == (Decimal("80"), Decimal("60"))
    # nobody had a return: no prepaid label rate to benchmark
    assert average["prepaid_return_label_rate"] is None and top["prepaid_return_label_rate"] is None


def test_top_decile_of_twelve_sellers_is_the_second_best():
    # Given 12 eligible sellers: seller i has 80 + i of 100 valid trackings and i contacts per 100 units,
    # and a 29-unit seller with perfect figures, who is not eligible
    sellers = [seller(100, contacts=i, shipments=100, valid=80 + i) for i in range(12)]
    sellers.append(seller(29, shipments=29, valid=29))
    # When
    result = accumulate(sellers).result()
    # Then k = ceil(12 / 10) = 2
    # valid tracking 0.80..0.91: second highest 0.90; mean (12 * 0.80 + 0.01 * 66) / 12 = 10.26 / 12 = 0.855
    assert result["top_decile"]["valid_tracking_rate"] == Decimal("0.9000")
    assert result["marketplace_average"]["valid_tracking_rate"] == Decimal("0.8550")
    # contacts per unit 0.00..0.11: second lowest 0.01; mean 0.66 / 12 = 0.055
    assert result["top_decile"]["contacts_per_unit"] == Decimal("0.0100")
    assert result["marketplace_average"]["contacts_per_unit"] == Decimal("0.0550")


def test_the_marketplace_average_rounds_half_up():
    # Given valid tracking rates of 0 and 1 / 10,000: mean 0.00005, a tie
    sellers = [seller(30, shipments=10000, valid=0), seller(30, shipments=10000, valid=1)]
    # When / Then
    assert accumulate(sellers).result()["marketplace_average"]["valid_tracking_rate"] == Decimal("0.0001")


def test_a_marketplace_without_eligible_sellers_has_null_benchmarks():
    # Given only sellers below 30 units / When
    result = accumulate([seller(29, contacts=1, shipments=29, valid=29), seller(0)]).result()
    # Then
    assert result["eligible_sellers"] == 0
    assert set(result["marketplace_average"].values()) == set(result["top_decile"].values()) == {None}


def test_a_rate_above_its_cap_counts_at_the_cap_in_the_top_decile_only():
    # Given two sellers with 2 and 3 contacts per unit (cap 1)
    result = accumulate([seller(30, contacts=60), seller(30, contacts=90)]).result()
    # When / Then the top decile reads the cap, a lower bound; the mean is exact: (2 + 3) / 2
    assert result["top_decile"]["contacts_per_unit"] == Decimal(1)
    assert result["marketplace_average"]["contacts_per_unit"] == Decimal("2.5")


@st.composite
def seller_months(draw):
    units = draw(st.integers(0, 120))
    shipments, returns = draw(st.integers(0, 60)), draw(st.integers(0, 9))
    contacts, responses, surveys = draw(st.integers(0, 2 * units + 3)), draw(st.integers(0, 9)), draw(st.integers(0, 9))
    return MonthCounters(
        units_shipped=units, shipments=shipments, shipments_valid_tracking=draw(st.integers(0, shipments)),
        returns=returns, returns_prepaid_label=draw(st.integers(0, returns)),
        contacts=contacts, contacts_preventable=draw(st.integers(0, contacts)),
        responses=responses, responses_within_24h=draw(st.integers(0, responses)),
        response_minutes_total=draw(st.integers(0, 12000 * responses)),
        survey_answers=surveys, survey_no=draw(st.integers(0, surveys)))


def half_up(value: Fraction, places: int) -> Decimal:
    return Decimal(math.floor(value * 10**places + Fraction(1, 2))).scaleb(-places)


def brute_force(sellers):
    """Sorted lists of exact rates: the k-th best, rounded, then capped; the exact mean."""
    eligible = [s for s in sellers if s.units_shipped >= 30]
    tops, means = {}, {}
    for name, (numerator, denominator, places, direction) in RATE_DEFINITIONS.items():
        values = sorted(Fraction(getattr(s, numerator), getattr(s, denominator)) for s in eligible if getattr(s, denominator))
        k = math.ceil(len(values) / 10)
        best = (values[-k] if direction == HIGHER else values[k - 1]) if values else None
        tops[name] = None if best is None else min(half_up(best, places), Decimal(CAPS[name]))
        means[name] = sum(values) / len(values) if values else None
    return tops, means


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(seller_months(), max_size=250))
def test_the_top_decile_and_average_agree_with_a_brute_force_sort(sellers):
    # Given random seller-months / When accumulated as a stream and brute-forced on sorted lists
    accumulator = accumulate(sellers)
    result, stored = accumulator.result(), accumulator.to_dict()["rates"]
    tops, means = brute_force(sellers)
    # Then the top deciles agree exactly at the report's rounding
    assert result["top_decile"] == tops
    for name in RATE_NAMES:
        if means[name] is None:
            assert result["marketplace_average"][name] is None
            continue
        # and the mean is within the documented 0.5e-18 of the exact one, so rounds alike off a tie
        streamed = Fraction(int(stored[name]["sum"]), stored[name]["sellers"] * MEAN_SCALE)
        assert abs(streamed - means[name]) <= Fraction(1, 2 * MEAN_SCALE)
        assert result["marketplace_average"][name] == half_up(means[name], RATE_DEFINITIONS[name][2]) or \
            abs((means[name] * 10 ** RATE_DEFINITIONS[name][2]) % 1 - Fraction(1, 2)) < Fraction(1, 10**15)


@settings(max_examples=30, deadline=None)
@given(st.lists(seller_months(), max_size=120), st.integers(0, 120))
def test_shards_merged_or_stored_and_read_back_give_the_same_benchmarks(sellers, cut):
    # Given the same sellers in one stream and in two shards, one of them stored and read back
    whole = accumulate(sellers)
    first, second = accumulate(sellers[:cut]), accumulate(sellers[cut:])
    stored = json.loads(json.dumps(first.to_dict()))
    # When the shards are merged
    merged = MarketAccumulator.from_dict(stored).merge(second)
    # Then nothing differs
    assert merged.to_dict() == whole.to_dict()
    assert merged.result() == whole.result()


def test_a_stored_accumulator_holds_only_ints_and_strings_and_dynamodb_decimals_read_back():
    # Given an accumulator stored as DynamoDB gives numbers back (Decimal)
    original = accumulate([seller(40, contacts=3, shipments=40, valid=39)])
    data = original.to_dict()
    as_read = {"eligible_sellers": Decimal(data["eligible_sellers"]),
               "rates": {n: {**r, "sellers": Decimal(r["sellers"])} for n, r in data["rates"].items()}}
    # When / Then
    assert "float" not in json.dumps(data, default=lambda o: "float")  # no float anywhere
    assert MarketAccumulator.from_dict(as_read).result() == original.result()


@pytest.mark.parametrize("data", [{}, {"eligible_sellers": 1, "rates": {}},
                                  {"eligible_sellers": 1, "rates": {n: {"sellers": 1, "sum": "0", "bins": "-1:1"} for n in RATE_NAMES}}])
def test_a_malformed_stored_accumulator_is_refused(data):
    # Given / When / Then
    with pytest.raises(InvalidInput):
        MarketAccumulator.from_dict(data)


def test_the_accumulator_does_not_grow_with_the_number_of_sellers():
    # Given 10 sellers and 50,000 sellers with rates spread over their whole range
    rng = random.Random(5)
    many = [seller(rng.randint(30, 5000), contacts=rng.randint(0, 60), shipments=1000,
                   valid=rng.randint(0, 1000), surveys=997, no=rng.randint(0, 997),
                   responses=7, minutes=rng.randint(0, 7 * 24 * 60 * 9)) for _ in range(50000)]
    # When both are accumulated
    small, large = accumulate(many[:10]), accumulate(many)
    # Then memory is the same fixed set of bins, and the stored form is bounded by the bins, not the sellers
    assert large.eligible_sellers == 50000
    for name in RATE_NAMES:
        assert len(large.stats[name].bins) == len(small.stats[name].bins) == CAPS[name] * 10 ** RATE_DEFINITIONS[name][2] + 1
        assert len(large.to_dict()["rates"][name]["bins"].split(",")) <= len(large.stats[name].bins)
    assert len(json.dumps(large.to_dict())) < 1_500_000
