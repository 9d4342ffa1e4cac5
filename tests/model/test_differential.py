"""The app against the reference model on generated histories, through the real handlers.

Each example: a history of several sellers (tests/model/generator.py) delivered as SQS
would (shuffled, in batches, some twice, some late; tests/model/driver.py), opt-ins and
opt-outs through the HTTP routes at their time; every report read while the months are
open (provisional), then every month closed; then every report, marketplace average, top
decile and invoice read through the API and compared field by field with the model.

`make test` runs a few examples; CSBA_MODEL_EXAMPLES=200 (`make model-soak`) runs many.
"""
import os
import random
from datetime import timedelta

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.model.compare import differences, invoice_view, report_view
from tests.model.driver import close_every_month, get, run
from tests.model.generator import histories, month_start, months_from
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


def invoice_differences(stack, tokens, plan, model: Model) -> list[str]:
    found = []
    for seller, market, month in seller_months(plan):
        expected = model.invoice(seller, market, month)
        status, body = get(stack, tokens, seller, f"/sellers/{seller}/invoices/INV-{seller}-{market}-{month}")
        if expected is None:
            found += [] if status == 404 else [f"invoice {seller} {market} {month}: app {status} {body}, model none"]
        else:
            found += differences(invoice_view(body) if status == 200 else {"status": status}, expected,
                                 f"invoice {seller} {market} {month}")
    for seller in plan.sellers:
        _, listed = get(stack, tokens, seller, f"/sellers/{seller}/invoices")
        ids = sorted(i["invoice_id"] for i in listed["invoices"])
        wanted = sorted(f"INV-{s}-{m}-{mo}" for s, m, mo in seller_months(plan) if s == seller and model.invoice(s, m, mo))
        found += [] if ids == wanted else [f"invoices of {seller}: app {ids}, model {wanted}"]
    return found


# No shrinking: an example takes seconds, so shrinking would take hours; the failure lists every difference.
@settings(max_examples=EXAMPLES, deadline=None, database=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(plan=histories(), delivery_seed=st.integers(0, 2**32))
def test_every_report_and_invoice_of_a_generated_history_equals_the_models(plan, delivery_seed):
    # Given a history, delivered and acted through the handlers and routes
    model, tokens, rnd = Model(plan.envelopes, plan.actions), TokenFactory(), random.Random(delivery_seed)
    with Stack() as stack:
        run(stack, tokens, plan, rnd)
        stack.clock = month_start(months_from(plan.months[-1], 2)[1]) + timedelta(days=3)
        # Then every month, still open, reads as the model's provisional report
        provisional = report_differences(stack, tokens, plan, model, closed=False)
        # When every month is closed, then every report and invoice is the model's
        close_every_month(stack, plan.months)
        closed = report_differences(stack, tokens, plan, model, closed=True)
        invoices = invoice_differences(stack, tokens, plan, model)
    found = provisional + closed + invoices
    assert found == [], f"{len(found)} differences in {plan.months}, sellers {plan.sellers}:\n" + "\n".join(found[:40])
