"""`python -m infra.local seed` against a live `up`: every screen of the console, and the agent's, has data."""
import pytest

from chalicelib.domain.marketplaces import MARKETPLACES
from infra import seed_plan as plan
from tests.integration.live_stack import LiveStack

MARKETPLACE_OF = {m.country: m.marketplace_id for m in MARKETPLACES.values()}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A fresh stack (nothing but the seed in it), seeded."""
    stack = LiveStack(tmp_path_factory.mktemp("seed") / "up.log").wait_until_up()
    try:
        done = stack.runner("seed", "--api", stack.api, timeout=900)
        assert done.returncode == 0, done.stderr + stack.log()[-3000:]
        yield stack, done.stdout
    finally:
        assert stack.stop() == 0, stack.log()[-3000:]


def test_seed_reports_what_it_made_and_prints_tokens_that_sign_in(seeded):
    stack, printed = seeded
    assert "4 refunds (1 waiting for a supervisor)" in printed and "0 dead letter(s)" in printed
    assert "1 contact(s) escalated" in printed
    token = next(line.split()[-1] for line in printed.splitlines() if line.strip().startswith("S2 (JP)"))
    assert stack.request("GET", "/sellers/S2/enrollments", token=token)[0] == 200


@pytest.mark.parametrize("shop", plan.SHOPS, ids=lambda shop: f"{shop.seller_id}-{shop.country}")
def test_each_shop_has_an_enrolment_a_closed_months_report_invoices_and_contacts(seeded, shop):
    stack, _ = seeded
    token, market = stack.token("seller", shop.seller_id), MARKETPLACE_OF[shop.country]
    seller = f"/sellers/{shop.seller_id}"
    status, enrolments = stack.request("GET", f"{seller}/enrollments", token=token)
    assert status == 200 and market in {e["marketplace_id"] for e in enrolments["enrollments"]}
    status, report = stack.request("GET", f"{seller}/metrics/{market}", token=token)
    assert status == 200 and not report["provisional"] and report["counts"]["csba_orders"] > 0
    status, invoices = stack.request("GET", f"{seller}/invoices", token=token)
    months = {i["month"] for i in invoices["invoices"] if i["marketplace_id"] == market}
    assert status == 200 and len(months) == plan.CLOSED_MONTHS
    invoice_id = next(i["invoice_id"] for i in invoices["invoices"] if i["marketplace_id"] == market)
    status, invoice = stack.request("GET", f"{seller}/invoices/{invoice_id}", token=token)
    assert status == 200 and invoice["lines"]
    status, contacts = stack.request("GET", f"{seller}/contacts", token=token)
    assert status == 200 and any(c["marketplace_id"] == market for c in contacts["contacts"])


def test_the_agent_sees_cases_with_refunds_an_escalation_and_one_refund_awaiting_a_supervisor(seeded):
    stack, _ = seeded
    agent = stack.token("agent", "A1")
    for case in (c for c in plan.CASES if c.refund):
        status, view = stack.request("GET", f"/contacts/case-{case.key}-C", token=agent)
        assert status == 200 and [r["refund_id"] for r in view["refunds"]] == [f"seed-{case.key}"]
    status, pending = stack.request("GET", "/refunds/seed-big-espresso-machine", token=agent)
    assert (status, pending["status"]) == (200, "pending_approval")
    status, overdue = stack.request("GET", "/contacts/case-overdue-C", token=agent)
    assert status == 200 and overdue["contact"]["escalated"]
    status, noted = stack.request("GET", "/contacts/case-damaged-mug-C", token=agent)
    assert noted["product_notes"]


def test_a_contact_about_an_excluded_topic_was_routed_back_to_its_seller(seeded):
    stack, _ = seeded
    _, report = stack.request("GET", f"/sellers/S1/metrics/{MARKETPLACE_OF['DE']}", token=stack.token("seller", "S1"))
    invoice_question = f"S1-DE-{report['month'].replace('-', '')}-C{plan.TOPICS.index('invoice')}"
    status, view = stack.request("GET", f"/contacts/{invoice_question}", token=stack.token("agent", "A1"))
    assert status == 200 and (view["contact"]["destination"], view["contact"]["reason"]) == ("seller", "excluded_topic")


def test_the_inbox_profile_insights_trends_and_a_corrected_month_have_data(seeded):
    stack, _ = seeded
    s1, s3, de = stack.token("seller", "S1"), stack.token("seller", "S3"), MARKETPLACE_OF["DE"]
    status, inbox = stack.request("GET", "/sellers/S1/inbox", token=s1)
    assert status == 200 and {e["status"] for e in inbox["entries"]} >= {"replied", "awaiting_reply"}
    status, profile = stack.request("GET", "/sellers/S1", token=s1)
    assert status == 200 and (profile["country"], profile["vat_id"]) == ("DE", "DE123456789")
    status, insights = stack.request("GET", f"/sellers/S1/insights/{de}", token=s1)
    assert status == 200 and insights["units_shipped"] > 0 and len(insights["weeks"]) == 4
    status, trends = stack.request("GET", f"/sellers/S1/metrics/{de}/history", token=s1)
    assert status == 200 and len(trends["months"]) == plan.CLOSED_MONTHS
    status, invoices = stack.request("GET", "/sellers/S3/invoices", token=s3)
    assert status == 200 and {"credit_note", "invoice"} <= {i.get("kind") for i in invoices["invoices"]}
    assert any(i.get("replaces") for i in invoices["invoices"])
