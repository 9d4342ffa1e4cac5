"""Consecutive events of a batch commit in one transaction (services/open_transaction.py), and come out as if each
had been committed alone: a refused transaction is committed again event by event (through `marketplace_events`,
on moto; DynamoDB requests counted as test_cost_per_event.py counts them, tests/support/dynamodb_requests.py)."""
import pytest
from botocore.client import BaseClient
from botocore.exceptions import ClientError

from simulation import workload
from tests.support import events as ev
from tests.support.dynamodb_requests import requests_made
from tests.support.sqs import failed_ids, sqs_event

OCTOBER = "2026-10"
COUNTED = ("csba_orders", "units_shipped", "shipments", "shipments_valid_tracking", "returns")


@pytest.fixture
def dynamodb_requests(aws, monkeypatch):
    yield from requests_made(monkeypatch)


@pytest.fixture
def answer_lost(monkeypatch) -> list[str]:
    """Append an operation: the next request of it is applied, and its answer lost (a 500 after the write)."""
    armed: list[str] = []
    make_api_call = BaseClient._make_api_call

    def losing_the_answer(client, operation, params):
        answer = make_api_call(client, operation, params)
        if operation in armed:
            armed.remove(operation)
            raise ClientError({"Error": {"Code": "InternalServerError", "Message": "answer lost"},
                               "ResponseMetadata": {"HTTPStatusCode": 500}}, operation)
        return answer

    monkeypatch.setattr(BaseClient, "_make_api_call", losing_the_answer)
    return armed


def deliver(client, *envelopes) -> tuple[dict, list[str]]:
    event = sqs_event(list(envelopes))
    return client.lambda_.invoke("marketplace_events", event).payload, [r["messageId"] for r in event["Records"]]


def month_of(store, seller_id: str, marketplace_id: str) -> tuple[int, ...]:
    month = store.live_counters(seller_id, marketplace_id, OCTOBER, OCTOBER).get(OCTOBER)
    return tuple(getattr(month, name) for name in COUNTED) if month else (0,) * len(COUNTED)


def test_a_batch_of_new_events_commits_in_few_transactions_and_counts_as_events_committed_alone(
        client, store, dynamodb_requests):
    # Given the same ten events (two sellers registering, orders, shipments) twice, under other ids
    together, alone = (workload.stream(2, 5, prefix=prefix) for prefix in ("together-", "alone-"))
    # When one copy arrives as one batch, the other one event per batch
    assert deliver(client, *together)[0] == {"batchItemFailures": []}
    transactions = dynamodb_requests.count("TransactWriteItems")
    for envelope in alone:
        assert deliver(client, envelope)[0] == {"batchItemFailures": []}
    # Then the batch made at most three transactions (an order shipped after its creation commits after it)
    assert transactions <= 3
    # and counted what the events counted alone
    for grouped, single in zip(together[:2], alone[:2]):
        assert month_of(store, grouped["seller_id"], grouped["marketplace_id"]) == month_of(
            store, single["seller_id"], single["marketplace_id"]) != (0,) * len(COUNTED)


def test_a_duplicate_refuses_the_transaction_and_its_neighbours_are_committed_once_each(client, store):
    # Given a seller and an order already processed
    placed = ev.order_placed("O1", units=2, event_id="placed-O1")
    assert deliver(client, ev.seller_registered("S1", occurred_at="2026-10-01T00:00:00Z"), placed)[0] == {
        "batchItemFailures": []}
    # When a batch brings another order, that order again (redelivered), and a shipment of each
    response, _ = deliver(client, ev.order_placed("O2", units=3, event_id="placed-O2"), placed,
                          ev.order_shipped("O2", units=3, event_id="shipped-O2"),
                          ev.order_shipped("O1", units=2, event_id="shipped-O1"))
    # Then nothing fails, and each order and each shipment counts once
    assert response == {"batchItemFailures": []}
    assert month_of(store, "S1", ev.DE)[:3] == (2, 5, 2)
    assert store.get_order("O1").shipped_units == 2 and store.get_order("O2").shipped_units == 3



def test_a_transaction_applied_but_its_answer_lost_is_read_back_before_the_events_after_it(client, store, answer_lost):
    # Given a seller
    assert deliver(client, ev.seller_registered("S1", occurred_at="2026-10-01T00:00:00Z"))[0] == {
        "batchItemFailures": []}
    # When a batch places two orders together, and the transaction that commits them is applied but its answer lost,
    # before a shipment of the first order (which waits for that transaction: it writes the order again)
    answer_lost.append("TransactWriteItems")
    response, _ = deliver(client, ev.order_placed("O1", units=2, event_id="placed-O1"),
                          ev.order_placed("O2", units=3, event_id="placed-O2"),
                          ev.order_shipped("O1", units=2, event_id="shipped-O1"))
    # Then the orders, found processed when committed again alone, count once, and the shipment reads the order
    # from the table (not as the batch held it before the transaction: absent) and counts
    assert answer_lost == [] and response == {"batchItemFailures": []}
    assert month_of(store, "S1", ev.DE)[:3] == (2, 2, 1)
    assert store.get_order("O1").shipped_units == 2
