"""Routing of contacts (DESIGN section 4), one case per rule, through the real handler and queues."""
import json
from copy import replace

import pytest

from chalicelib.domain import marketplaces
from tests.support import events as ev
from tests.support.sqs import sqs_event

CS_FIELDS = {"contact_id", "kind", "seller_id", "marketplace_id", "order_id", "asin", "channel", "language", "skill",
             "priority", "topic", "preventable", "respond_by", "product_notes"}
SELLER_FIELDS = {"contact_id", "seller_id", "marketplace_id", "order_id", "asin", "channel", "language", "topic",
                 "respond_by", "reason"}


@pytest.fixture
def deliver(client):
    def deliver(*envelopes):
        response = client.lambda_.invoke("marketplace_events", sqs_event(list(envelopes))).payload
        assert response == {"batchItemFailures": []}
    deliver(ev.seller_registered("S1", occurred_at="2026-10-01T00:00:00Z"))
    return deliver


def only_message(queues, attr):
    messages = queues.drain(attr)
    assert len(messages) == 1, messages
    return json.loads(messages[0]["body"]), messages[0]["attributes"]


def test_a_csba_order_contact_goes_to_amazon_cs_with_exactly_the_listed_fields(deliver, queues):
    # Given a CSBA order and a contact about it
    deliver(ev.order_placed("O1"), ev.contact_created("C1", "O1", occurred_at="2026-10-05T10:00:00Z"))
    # Then
    body, attributes = only_message(queues, "cs_contacts_queue")
    assert set(body) == CS_FIELDS
    assert body["kind"] == "csba" and body["skill"] == "DE-de-email" and body["priority"] == "normal"
    assert body["respond_by"] == "2026-10-06T10:00:00Z" and body["preventable"] is True
    assert attributes["idempotency_key"] == "contact:C1"
    assert queues.drain("seller_messages_queue") == []


def test_the_product_notes_travel_with_the_contact(deliver, queues, store):
    store.t.SupportNoteRecord("S1", "B000000001", text="Use the blue screws", updated_at=_now()).save()
    deliver(ev.order_placed("O1"), ev.contact_created("C1", "O1"))
    body, _ = only_message(queues, "cs_contacts_queue")
    assert body["product_notes"] == [{"asin": "B000000001", "text": "Use the blue screws"}]


def test_an_afn_order_contact_goes_to_amazon_cs_as_fba_and_is_not_counted(deliver, queues, store):
    deliver(ev.order_placed("O1", channel="AFN"), ev.contact_created("C1", "O1"))
    body, _ = only_message(queues, "cs_contacts_queue")
    assert body["kind"] == "fba"
    assert store.t.CounterRecord.count() == 0


@pytest.mark.parametrize("order, reason", [
    (ev.order_placed("O1", channel="MCF"), "mcf"),
    (ev.order_placed("O1", sfp=True), "seller_fulfilled_prime"),
    (ev.order_placed("O1", seller_id="S2"), "not_enrolled"),
])
def test_contacts_on_orders_csba_does_not_cover_go_to_the_seller(deliver, queues, order, reason):
    seller = order["seller_id"]
    deliver(ev.seller_registered("S2", occurred_at="2026-10-20T00:00:00Z"), order,
            ev.contact_created("C1", "O1", seller_id=seller))
    body, _ = only_message(queues, "seller_messages_queue")
    assert set(body) == SELLER_FIELDS and body["reason"] == reason
    assert queues.drain("cs_contacts_queue") == []


def test_an_order_placed_before_opting_out_stays_covered(deliver, queues, client, tokens):
    deliver(ev.order_placed("O1", occurred_at="2026-10-03T12:00:00Z"))
    assert client.http.delete(f"/sellers/S1/enrollments/{ev.DE}", headers=tokens.headers("S1")).status_code == 200
    later = _in_minutes(5)  # the opt-out took effect at the real "now"
    deliver(ev.order_placed("O2", occurred_at=later), ev.contact_created("C1", "O1", occurred_at=later),
            ev.contact_created("C2", "O2", occurred_at=later))
    assert only_message(queues, "cs_contacts_queue")[0]["contact_id"] == "C1"
    assert only_message(queues, "seller_messages_queue")[0]["reason"] == "not_enrolled"


@pytest.mark.parametrize("topic", ["invoice", "customization"])
def test_invoice_and_customization_questions_stay_with_the_seller(deliver, queues, topic):
    deliver(ev.order_placed("O1"), ev.contact_created("C1", "O1", topic=topic))
    assert only_message(queues, "seller_messages_queue")[0]["reason"] == "excluded_topic"


def test_a_pre_order_contact_stays_with_the_seller_where_the_policy_does_not_cover_it(deliver, queues):
    deliver(ev.contact_created("C1", asin="B000000009", topic="product_question"))
    body, _ = only_message(queues, "seller_messages_queue")
    assert body["reason"] == "pre_order_not_covered" and body["order_id"] is None


def test_a_pre_order_contact_goes_to_csba_where_the_policy_covers_it(deliver, queues, monkeypatch):
    covered = replace(marketplaces.MARKETPLACES[ev.DE], covers_pre_order_contacts=True)
    monkeypatch.setitem(marketplaces.MARKETPLACES, ev.DE, covered)
    deliver(ev.contact_created("C1", asin="B000000009", topic="product_question"))
    body, _ = only_message(queues, "cs_contacts_queue")
    assert body["kind"] == "csba" and body["asin"] == "B000000009" and body["preventable"] is False


def test_a_buyer_language_the_marketplace_does_not_support_gets_its_default(deliver, queues):
    deliver(ev.order_placed("O1"), ev.contact_created("C1", "O1", language="pt-BR", channel="chat"))
    body, _ = only_message(queues, "cs_contacts_queue")
    assert body["language"] == "de" and body["skill"] == "DE-de-chat"


def test_a_supported_buyer_language_is_kept(deliver, queues):
    deliver(ev.order_placed("O1"), ev.contact_created("C1", "O1", language="en-GB", channel="phone"))
    assert only_message(queues, "cs_contacts_queue")[0]["skill"] == "DE-en-phone"


def _in_minutes(minutes: int) -> str:
    from datetime import timedelta

    from chalicelib.domain.clock import to_wire
    return to_wire(_now() + timedelta(minutes=minutes))


def _now():
    from chalicelib.domain.clock import utc_now
    return utc_now()
