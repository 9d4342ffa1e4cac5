"""The reference model itself, on cases small enough to check by hand."""
from datetime import datetime, timezone
from decimal import Decimal

from tests.functional.test_whole_history_billing import issue_15_history
from tests.model.insights import insights, seller_contacts, window
from tests.model.model import Model
from tests.support import events as ev


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def test_the_issue_15_seller_is_billed_tier_2_in_may():
    invoice = Model(issue_15_history()).invoice("S15", ev.DE, "2026-05")
    assert [(line["rule"], line["units"], line["amount"]["amount"]) for line in invoice["lines"]] == [
        ("tier_2", 30, "12.30")]
    assert (invoice["tax"]["amount"]["amount"], invoice["total"]["amount"]) == ("2.34", "14.64")


def test_a_duplicated_event_counts_once_and_an_invalid_one_counts_nothing():
    placed = ev.order_placed("O1", units=4, occurred_at="2026-10-02T10:00:00Z")
    shipped = ev.order_shipped("O1", units=4, occurred_at="2026-10-03T10:00:00Z")
    over = ev.order_shipped("O1", units=5, occurred_at="2026-10-04T10:00:00Z")
    elsewhere = {**ev.order_shipped("O1", units=1), "marketplace_id": "A2EUQ1WTGCTBG2"}
    model = Model([ev.seller_registered(occurred_at="2026-01-05T00:00:00Z"), placed, shipped, shipped, over,
                   elsewhere])
    assert model.counts("S1", ev.DE, "2026-10")["units_shipped"] == 4


def test_a_month_without_events_has_no_invoice_but_its_windows_still_count():
    model = Model(issue_15_history())
    assert model.invoice("S15", ev.DE, "2026-06") is None
    assert model.report("S15", ev.DE, "2026-06", closed=True)["next_tier"] == 2  # 4 contacts / 66 units Apr-Jun: 6.1%


def test_the_insights_window_is_the_four_complete_iso_weeks_before_now():
    assert window(utc("2026-11-18T12:00:00")) == (utc("2026-10-19T00:00:00"), utc("2026-11-16T00:00:00"))
    assert window(utc("2026-11-16T00:00:00")) == (utc("2026-10-19T00:00:00"), utc("2026-11-16T00:00:00"))
    body = insights(Model(issue_15_history()).history, "S15", ev.DE, utc("2026-03-04T00:00:00"))
    assert [w["week"] for w in body["weeks"]] == ["2026-W06", "2026-W07", "2026-W08", "2026-W09"]  # Feb 2 - Mar 2
    assert body["rates"]["contacts_per_unit"] == Decimal("0.1111")  # 4 / 36: February's 36 units and 4 contacts


def test_contacts_the_seller_answers_are_counted_apart():
    at = "2026-10-05T10:00:00Z"
    orders = [ev.order_placed("MCF1", channel="MCF", occurred_at=at),
              ev.order_placed("AFN1", channel="AFN", occurred_at=at),
              ev.order_placed("SFP1", sfp=True, occurred_at=at), ev.order_placed("MFN1", occurred_at=at)]
    contacts = [ev.contact_created(f"C-{o}", o, occurred_at=at) for o in ("MCF1", "AFN1", "SFP1")]
    contacts += [ev.contact_created("C-inv", "MFN1", topic="invoice", occurred_at=at),
                 ev.contact_created("C-pre", None, asin="B000000001", occurred_at=at),
                 ev.contact_created("C-csba", "MFN1", occurred_at=at)]
    model = Model([ev.seller_registered(occurred_at="2026-01-05T00:00:00Z"), *orders, *contacts])
    assert seller_contacts(model.history, "S1", ev.DE, "2026-10") == 4  # MCF, SFP, invoice topic, pre-order
    assert model.counts("S1", ev.DE, "2026-10")["contacts"] == 1  # the AFN one goes to Amazon CS, kind fba


def test_the_sellers_first_reply_counts_in_the_contacts_month():
    from tests.model.history import Action

    created = "2026-10-31T20:00:00Z"  # the first reply comes 28 hours later, in November: not within 24 h
    history = [ev.seller_registered(occurred_at="2026-01-05T00:00:00Z"),
               ev.order_placed("MCF1", channel="MCF", occurred_at="2026-10-30T10:00:00Z"),
               ev.contact_created("C1", "MCF1", occurred_at=created)]
    replies = [Action(utc("2026-11-02T02:00:00"), "S1", ev.DE, "reply", "C1"),
               Action(utc("2026-11-02T00:00:00"), "S1", ev.DE, "reply", "C1")]  # the first (28 h), listed second
    counts = Model(history, replies).counts("S1", ev.DE, "2026-10")
    assert (counts["seller_contacts"], counts["seller_replies"], counts["seller_replies_within_24h"]) == (1, 1, 0)
