"""The rest of the store port's contract on both stores: pages of contacts, the outbox relay, write-once
statistics, snapshots and invoices read back as written; and both stores declare every method of the port."""
import inspect
import re
from copy import replace
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

from chalicelib.adapters.dynamo_app_store import DynamoAppStore
from chalicelib.domain.billing import compute_invoice
from chalicelib.domain.closing import snapshot_of
from chalicelib.domain.corrections import InvoiceDocument
from chalicelib.domain.market_stats import MarketAccumulator
from chalicelib.domain.metrics import MonthCounters
from chalicelib.domain.statistics import MarketStats, WindowStats
from chalicelib.services.app_store import AppStore
from chalicelib.services.changes import AddToCounters, CreateInvoice, CreditInvoice, QueueMessage
from chalicelib.services.ports import GroupedStore
from tests.support import events as ev
from tests.support.fakes import InMemoryStore
from tests.support.feeding import feed
from tests.unit.test_billing import BASE

T = datetime(2026, 11, 1, 2, tzinfo=timezone.utc)
SERVICES = Path(__file__).resolve().parents[2] / "chalicelib" / "services"


def test_every_store_method_a_service_calls_is_in_the_port():
    called = {name for path in SERVICES.glob("*.py") for name in re.findall(r"\bstore\.([a-z_]+)\(", path.read_text())}
    batch_only = {"read_ahead", "event", "settle"}  # the consumer's BatchStore around the port
    assert called - batch_only - set(port_methods()) == set() and len(called) > 40


def port_methods() -> dict[str, type]:
    """Each method of the port, and the protocol declaring it (a batch's grouped commits apart: GroupedStore)."""
    return {name: port for port in (GroupedStore, AppStore) for name, _ in inspect.getmembers(port, inspect.isfunction)
            if not name.startswith("_")}


def test_both_stores_implement_every_method_of_the_port_with_its_parameters():
    for name, port in port_methods().items():
        wanted = list(inspect.signature(getattr(port, name)).parameters)
        for store in (DynamoAppStore, InMemoryStore):
            assert list(inspect.signature(getattr(store, name)).parameters) == wanted, (store, name)


def test_pages_of_contacts_resume_where_the_last_ended(any_store):
    feed(any_store, ev.seller_registered("S1", occurred_at="2026-10-01T00:00:00Z"), ev.order_placed("O1"),
         *(ev.contact_created(f"C{n}", "O1", occurred_at=f"2026-10-03T12:0{n}:00Z") for n in range(1, 6)))
    first, position = any_store.csba_contacts("S1", ev.DE, None, 3, None)
    rest, end = any_store.csba_contacts("S1", ev.DE, None, 3, position)
    assert [c.contact_id for c in first + rest] == ["C5", "C4", "C3", "C2", "C1"] and end is None
    assert position == {"seller_id": "S1", "created_key": "2026-10-03T12:03:00Z#C3", "contact_id": "C3"}
    assert any_store.csba_contacts("S1", ev.UK, None, 3, None) == ([], None)
    assert any_store.overdue_contacts("2026-10-04T12:02:30Z") == ["C1", "C2"]


def test_a_message_left_pending_is_relayed_once_by_one_taker(any_store):
    any_store.commit([QueueMessage("m:1", "payments_queue", {"n": 1})])
    now, later = "2099-01-01T00:00:00Z", "2099-01-01T00:10:00Z"
    assert [m.key for m in any_store.stale_pending_messages(now)] == ["m:1"]
    assert any_store.claim_unsent("m:1", now, "2000-01-01T00:00:00Z") is None  # not old enough yet
    assert any_store.claim_unsent("m:1", now, now).body == {"n": 1}
    assert any_store.claim_unsent("m:1", now, now) is None  # taken
    assert any_store.claim_unsent("m:1", later, later) is not None  # the taker's time ran out
    any_store.mark_sent("m:1")
    assert any_store.stale_pending_messages(later) == [] and any_store.claim_unsent("m:1", later, later) is None


def test_a_closed_months_statistics_are_written_once_and_a_re_close_replaces_them(any_store):
    first = MarketStats(ev.DE, "2026-10", 31, {"cpu": Decimal("0.0123"), "x": None}, {"cpu": Decimal("0.01")})
    any_store.save_market_stats(first, T)
    any_store.save_market_stats(replace(first, eligible_sellers=99), T)
    assert any_store.get_market_stats(ev.DE, "2026-10") == first
    any_store.mark_invoices_enqueued(ev.DE, "2026-10")
    any_store.replace_market_stats(replace(first, eligible_sellers=32), T)
    assert any_store.get_market_stats(ev.DE, "2026-10") == replace(first, eligible_sellers=32, invoices_enqueued=True)
    assert any_store.closed_months(ev.DE, "2026-09", "2026-12") == {"2026-10": first.marketplace_average}
    assert any_store.get_market_stats(ev.UK, "2026-10") is None and any_store.last_closed_month(ev.UK) is None


def test_counters_and_snapshots_read_back_as_written(any_store):
    any_store.commit([AddToCounters("S2", ev.DE, "2026-10", (("units_shipped", 40), ("contacts", 2))),
                      AddToCounters("S1", ev.DE, "2026-09", (("units_shipped", 3),)),
                      AddToCounters("S1", ev.DE, "2026-10", (("units_shipped", 5),))])
    assert [s for s, _ in any_store.counter_stream(ev.DE, "2026-10")] == ["S1", "S2"]
    live = any_store.live_counters("S1", ev.DE, "2026-07", "2026-10")
    assert live == {"2026-09": MonthCounters(units_shipped=3), "2026-10": MonthCounters(units_shipped=5)}
    rows = any_store.counter_stream(ev.DE, "2026-10")
    snapshots = [snapshot_of(seller, ev.DE, "2026-10", {"2026-10": counters}) for seller, counters in rows]
    any_store.save_snapshots(snapshots, T)
    assert list(any_store.snapshot_stream(ev.DE, "2026-10")) == snapshots
    assert any_store.get_snapshot("S1", ev.DE, "2026-10", consistent=True) == snapshots[0]
    assert any_store.snapshots_of("S1", ev.DE, ["2026-09", "2026-10"]) == {"2026-10": snapshots[0]}


def test_invoices_read_back_with_their_status(any_store):
    october, november = (compute_invoice(replace(BASE, month=m)) for m in ("2026-10", "2026-11"))
    any_store.commit([CreateInvoice(october), CreateInvoice(november)])
    any_store.commit([CreditInvoice(october.invoice_id)])
    assert any_store.get_invoice(october.invoice_id) == InvoiceDocument(october, "credited")
    assert [d.invoice for d in any_store.seller_invoices("S1", None, None)] == [november, october]
    assert any_store.seller_invoices("S1", ev.UK, None) == [] and any_store.seller_invoices("S2", None, None) == []
    assert [d.invoice for d in any_store.invoices_between("S1", BASE.marketplace_id, "2026-11", "2026-12")] == [
        november]


def test_insight_partials_and_statistics_are_written_once(any_store):
    accumulator = MarketAccumulator()
    accumulator.add(MonthCounters(units_shipped=40, contacts=1))
    any_store.save_insight_partial(ev.DE, "2026-W41", 3, accumulator, T)
    any_store.save_insight_partial(ev.DE, "2026-W41", 3, MarketAccumulator(), T)
    assert any_store.get_insight_partial(ev.DE, "2026-W41", 3).to_dict() == accumulator.to_dict()
    assert [p.to_dict() for p in any_store.insight_partials(ev.DE, "2026-W41")] == [accumulator.to_dict()]
    assert any_store.get_insight_partial(ev.DE, "2026-W41", 4) is None
    stats = WindowStats(1, {"cpu": Decimal("0.025")}, {"cpu": None})
    any_store.save_insight_stats(ev.DE, "2026-W41", stats, T)
    any_store.save_insight_stats(ev.DE, "2026-W41", replace(stats, eligible_sellers=7), T)
    assert any_store.get_insight_stats(ev.DE, "2026-W41") == stats
