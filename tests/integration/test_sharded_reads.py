"""The write-sharded index keys (chalicelib/adapters/shards.py) on moto: items spread over every shard, and each
reader returns every item of every shard once, in the order a single key gave (the shards merged)."""
from datetime import datetime, timedelta, timezone

from chalicelib.adapters import shards
from chalicelib.domain.clock import to_wire
from chalicelib.domain.contacts import Contact
from chalicelib.domain.metrics import MonthCounters
from chalicelib.services.changes import AddToCounters, QueueMessage, SaveContact

DE, T0 = "A1PA6795UKMFR9", datetime(2026, 10, 1, tzinfo=timezone.utc)


def index_keys(record, attribute: str) -> set[str]:
    return {getattr(item, attribute) for item in record.scan() if getattr(item, attribute)}


def test_every_sellers_counters_come_back_once_in_seller_order_from_every_shard(store):
    # Given counters of 200 sellers in one marketplace-month, added in an order that is not the sellers'
    sellers = [f"S{n:04d}" for n in range(200)]
    for n, seller in enumerate(reversed(sellers)):
        store.commit([AddToCounters(seller, DE, "2026-10", (("units_shipped", n + 1),))])
    # When the close's reader streams the month
    streamed = list(store.counter_stream(DE, "2026-10"))
    # Then every seller comes once, in seller order, with its own counters, from every shard
    assert [seller for seller, _ in streamed] == sellers
    assert dict(streamed)["S0199"] == MonthCounters(units_shipped=1)
    assert index_keys(store.t.CounterRecord, "market_month") == set(shards.counter_keys(DE, "2026-10"))
    assert list(store.counter_stream(DE, "2026-09")) == []


def contact(n: int) -> Contact:
    created = T0 + timedelta(minutes=37 * n % 500)
    return Contact(f"C{n}", "S1", DE, "O1", None, "email", "de-DE", "de-DE", "damaged", True, created,
                   created + timedelta(hours=24), "csba", None)


def test_the_sweep_finds_the_overdue_contacts_of_every_shard_in_respond_by_order(store):
    # Given 60 CSBA contacts awaiting a response, with deadlines over eight hours
    contacts = [contact(n) for n in range(60)]
    store.commit([SaveContact(c) for c in contacts[:30]])
    store.commit([SaveContact(c) for c in contacts[30:]])
    cutoff = T0 + timedelta(hours=28)
    # When the sweep's reader asks for those overdue at the cutoff
    overdue = store.overdue_contacts(to_wire(cutoff))
    # Then it has each contact past its deadline once, earliest deadline first
    expected = sorted((c for c in contacts if c.respond_by < cutoff), key=lambda c: (c.respond_by, c.contact_id))
    assert sorted(overdue) == sorted(c.contact_id for c in expected) and len(overdue) < 60
    by_id = {c.contact_id: c for c in contacts}
    assert [by_id[i].respond_by for i in overdue] == [c.respond_by for c in expected]
    assert len(index_keys(store.t.ContactRecord, "awaiting_response")) == shards.AWAITING_SHARDS


def test_the_relay_finds_the_stale_pending_messages_of_every_shard(store):
    # Given 40 messages committed and never sent
    keys = [f"contact:C{n}" for n in range(40)]
    for key in keys:
        store.commit([QueueMessage(key, "cs_contacts_queue", {"contact_id": key})])
    # When the relay asks for those pending since before now, then one is sent
    stale = store.stale_pending_messages(to_wire(datetime.now(timezone.utc) + timedelta(minutes=1)))
    store.mark_sent(keys[0])
    # Then it has all 40, from every shard; the sent one is no longer pending
    assert sorted(m.key for m in stale) == sorted(keys)
    assert len(index_keys(store.t.OutboxRecord, "pending")) == shards.PENDING_SHARDS
    later = store.stale_pending_messages(to_wire(datetime.now(timezone.utc) + timedelta(minutes=1)))
    assert sorted(m.key for m in later) == sorted(keys[1:])
