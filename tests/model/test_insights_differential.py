"""The insights route against the reference model's 4-week window (tests/model/insights.py).

Each example: a generated history of several sellers (tests/model/generator.py) delivered as SQS
would (shuffled, in batches, some twice; tests/model/driver.py); then, for two Mondays inside the
history (one whose window has sellers with at least 30 units, so the statistics are not all null;
histories without such a window are skipped), `weekly_insights` runs at 03:00 and every seller's
window is read through the route later that morning: the window, its rates, the marketplace average,
the top performers and each week's rates must be the model's, rate by rate.

`make test` runs two examples; CSBA_MODEL_EXAMPLES=50 runs more.
"""
import os
import random
from datetime import timedelta
from unittest import mock

from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from chalicelib.domain.clock import to_wire
from chalicelib.domain.insights import INSIGHT_RATES
from tests.model.compare import differences
from tests.model.driver import get, run, scheduled
from tests.model.generator import histories, month_start, months_from
from tests.model.insights import insights
from tests.model.model import Model
from tests.model.stack import Stack
from tests.support.auth import TokenFactory
from tests.support.sqs import pump

EXAMPLES = max(2, int(os.environ.get("CSBA_MODEL_EXAMPLES", "2")) // 2)


def mondays(plan) -> list:
    """Mondays 00:00 UTC from four weeks into the history to its end."""
    first, end = month_start(plan.months[0]), month_start(months_from(plan.months[-1], 2)[1])
    monday = first + timedelta(days=(7 - first.weekday()) % 7, weeks=4)
    found = []
    while monday <= end:
        found.append(monday)
        monday += timedelta(weeks=1)
    return found


def compared_mondays(plan, model: Model, rnd) -> list:
    """A Monday whose window the model gives statistics, and another one; [] when no window has any."""
    every = mondays(plan)
    markets = {(seller, market) for seller, listed in plan.sellers.items() for market in listed}
    with_stats = [m for m in every if any(
        insights(model.history, seller, market, m + timedelta(hours=10))["marketplace_average"]["contacts_per_unit"]
        is not None for seller, market in markets)]
    return sorted({rnd.choice(with_stats), rnd.choice(every)}) if with_stats else []


def rates(values):
    return None if values is None else {name: values[name] for name in INSIGHT_RATES}


def view(body: dict) -> dict:
    """The route's answer cut to the model's fields."""
    return {"window": {"from": body["window"]["from"], "to": body["window"]["to"]}, "rates": rates(body["rates"]),
            "marketplace_average": rates(body["marketplace_average"]),
            "top_performers": rates(body["top_performers"]),
            "weeks": [{"week": w["week"], "rates": rates(w["rates"])} for w in body["weeks"]]}


def expected_view(model: Model, seller: str, market: str, now) -> dict:
    window = insights(model.history, seller, market, now)
    return {"window": {"from": to_wire(window["window"]["from"]), "to": to_wire(window["window"]["to"])},
            "rates": rates(window["rates"]), "marketplace_average": rates(window["marketplace_average"]),
            "top_performers": rates(window["top_performers"]),
            "weeks": [{"week": w["week"], "rates": rates(w["rates"])} for w in window["weeks"]]}

# make test runs the same examples every time (a red CI is then reproducible); the deep run draws new ones.
DERANDOMIZE = "CSBA_MODEL_EXAMPLES" not in os.environ


# No shrinking: an example takes tens of seconds; the failure lists every difference.
@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=DERANDOMIZE, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(plan=histories(), delivery_seed=st.integers(0, 2**32))
def test_every_sellers_window_after_the_weekly_run_equals_the_models(plan, delivery_seed):
    rnd, tokens = random.Random(delivery_seed), TokenFactory()
    model, found = Model(plan.envelopes, plan.actions), []
    chosen = compared_mondays(plan, model, rnd)
    assume(chosen)
    with Stack() as stack:
        # Given a history delivered through the handlers
        run(stack, tokens, plan, plan.envelopes, rnd)
        for monday in chosen:
            # When weekly_insights runs that Monday and its jobs are done
            stack.client.lambda_.invoke("weekly_insights", scheduled(monday + timedelta(hours=3)))
            pump(stack.client, "billing_jobs", "billing_jobs_queue", rounds=200)
            now = monday + timedelta(hours=10)
            # Then every seller's window read that morning is the model's
            with mock.patch("chalicelib.entrypoints.insight_routes.utc_now", lambda: now):
                for seller, markets in plan.sellers.items():
                    for market in markets:
                        status, body = get(stack, tokens, seller, f"/sellers/{seller}/insights/{market}")
                        where = f"insights {seller} {market} at {to_wire(now)}"
                        found += [f"{where}: {status} {body}"] if status != 200 else \
                            differences(view(body), expected_view(model, seller, market, now), where)
    assert found == [], f"{len(found)} differences in {plan.months}, sellers {plan.sellers}:\n" + "\n".join(found[:40])
