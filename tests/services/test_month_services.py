"""The close, billing, corrections, the report, the history and CS Insights, each run on both stores
(`any_store`: the in-memory fake and DynamoDB on moto)."""
from datetime import datetime, timezone

from chalicelib.domain.weeks import SHARDS
from chalicelib.services import close, corrections, history, insights, invoicing, invoices, reclose, report
from tests.support import events as ev
from tests.support.fakes import RecordingPublisher
from tests.support.feeding import RecordingJobs, feed

CLOSED_AT = datetime(2026, 11, 1, 2, tzinfo=timezone.utc)
LATER = datetime(2026, 11, 20, 9, tzinfo=timezone.utc)
INV = f"INV-S1-{ev.DE}-2026-10"


def given_an_october(store) -> None:
    """S1 registered in DE on 1 October, one order of two units shipped with valid tracking, one contact."""
    feed(store, ev.seller_registered("S1", occurred_at="2026-10-01T00:00:00Z"), ev.order_placed("O1", units=2),
         ev.order_shipped("O1", units=2, occurred_at="2026-10-04T08:00:00Z"), ev.contact_created("C1", "O1"))


def closed_october(store) -> RecordingJobs:
    given_an_october(store)
    jobs = RecordingJobs()
    close.close_marketplace(store, jobs, ev.DE, "2026-10", CLOSED_AT)
    return jobs


def test_the_close_freezes_the_month_and_enqueues_one_invoice_job_per_seller_once(any_store):
    jobs = closed_october(any_store)
    again = close.close_marketplace(any_store, jobs, ev.DE, "2026-10", CLOSED_AT)
    assert jobs.jobs == [{"type": "invoice", "seller_id": "S1", "marketplace_id": ev.DE, "month": "2026-10"}]
    assert again["invoice_jobs"] == 0 and any_store.get_market_stats(ev.DE, "2026-10").invoices_enqueued
    snapshot = any_store.get_snapshot("S1", ev.DE, "2026-10")
    assert (snapshot.counters.units_shipped, snapshot.counters.contacts) == (2, 1)
    assert any_store.last_closed_month(ev.DE) == "2026-10"


def test_an_invoice_is_written_once(any_store):
    closed_october(any_store)
    publisher = RecordingPublisher()
    assert invoicing.write_invoice(any_store, publisher, "S1", ev.DE, "2026-10") == "written"
    assert invoicing.write_invoice(any_store, publisher, "S1", ev.DE, "2026-10") == "exists"
    (document,) = invoices.list_invoices(any_store, "S1", {})
    assert document == invoices.get_invoice(any_store, "S1", INV)
    assert (document.status, document.invoice.lines[0].units, document.invoice.total.minor) == ("issued", 2, 0)
    assert publisher.sent == []  # a total of zero (the trial) sends no InvoiceIssued


def test_a_re_close_after_a_late_shipment_credits_the_invoice_and_issues_a_revision_once(any_store):
    # Given October closed and invoiced, then an October order shipped late
    closed_october(any_store)
    invoicing.write_invoice(any_store, RecordingPublisher(), "S1", ev.DE, "2026-10")
    feed(any_store, ev.order_placed("O2", units=3, occurred_at="2026-10-20T10:00:00Z"),
         ev.order_shipped("O2", units=3, occurred_at="2026-10-21T10:00:00Z"))
    # When October is re-closed and its invoice revised, twice
    jobs = RecordingJobs()
    assert reclose.reclose_marketplace(any_store, jobs, ev.DE, "2026-10", LATER)["invoice_jobs"] == 1
    outcomes = [corrections.revise_invoice(any_store, RecordingPublisher(), "S1", ev.DE, "2026-10") for _ in "12"]
    # Then
    assert outcomes == ["revised", "unchanged"]
    chain = invoices.list_invoices(any_store, "S1", {"month": "2026-10"})
    assert [(d.invoice_id, d.status) for d in chain] == [
        (f"{INV}-2", "issued"), (f"CN-S1-{ev.DE}-2026-10-1", "issued"), (INV, "credited")]
    assert chain[0].invoice.lines[0].units == 5 and chain[0].invoice.replaces == INV


def test_the_report_of_a_closed_month_is_final_and_of_an_open_one_provisional(any_store):
    given_an_october(any_store)
    provisional = report.report(any_store, "S1", ev.DE, "2026-10", CLOSED_AT)
    close.close_marketplace(any_store, RecordingJobs(), ev.DE, "2026-10", CLOSED_AT)
    final = report.report(any_store, "S1", ev.DE, None, CLOSED_AT)
    assert (provisional["provisional"], final["provisional"], final["month"]) == (True, False, "2026-10")
    assert provisional["counts"] == final["counts"] and final["counts"]["units_shipped"] == 2
    assert final["marketplace_average"] == any_store.get_market_stats(ev.DE, "2026-10").marketplace_average


def test_the_history_shows_each_closed_month_with_its_current_invoice(any_store):
    closed_october(any_store)
    invoicing.write_invoice(any_store, RecordingPublisher(), "S1", ev.DE, "2026-10")
    shown = history.history(any_store, "S1", ev.DE, "2026-09", "2026-10", LATER)
    (october,) = shown["months"]  # September was never closed
    assert (october["month"], october["units_shipped"], october["contacts"]) == ("2026-10", 2, 1)
    assert october["invoice_total"] == {"amount": "0.00", "currency": "EUR"}


def test_the_insights_window_merges_every_shard_once(any_store):
    # Given October's events, in ISO weeks 40 (the order, the contact) and 40 (the shipment)
    given_an_october(any_store)
    now = datetime(2026, 10, 12, 10, tzinfo=timezone.utc)  # the window is weeks 38 to 41
    # When every shard's job runs, then one again
    merged = [insights.compute_shard(any_store, ev.DE, "2026-W41", s, now)["merged"] for s in range(SHARDS)]
    assert insights.compute_shard(any_store, ev.DE, "2026-W41", 0, now)["merged"] is False
    # Then the last shard in merged the window's statistics, and the seller sees its window beside them
    assert merged == [False] * (SHARDS - 1) + [True]
    seen = insights.seller_insights(any_store, "S1", ev.DE, now)
    assert seen["window"]["weeks"] == ["2026-W38", "2026-W39", "2026-W40", "2026-W41"]
    assert seen["units_shipped"] == 2 and seen["eligible_sellers"] == 0  # fewer than 30 units: not compared
    assert seen["marketplace_average"] == any_store.get_insight_stats(ev.DE, "2026-W41").marketplace_average
