"""Issue 22: no partition key takes more than 0.1 writes per event (500 writes/s at 5,000 events/s, half of
DynamoDB's 1,000 per key) when 150 sellers of one marketplace send a month of events through the real
`marketplace_events`; each write is charged to its table's key and to the key of each index it touches
(simulation/partition_keys.py). The sweep and the close then read every shard of the indexes those writes
spread: every overdue contact is escalated, every seller with counters is closed with its own counters."""
import json
from collections import Counter

import botocore.session
import pytest

from simulation.moto_patches import linear_moto
from simulation.partition_keys import KEY_BUDGET, PEAK, KeyLedger
from simulation.recorder import Recorder
from simulation.workload import one_marketplace
from chalicelib.domain.metrics import COUNTER_NAMES, MonthCounters
from chalicelib.entrypoints import wiring
from tests.support.sqs import pump, sqs_event

MAX_PER_EVENT = KEY_BUDGET / PEAK  # 0.1


@pytest.fixture
def recorded(aws, monkeypatch):
    """Every AWS request of the clients built from now on, with its parameters and HTTP status."""
    recorder, create_client = Recorder(), botocore.session.Session.create_client

    def recording(self, *args, **kwargs):
        client = create_client(self, *args, **kwargs)
        recorder.attach(client)
        return client

    monkeypatch.setattr(botocore.session.Session, "create_client", recording)
    wiring.reset()
    yield recorder
    wiring.reset()


def scheduled(at: str) -> dict:
    return {"version": "0", "id": "x", "detail-type": "Scheduled Event", "source": "aws.events",
            "account": "123456789012", "time": at, "region": "us-east-1", "resources": [], "detail": {}}


def test_no_key_takes_a_tenth_of_the_writes_of_many_sellers_and_the_readers_read_every_shard(client, store,
                                                                                             recorded):
    # Given a month of 150 sellers in DE through the real handler, in batches of 10
    envelopes = one_marketplace(sellers=150, events_per_seller=10)
    with linear_moto():  # moto's transactions back up the items they name, not whole tables
        for start in range(0, len(envelopes), 10):
            response = client.lambda_.invoke("marketplace_events", sqs_event(envelopes[start:start + 10])).payload
            assert response == {"batchItemFailures": []}
    # When every write is charged to its keys
    ledger = KeyLedger().add(recorded.take())
    # Then no key passes the budget, the former hot keys included
    hottest = ledger.hottest(8)
    assert hottest[0][1] / len(envelopes) <= MAX_PER_EVENT, hottest
    sharded = Counter(index for (_, index, _) in ledger.writes if index in ("by-market-month", "pending",
                                                                               "awaiting-response"))
    assert min(sharded.values()) > 1 and len(sharded) == 3, sharded
    # And the sweep's reader finds every overdue contact, whatever its shard
    waiting = {c.contact_id for c in store.t.ContactRecord.scan() if c.awaiting_response}
    swept = client.lambda_.invoke("daily_sweep", scheduled("2026-12-01T00:00:00Z")).payload
    assert swept["escalated"] == len(waiting) > 20
    assert not any(c.awaiting_response for c in store.t.ContactRecord.scan())
    # And the close's reader closes every seller with October counters, with its own counters
    client.lambda_.invoke("monthly_close", scheduled("2026-11-01T02:00:00Z"))
    pump(client, "billing_jobs", "billing_jobs_queue", rounds=100)
    counted = {c.seller_id: c for c in store.t.CounterRecord.scan() if c.month == "2026-10"}
    snapshots = {s.seller_id: json.loads(s.figures) for s in store.t.SnapshotRecord.scan()}
    assert set(snapshots) == set(counted) and len(counted) > 100
    assert all(MonthCounters.from_mapping(snapshots[s]["counters"]) == counters_of(counted[s]) for s in counted)


def counters_of(record) -> MonthCounters:
    return MonthCounters.from_mapping({name: int(getattr(record, name) or 0) for name in COUNTER_NAMES})
