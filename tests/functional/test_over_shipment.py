"""The units shipped for an order may not add up to more than its units (DESIGN 3): a shipment that would is
dead-lettered with its reason and nothing of it counts, whether it comes in the same batch, a later one, or
from a concurrent Lambda instance."""
import json
from concurrent.futures import ThreadPoolExecutor

from tests.functional.test_counters import counters_of
from tests.support import events as ev
from tests.support.sqs import sqs_event

AT = "2026-10-{:02d}T12:00:00Z"


def placed(client, units=2) -> None:
    setup = [ev.seller_registered("S1", occurred_at=AT.format(1)),
             ev.order_placed("O1", units=units, occurred_at=AT.format(2))]
    assert client.lambda_.invoke("marketplace_events", sqs_event(setup)).payload == {"batchItemFailures": []}


def test_a_shipment_of_more_units_than_the_order_has_is_dead_lettered_and_counts_nothing(client, store, queues):
    # Given a CSBA order of 2 units
    placed(client)
    # When a shipment of 1,000 units arrives
    shipment = ev.order_shipped("O1", units=1000, occurred_at=AT.format(3))
    assert client.lambda_.invoke("marketplace_events", sqs_event([shipment])).payload == {"batchItemFailures": []}
    # Then it is dead-lettered with a reason naming the units, and no shipment is counted
    (dead,) = queues.drain("marketplace_events_dlq")
    assert json.loads(dead["body"]) == shipment and "units" in dead["attributes"]["reason"]
    assert counters_of(store)[("S1#A1PA6795UKMFR9", "2026-10")] == {"csba_orders": 1}
    assert store.get_order("O1").shipped_units == 0


def test_shipments_up_to_the_order_units_count_and_the_one_past_them_does_not(client, store, queues):
    # Given a CSBA order of 3 units
    placed(client, units=3)
    # When it ships in parts, in one batch and in the next: 2, then 1, then 1 more (one too many), then 0 left
    first = [ev.order_shipped("O1", units=2, occurred_at=AT.format(3)),
             ev.order_shipped("O1", units=1, occurred_at=AT.format(4))]
    late = ev.order_shipped("O1", units=1, occurred_at=AT.format(5))
    for batch in (first, [late]):
        assert client.lambda_.invoke("marketplace_events", sqs_event(batch)).payload == {"batchItemFailures": []}
    # Then the two parts count, the third is dead-lettered
    (dead,) = queues.drain("marketplace_events_dlq")
    assert json.loads(dead["body"]) == late
    month = counters_of(store)[("S1#A1PA6795UKMFR9", "2026-10")]
    assert (month["units_shipped"], month["shipments"], store.get_order("O1").shipped_units) == (3, 2, 3)


def test_concurrent_shipments_never_add_up_past_the_order(client, store, queues, atomic_requests):
    # Given a CSBA order of 4 units
    placed(client, units=4)
    shipments = [ev.order_shipped("O1", units=1, occurred_at=AT.format(3)) for _ in range(8)]

    # When 8 shipments of one unit arrive at once, each in its own batch (its own Lambda invocation)
    def deliver(shipment):
        for _ in range(5):  # a batch item failure is redelivered, as SQS would
            if not client.lambda_.invoke("marketplace_events", sqs_event([shipment])).payload["batchItemFailures"]:
                return

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(deliver, shipments))
    # Then exactly four count and four are dead-lettered
    assert len(queues.drain("marketplace_events_dlq")) == 4
    month = counters_of(store)[("S1#A1PA6795UKMFR9", "2026-10")]
    assert (month["units_shipped"], month["shipments"], store.get_order("O1").shipped_units) == (4, 4, 4)
