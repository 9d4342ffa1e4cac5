"""Monthly counters equal a hand-computed month, also with every event delivered twice in shuffled batches."""
import json
import random

import pytest

from chalicelib.domain.metrics import COUNTER_NAMES
from tests.support import events as ev
from tests.support.sqs import sqs_event


def scripted_month() -> list[dict]:
    """October 2026 for seller S1 in DE (enrolled from 1 Oct), and one order of S2 (not enrolled)."""
    at = lambda day, hour=12: f"2026-10-{day:02d}T{hour:02d}:00:00Z"  # noqa: E731
    return [
        ev.seller_registered("S1", occurred_at=at(1, 0), event_id="reg"),
        ev.order_placed("O1", units=2, occurred_at=at(2), event_id="o1"),
        ev.order_placed("O2", units=1, occurred_at=at(3), event_id="o2"),
        ev.order_placed("O3", units=3, channel="AFN", occurred_at=at(3), event_id="o3"),
        ev.seller_registered("S2", occurred_at=at(5), event_id="reg2"),
        ev.order_placed("O4", units=5, occurred_at=at(4), seller_id="S2", event_id="o4"),  # before S2 enrolled
        ev.order_shipped("O1", units=2, tracking_valid=True, occurred_at=at(4), event_id="s1"),
        ev.order_shipped("O2", units=1, tracking_valid=False, occurred_at=at(5), event_id="s2"),
        ev.order_shipped("O3", units=3, occurred_at=at(5), event_id="s3"),
        ev.return_requested("O1", "R1", prepaid_label=True, occurred_at=at(10), event_id="r1"),
        ev.return_requested("O2", "R2", prepaid_label=False, occurred_at=at(11), event_id="r2"),
        ev.contact_created("C1", "O1", topic="damaged", occurred_at=at(6, 8), event_id="c1"),
        ev.contact_created("C2", "O2", topic="return_request", occurred_at=at(7, 8), event_id="c2"),
        ev.contact_created("C3", "O1", topic="invoice", occurred_at=at(7, 9), event_id="c3"),
        ev.contact_responded("C1", at(6, 10), event_id="a1"),          # 120 minutes, within 24 h
        ev.contact_responded("C1", at(6, 11), event_id="a1-again"),    # a second response: not measured
        ev.contact_responded("C2", at(8, 18), event_id="a2"),          # 34 h = 2040 minutes, late
        ev.survey_answered("C1", False, occurred_at=at(9), event_id="q1"),
        ev.survey_answered("C1", True, occurred_at=at(12), event_id="q1-changed"),  # latest answer wins
        ev.survey_answered("C2", False, occurred_at=at(13), event_id="q2"),
        ev.contact_resolved("C2", occurred_at=at(14), event_id="z2"),
    ]


EXPECTED_S1_OCTOBER = {
    "csba_orders": 2, "units_shipped": 3, "units_shipped_trial": 3, "shipments": 2, "shipments_valid_tracking": 1,
    "returns": 2, "returns_prepaid_label": 1, "contacts": 2, "contacts_preventable": 1, "responses": 2,
    "responses_within_24h": 1, "response_minutes_total": 120 + 2040, "survey_answers": 2, "survey_no": 1,
    "seller_contacts": 1,  # C3, an invoice question: the seller's
}


def counters_of(store) -> dict:
    result = {}
    for record in store.t.CounterRecord.scan():
        values = {name: int(getattr(record, name) or 0) for name in COUNTER_NAMES}
        result[(record.seller_market, record.month)] = {k: v for k, v in values.items() if v}
    return result


def deliver_in_batches(client, envelopes, batch_size=10):
    pending = list(envelopes)
    for _ in range(10):  # records waiting for what they refer to come back, as SQS would redeliver them
        failed = []
        for start in range(0, len(pending), batch_size):
            batch = pending[start:start + batch_size]
            event = sqs_event(batch)
            response = client.lambda_.invoke("marketplace_events", event).payload
            ids = {f["itemIdentifier"] for f in response["batchItemFailures"]}
            failed += [body for body, record in zip(batch, event["Records"]) if record["messageId"] in ids]
        if not failed:
            return
        pending = failed
    pytest.fail(f"never processed: {pending}")


def test_counters_equal_the_hand_computed_month(client, store):
    deliver_in_batches(client, scripted_month())
    assert counters_of(store) == {(f"S1#{ev.DE}", "2026-10"): EXPECTED_S1_OCTOBER}


def test_every_event_twice_in_shuffled_batches_gives_the_same_counters(client, store):
    twice = scripted_month() * 2
    random.Random(7).shuffle(twice)
    deliver_in_batches(client, twice, batch_size=7)
    assert counters_of(store) == {(f"S1#{ev.DE}", "2026-10"): EXPECTED_S1_OCTOBER}


def test_routed_messages_are_sent_once_per_contact_even_when_events_repeat(client, queues):
    twice = scripted_month() * 2
    random.Random(3).shuffle(twice)
    deliver_in_batches(client, twice)
    to_cs = [json.loads(m["body"])["contact_id"] for m in queues.drain("cs_contacts_queue")]
    to_seller = [json.loads(m["body"])["contact_id"] for m in queues.drain("seller_messages_queue")]
    assert sorted(to_cs) == ["C1", "C2"] and to_seller == ["C3"]


def test_an_order_or_contact_announced_again_under_another_event_id_counts_once(client, store, queues):
    again = [ev.seller_registered("S1", occurred_at="2026-10-01T00:00:00Z"),
             ev.order_placed("O1", occurred_at="2026-10-02T00:00:00Z", event_id="first"),
             ev.order_placed("O1", occurred_at="2026-10-02T00:00:00Z", event_id="second"),
             ev.contact_created("C1", "O1", occurred_at="2026-10-03T00:00:00Z", event_id="c-first"),
             ev.contact_created("C1", "O1", occurred_at="2026-10-03T00:00:00Z", event_id="c-second")]
    deliver_in_batches(client, again)
    (counted,) = counters_of(store).values()
    assert counted["csba_orders"] == 1 and counted["contacts"] == 1
    assert len(queues.drain("cs_contacts_queue")) == 1
    assert store.t.ProcessedEventRecord.count() == 5
