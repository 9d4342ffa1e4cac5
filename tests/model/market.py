"""Marketplace statistics of a closed month (DESIGN section 6), over sellers with at least 30 units in it.

Per rate, over the eligible sellers whose rate is not null: the average is the plain mean
of their exact rates; the top decile is "what the best tenth of sellers reach": with
k = ceil(n / 10) sellers in the best tenth, the k-th best rate (the 10th percentile where
lower is better, the 90th where higher is better, by nearest rank from the best end).
Both are rounded for the wire like the rates.
"""
from fractions import Fraction

from tests.model import monthly


def market_statistics(months_counts: list[dict]) -> dict:
    eligible = [monthly.exact_rates(c) for c in months_counts if c["units_shipped"] >= 30]
    average, top = {}, {}
    for name, (_, _, places, higher_is_better) in monthly.RATES.items():
        values = [rates[name] for rates in eligible if rates[name] is not None]
        if not values:
            average[name] = top[name] = None
            continue
        mean = sum(values, Fraction(0)) / len(values)
        best_first = sorted(values, reverse=higher_is_better)
        average[name] = monthly.rounded(mean, places)
        top[name] = monthly.rounded(best_first[-(-len(values) // 10) - 1], places)
    return {"marketplace_average": average, "top_decile": top}
