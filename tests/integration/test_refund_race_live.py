"""The refund race over real HTTP against a fresh `python -m infra.local up` (issue 17, "Done when").

Agents refund one order in parallel, the very first refund requests of the process (so the app's
deferred modules are imported under threads too): every answer is issued (201) or refused (422),
every issued refund reads back, and the case adds up.
"""
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from tests.integration.live_stack import LiveStack
from tests.support import events as ev

ORDER_TOTAL, EACH, REFUNDS, COPIES = Decimal("150.00"), Decimal("15.00"), 12, 2


def days_ago(days: int) -> str:
    return (datetime.now(timezone.utc) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture(scope="module")
def fresh_stack(tmp_path_factory):
    stack = LiveStack(tmp_path_factory.mktemp("race") / "up.log").wait_until_up()
    yield stack
    assert stack.stop() == 0, stack.log()


@pytest.fixture(scope="module")
def case(fresh_stack):
    """A seller, a 150.00 order and a contact about it, sent through the queue; the case's id."""
    tag = f"{time.time_ns()}"
    seller, order, contact = f"RACE{tag}", f"O-{tag}", f"C-{tag}"
    events = [ev.seller_registered(seller, occurred_at=days_ago(200)),
              ev.order_placed(order, total=str(ORDER_TOTAL), seller_id=seller, occurred_at=days_ago(10)),
              ev.contact_created(contact, order, topic="damaged", seller_id=seller, occurred_at=days_ago(9))]
    for envelope in events:
        envelope["event_id"] = f"{envelope['event_id']}-{tag}"
    fresh_stack.send(events)
    agent = fresh_stack.token("agent", "A1")
    deadline = time.monotonic() + 30
    while fresh_stack.request("GET", f"/contacts/{contact}", token=agent)[0] != 200:
        assert time.monotonic() < deadline, fresh_stack.log()
        time.sleep(0.3)
    return contact, order


def test_parallel_refunds_over_http_are_issued_or_refused_and_the_case_adds_up(fresh_stack, case):
    contact, order = case
    agent = fresh_stack.token("agent", "A1")
    bodies = [{"refund_id": f"R-{order}-{n}", "contact_id": contact, "order_id": order,
               "amount": {"amount": str(EACH), "currency": "EUR"}, "reason": "damaged", "returnless": True}
              for n in range(REFUNDS)] * COPIES
    start = threading.Barrier(len(bodies))

    def post(body):
        start.wait()
        return body["refund_id"], *fresh_stack.request("POST", "/refunds", body, token=agent)

    # When agents post 12 refunds of 15.00 on a 150.00 order, each twice, all at once
    with ThreadPoolExecutor(len(bodies)) as pool:
        answers = list(pool.map(post, bodies))
    # Then every answer is issued or refused
    assert {status for _, status, _ in answers} <= {201, 422}, [a for a in answers if a[1] not in (201, 422)]
    issued = {refund_id for refund_id, status, _ in answers if status == 201}
    # And every issued refund reads back as issued
    for refund_id in issued:
        status, body = fresh_stack.request("GET", f"/refunds/{refund_id}", token=agent)
        assert (status, body["status"], body["amount"]["amount"]) == (200, "issued", str(EACH)), body
    # And the case adds up: its refunds are those issued, their sum is the order's refunded total, within it
    status, view = fresh_stack.request("GET", f"/contacts/{contact}", token=agent)
    assert status == 200
    in_case = {r["refund_id"]: Decimal(r["amount"]["amount"]) for r in view["refunds"] if r["status"] == "issued"}
    refunded = Decimal(view["order"]["refunded"]["amount"])
    assert set(in_case) == issued and sum(in_case.values()) == refunded <= ORDER_TOTAL
    assert len(issued) == ORDER_TOTAL // EACH
    assert "Traceback" not in fresh_stack.log()
