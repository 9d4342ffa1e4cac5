"""Money amounts are strings of ASCII digits (DESIGN 3, 8): a digit of another script is refused, in an event
(dead-lettered with its reason) and over HTTP (400), even where Python's Decimal and int would read it."""
import json

import pytest

from tests.functional.test_refunds import post, recent, refund
from tests.support import events as ev
from tests.support.sqs import sqs_event

NOT_ASCII = ["\uff11.00", "\u0661.\u0660\u0660", "\u0967\u0966", "1.\u0660\u0660", "\u0661\u0662"]


@pytest.mark.parametrize("amount", NOT_ASCII)
def test_an_order_total_in_digits_of_another_script_is_dead_lettered_with_its_reason(client, queues, store, amount):
    # Given a seller, and an order whose total is written in digits of another script
    order = ev.order_placed("NA1", total=amount, occurred_at=recent(2))
    batch = [ev.seller_registered("S1", occurred_at=recent(20)), order]
    # When they arrive
    assert client.lambda_.invoke("marketplace_events", sqs_event(batch)).payload == {"batchItemFailures": []}
    # Then the order is dead-lettered with a reason naming the amount, and nothing of it is stored
    (dead,) = queues.drain("marketplace_events_dlq")
    assert json.loads(dead["body"]) == order and "amount" in dead["attributes"]["reason"]
    assert store.get_order("NA1") is None


@pytest.mark.parametrize("amount", NOT_ASCII)
def test_a_refund_amount_in_digits_of_another_script_is_a_400(client, tokens, queues, amount):
    # Given a CSBA order with a contact
    setup = [ev.seller_registered("S1", occurred_at=recent(200)),
             ev.order_placed("O1", total="150.00", occurred_at=recent(10)),
             ev.contact_created("C1", "O1", topic="damaged", occurred_at=recent(9))]
    assert client.lambda_.invoke("marketplace_events", sqs_event(setup)).payload == {"batchItemFailures": []}
    # When an agent asks for a refund written in digits of another script
    response = post(client, tokens, refund(amount=amount))
    # Then it is refused as bad input and nothing is paid
    assert response.status_code == 400 and set(json.loads(response.body)) == {"Code", "Message"}
    assert queues.drain("payments_queue") == []
