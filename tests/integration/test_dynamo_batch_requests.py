"""DynamoStore's batch requests on moto: more keys than one request takes, and throttled (unprocessed) parts.

DynamoDB may answer a BatchGetItem or BatchWriteItem only in part, returning the rest as UnprocessedKeys or
UnprocessedItems; `throttled` (conftest.py) makes moto's answers do that, through botocore's before-call event.
"""
from datetime import datetime, timezone

from chalicelib.adapters import mapping
from chalicelib.domain import orders
from chalicelib.domain.money import Money
from chalicelib.services.changes import QueueMessage
from chalicelib.services.ports import ORDER, SELLER

PLACED = datetime(2026, 10, 2, tzinfo=timezone.utc)


def seed_orders(store, count: int) -> None:
    with store.t.OrderRecord.batch_write() as batch:
        for n in range(count):
            order = orders.place(f"O{n}", "S1", "A1PA6795UKMFR9", PLACED, "MFN", False, 1, Money(1999, "EUR"),
                                 ("B000000001",), None)
            batch.save(mapping.order_record(store.t, order))


def test_prefetch_of_more_keys_than_one_request_takes(store):
    # Given 120 orders
    seed_orders(store, 120)
    keys = [(ORDER, f"O{n}") for n in range(150)]
    # When 150 are asked for (100 is BatchGetItem's limit)
    found = store.prefetch(keys)
    # Then each is answered: the 120 orders, and None for the 30 never placed
    assert set(found) == set(keys)
    assert [found[(ORDER, f"O{n}")].order_id for n in range(120)] == [f"O{n}" for n in range(120)]
    assert all(found[(ORDER, f"O{n}")] is None for n in range(120, 150))


def test_prefetch_asks_again_for_what_a_throttled_answer_left_unprocessed(store, throttled):
    seed_orders(store, 3)
    throttled("BatchGetItem", 2)
    found = store.prefetch([(ORDER, "O0"), (ORDER, "O2"), (ORDER, "O7")])
    assert (found[(ORDER, "O0")].order_id, found[(ORDER, "O2")].order_id, found[(ORDER, "O7")]) == ("O0", "O2", None)


def test_keys_still_unprocessed_are_left_out_never_answered_as_absent(store, throttled):
    # Given DynamoDB throttling every batch read
    seed_orders(store, 2)
    throttled("BatchGetItem", None)
    # When
    found = store.prefetch([(ORDER, "O0"), (SELLER, "S1")])
    # Then nothing is claimed absent; a single read still finds the order
    assert found == {}
    assert store.seller_and_enrollment("S1", "A1PA6795UKMFR9") == (None, None)
    assert store.get_order("O0").order_id == "O0"


def test_an_aws_error_leaves_the_keys_unanswered_and_the_messages_pending(store, throttled):
    seed_orders(store, 1)
    store.commit([QueueMessage("m:1", "payments_queue", {})])
    throttled("BatchGetItem", 1, error="InternalServerError")
    throttled("BatchWriteItem", 1, error="InternalServerError")
    assert store.prefetch([(ORDER, "O0")]) == {}
    assert store.mark_all_sent(["m:1"]) == ["m:1"]
    assert store.prefetch([(ORDER, "O0")])[(ORDER, "O0")].order_id == "O0"
    assert [m.key for m in store.pending_messages(["m:1"])] == ["m:1"]


def test_sent_marks_ask_again_for_unprocessed_items_and_report_what_stays_pending(store, throttled):
    # Given 30 queued messages
    keys = [f"m:{n}" for n in range(30)]
    store.commit([QueueMessage(key, "payments_queue", {"n": n}) for n, key in enumerate(keys)])
    # When the first request is throttled, then all from the second batch on are
    throttled("BatchWriteItem", 1)
    assert store.mark_all_sent(keys[:20]) == []
    throttled("BatchWriteItem", None)
    left = store.mark_all_sent(keys[20:])
    # Then the first 20 are marked; the other 10 are reported and still pending, for the sweep
    assert sorted(left) == sorted(keys[20:])
    assert sorted(m.key for m in store.pending_messages(keys)) == sorted(keys[20:])
