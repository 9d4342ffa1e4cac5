"""The app against the reference model on generated histories, through the real handlers.

Each example: a history of several sellers (tests/model/generator.py) delivered as SQS
would (shuffled, in batches, some twice, some late; tests/model/driver.py), opt-ins and
opt-outs through the HTTP routes at their time; every report read while the months are
open (provisional), then every month closed; then every report, marketplace average, top
decile and invoice read through the API and compared field by field with the model of
what was delivered. Then the events held back arrive after the close, every month is
re-closed, and each month's documents must end in the model's invoice of the whole
history, the credit notes netting the earlier revisions to zero (tests/model/chains.py);
and each seller's CS Insights window at an instant inside the history is the model's
(rates, week by week; the marketplace figures need `weekly_insights`, not run here).

`make test` runs a few examples; CSBA_MODEL_EXAMPLES=200 (`make model-soak`) runs many.
"""
import os
import random
from datetime import timedelta

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.model.compare import differences, invoice_view, report_view
from tests.model.chains import chain_differences
from tests.model.driver import close_every_month, deliver, get, run, split_late
from tests.model.generator import histories, month_start, months_from, wire
from tests.model.insights import insights
from tests.model.model import Model, closable
from tests.model.stack import Stack
from tests.support.auth import TokenFactory

EXAMPLES = int(os.environ.get("CSBA_MODEL_EXAMPLES", "4"))


def seller_months(plan):
    return [(s, m, month) for s, markets in plan.sellers.items() for m in markets for month in plan.months]


def report_differences(stack, tokens, plan, model: Model, closed: bool) -> list[str]:
    found = []
    for seller, market, month in seller_months(plan):
        status, body = get(stack, tokens, seller, f"/sellers/{seller}/metrics/{market}?month={month}")
        expected = model.report(seller, market, month, closed=closed and closable(month))
        found += [f"report {seller} {market} {month} ({status})"] if status != 200 else \
            differences(report_view(body), expected, f"report {seller} {market} {month}")
    return found


def documents_by_month(stack, tokens, plan) -> dict:
    """Every invoice and credit note of every seller, by (seller, marketplace, month), from the list route."""
    found = {}
    for seller in plan.sellers:
        _, listed = get(stack, tokens, seller, f"/sellers/{seller}/invoices")
        for document in listed["invoices"]:
            found.setdefault((seller, document["marketplace_id"], document["month"]), []).append(document)
    return found


def invoice_differences(stack, tokens, plan, model: Model) -> list[str]:
    """After the close: each month's one invoice (or none) is the model's, read one by one and listed."""
    found, listed = [], documents_by_month(stack, tokens, plan)
    for seller, market, month in seller_months(plan):
        expected = model.invoice(seller, market, month)
        status, body = get(stack, tokens, seller, f"/sellers/{seller}/invoices/INV-{seller}-{market}-{month}")
        if expected is None:
            found += [] if status == 404 else [f"invoice {seller} {market} {month}: app {status} {body}, model none"]
        else:
            found += differences(invoice_view(body) if status == 200 else {"status": status}, expected,
                                 f"invoice {seller} {market} {month}")
    billed = {(s, m, mo) for s, m, mo in seller_months(plan) if model.invoice(s, m, mo)}
    return found + [f"documents of {key}: {[d['invoice_id'] for d in docs]}"
                    for key, docs in listed.items() if key not in billed or len(docs) != 1]


def correction_differences(stack, tokens, plan, model: Model) -> list[str]:
    """After late events and a re-close of every month: each month's chain ends in the model's invoice."""
    listed = documents_by_month(stack, tokens, plan)
    found = [f"documents of {key} outside the history" for key in listed if key not in set(seller_months(plan))]
    for seller, market, month in seller_months(plan):
        found += chain_differences(listed.get((seller, market, month), []), model.invoice(seller, market, month),
                                   f"{seller} {market} {month}")
    return found


def insights_differences(stack, tokens, plan, model: Model, now) -> list[str]:
    """Each seller's CS Insights window (rates, week by week) at an instant inside the history."""
    found, stack.clock = [], now
    for seller, markets in plan.sellers.items():
        for market in markets:
            _, body = get(stack, tokens, seller, f"/sellers/{seller}/insights/{market}")
            expected = insights(model.history, seller, market, now)
            actual = {"window": [body["window"]["from"], body["window"]["to"]], "rates": body["rates"],
                      "weeks": [(w["week"], w["rates"]) for w in body["weeks"]]}
            wanted = {"window": [wire(t) for t in (expected["window"]["from"], expected["window"]["to"])],
                      "rates": {k: expected["rates"][k] for k in body["rates"]},
                      "weeks": [(w["week"], {k: w["rates"][k] for k in body["rates"]}) for w in expected["weeks"]]}
            found += differences(actual, wanted, f"insights {seller} {market} at {wire(now)}")
    return found

# make test runs the same examples every time (a red CI is then reproducible); the deep run draws new ones.
DERANDOMIZE = "CSBA_MODEL_EXAMPLES" not in os.environ


# No shrinking: an example takes seconds, so shrinking would take hours; the failure lists every difference.
@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=DERANDOMIZE, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(plan=histories(), delivery_seed=st.integers(0, 2**32))
def test_every_report_and_invoice_of_a_generated_history_equals_the_models(plan, delivery_seed):
    # Given a history, most of it delivered and acted through the handlers and routes
    rnd, tokens = random.Random(delivery_seed), TokenFactory()
    on_time, late = split_late(plan.envelopes, plan.actions, rnd)
    first, final = Model(on_time, plan.actions), Model(plan.envelopes, plan.actions)
    with Stack() as stack:
        run(stack, tokens, plan, on_time, rnd)
        stack.clock = month_start(months_from(plan.months[-1], 2)[1]) + timedelta(days=3)
        # Then every month, still open, reads as the model's provisional report
        found = report_differences(stack, tokens, plan, first, closed=False)
        # When every month is closed, then every report and invoice is the model's
        close_every_month(stack, plan.months)
        found += report_differences(stack, tokens, plan, first, closed=True)
        found += invoice_differences(stack, tokens, plan, first)
        # When the late events arrive and every month is re-closed, then the corrected months are the model's
        assert deliver(stack.client, late, rnd, rounds=20) == []
        close_every_month(stack, plan.months, reclose=True)
        found += report_differences(stack, tokens, plan, final, closed=True)
        found += correction_differences(stack, tokens, plan, final)
        inside = month_start(plan.months[2]) + timedelta(days=rnd.randrange(28), hours=7)
        found += insights_differences(stack, tokens, plan, final, inside)
    assert found == [], f"{len(found)} differences in {plan.months}, sellers {plan.sellers}:\n" + "\n".join(found[:40])
