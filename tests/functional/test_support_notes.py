"""A seller's product support notes, end to end: saved over HTTP, shown to agents with each contact."""
import json

import pytest

from chalicelib.domain.clock import from_wire
from tests.functional.test_contact_routes import contact_created, deliver, order_placed
from tests.support import events as ev

NOTE = "/sellers/S1/products/B00000000A/support-notes"
JSON = {"Content-Type": "application/json"}


def put(client, headers, body, path=NOTE):
    return client.http.put(path, body=body if isinstance(body, str) else json.dumps(body), headers={**headers, **JSON})


def body(response) -> dict:
    return json.loads(response.body)


@pytest.fixture
def seller(client):
    deliver(client, ev.seller_registered("S1"))
    return client


def test_a_seller_saves_a_note_on_a_product(seller, tokens):
    # When
    response = put(seller, tokens.headers("S1"), {"text": "Ships in two boxes."})
    # Then
    assert response.status_code == 200
    note = body(response)
    assert {note["asin"], note["text"]} == {"B00000000A", "Ships in two boxes."}
    assert note["updated_at"].endswith("Z") and from_wire(note["updated_at"]) is not None


def test_a_second_put_replaces_the_note_agents_see(seller, tokens):
    # Given a note, and a contact on an order of that product
    first = body(put(seller, tokens.headers("S1"), {"text": "Old advice."}))
    deliver(seller, order_placed("O1"))
    deliver(seller, contact_created("C1", "2026-10-05T10:00:00Z", "O1"))
    # When the seller changes the note
    second = body(put(seller, tokens.headers("S1"), {"text": "New advice."}))
    # Then the case view shows the new text only
    case = body(seller.http.get("/contacts/C1", headers=tokens.headers("A1", role="agent")))
    assert case["product_notes"] == [{"asin": "B00000000A", "text": "New advice."}]
    assert from_wire(second["updated_at"]) >= from_wire(first["updated_at"])


def test_a_note_reaches_amazon_cs_with_the_next_contact_on_the_product(seller, tokens, queues):
    # Given
    put(seller, tokens.headers("S1"), {"text": "Check the serial number."})
    deliver(seller, order_placed("O1"))
    # When
    deliver(seller, contact_created("C1", "2026-10-05T10:00:00Z", "O1"))
    # Then
    (message,) = queues.drain("cs_contacts_queue")
    notes = json.loads(message["body"])["product_notes"]
    assert notes == [{"asin": "B00000000A", "text": "Check the serial number."}]


def test_a_note_of_exactly_4000_characters_is_accepted(seller, tokens):
    # When
    response = put(seller, tokens.headers("S1"), {"text": "x" * 4000})
    # Then
    assert response.status_code == 200 and len(body(response)["text"]) == 4000


@pytest.mark.parametrize("sent, says", [
    ({"text": "x" * 4001}, "4001 characters"),
    ({"text": ""}, "empty"),
    ({"text": "   \n"}, "blank"),
    ({}, "required"),
    ({"text": None}, "required"),
    ({"text": 42}, "string"),
    (["text"], "JSON object"),
    ("null", "JSON object"),
])
def test_a_missing_empty_too_long_or_non_string_text_gets_400(seller, tokens, sent, says):
    # When
    response = put(seller, tokens.headers("S1"), sent)
    # Then
    assert response.status_code == 400 and body(response)["Code"] == "BadRequestError"
    assert says in body(response)["Message"]


def test_a_body_that_is_not_json_gets_400(seller, tokens):
    # When / Then
    assert put(seller, tokens.headers("S1"), "text=hello").status_code == 400


@pytest.mark.parametrize("asin", ["b00000000a", "B0000000A", "B00000000AB", "B00000000-"])
def test_a_malformed_asin_gets_400(seller, tokens, asin):
    # When
    response = put(seller, tokens.headers("S1"), {"text": "ok"}, path=f"/sellers/S1/products/{asin}/support-notes")
    # Then
    assert response.status_code == 400 and "ASIN" in body(response)["Message"]


def test_notes_refuse_no_token_another_seller_and_an_unknown_seller(seller, tokens):
    # When / Then
    assert put(seller, {}, {"text": "ok"}).status_code == 401
    assert put(seller, tokens.headers("S2"), {"text": "ok"}).status_code == 403
    unknown = put(seller, tokens.headers("S9"), {"text": "ok"}, path="/sellers/S9/products/B00000000A/support-notes")
    assert unknown.status_code == 404 and body(unknown)["Code"] == "NotFoundError"
