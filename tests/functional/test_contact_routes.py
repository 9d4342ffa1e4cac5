"""The seller's contacts list and the agent's case view, end to end: events in, HTTP out, through moto."""
import base64
import json

import pytest

from tests.support import events as ev
from tests.support.sqs import sqs_event

CONTACTS = "/sellers/S1/contacts"
ASINS = ("B00000000A", "B00000000B")


def order_placed(order_id, *, channel="MFN", sfp=False, marketplace_id=ev.DE, currency="EUR", asins=ASINS):
    detail = {"order_id": order_id, "fulfillment_channel": channel, "seller_fulfilled_prime": sfp, "units": 2,
              "order_total": {"amount": "12.34", "currency": currency}, "asins": list(asins)}
    return ev.envelope("OrderPlaced", detail, marketplace_id=marketplace_id, occurred_at="2026-10-04T09:00:00Z")


def contact_created(contact_id, at, order_id=None, *, asin=None, topic="damaged", marketplace_id=ev.DE):
    detail = {"contact_id": contact_id, "order_id": order_id, "asin": asin, "channel": "email",
              "language": "en-GB", "topic": topic, "message": "Where is it?"}
    return ev.envelope("ContactCreated", detail, marketplace_id=marketplace_id, occurred_at=at)


def deliver(client, *envelopes):
    assert client.lambda_.invoke("marketplace_events", sqs_event(list(envelopes))).payload == {"batchItemFailures": []}


def body(response) -> dict:
    return json.loads(response.body)


def ids(response) -> list[str]:
    return [c["contact_id"] for c in body(response)["contacts"]]


@pytest.fixture
def seller(client):
    deliver(client, ev.seller_registered("S1"), ev.seller_registered("S1", marketplace_id=ev.UK, country="DE"))
    return client


@pytest.fixture
def handled(seller):
    """Six CSBA contacts (C1..C5 in DE, CU in UK, oldest first) among three the seller or FBA handles."""
    deliver(seller, *[order_placed(f"O{n}") for n in range(1, 6)], order_placed("OF", channel="AFN"),
            order_placed("OS", sfp=True), order_placed("OU", marketplace_id=ev.UK, currency="GBP"))
    deliver(seller, *[contact_created(f"C{n}", f"2026-10-05T0{n}:00:00Z", f"O{n}") for n in range(1, 6)])
    deliver(seller, contact_created("CF", "2026-10-05T02:30:00Z", "OF"),
            contact_created("CS", "2026-10-05T03:30:00Z", "OS"),
            contact_created("CI", "2026-10-05T04:30:00Z", "O1", topic="invoice"),
            contact_created("CU", "2026-10-05T06:00:00Z", "OU", marketplace_id=ev.UK))
    return seller


@pytest.mark.parametrize("limit, pages", [
    (2, [["CU", "C5"], ["C4", "C3"], ["C2", "C1"]]),
    (3, [["CU", "C5", "C4"], ["C3", "C2", "C1"]]),  # the first page fills in the middle of a DynamoDB page
])
def test_the_seller_sees_each_csba_contact_once_newest_first_across_pages(handled, tokens, limit, pages):
    # Given six CSBA contacts interleaved with FBA and seller-routed ones
    seen, cursor = [], None
    # When the seller pages through them
    while not seen or cursor:
        query = {"limit": str(limit), **({"cursor": cursor} if cursor else {})}
        path = CONTACTS + "?" + "&".join(f"{k}={v}" for k, v in query.items())
        response = handled.http.get(path, headers=tokens.headers("S1"))
        assert response.status_code == 200 and body(response)["seller_id"] == "S1"
        seen.append(ids(response))
        cursor = body(response)["next_cursor"]
    # Then full pages hold every CSBA contact exactly once, newest first, and nothing else
    assert seen == pages


def test_a_listed_contact_carries_the_fields_the_seller_needs(handled, tokens):
    # When
    response = handled.http.get(CONTACTS + f"?marketplace_id={ev.UK}", headers=tokens.headers("S1"))
    # Then
    assert body(response) == {"seller_id": "S1", "next_cursor": None, "contacts": [{
        "contact_id": "CU", "marketplace_id": ev.UK, "order_id": "OU", "asin": None, "channel": "email",
        "language": "en", "topic": "damaged", "preventable": True, "status": "open",
        "created_at": "2026-10-05T06:00:00Z", "respond_by": "2026-10-06T06:00:00Z", "responded_at": None,
        "resolution": None, "escalated": False}]}


def test_the_default_page_holds_every_contact_of_a_small_seller(handled, tokens):
    # When
    response = handled.http.get(CONTACTS, headers=tokens.headers("S1"))
    # Then
    assert ids(response) == ["CU", "C5", "C4", "C3", "C2", "C1"] and body(response)["next_cursor"] is None


def test_the_marketplace_filter_keeps_only_that_marketplace(handled, tokens):
    # When
    response = handled.http.get(CONTACTS + f"?marketplace_id={ev.DE}&limit=2", headers=tokens.headers("S1"))
    # Then
    assert ids(response) == ["C5", "C4"] and body(response)["next_cursor"]


def test_the_status_filter_follows_responses_and_resolutions(handled, tokens):
    # Given C2 answered and C3 resolved
    deliver(handled, ev.envelope("ContactResponded", {"contact_id": "C2", "responded_at": "2026-10-05T08:00:00Z"}),
            ev.envelope("ContactResolved", {"contact_id": "C3", "resolution": "refunded"}))
    # When
    listed = {status: ids(handled.http.get(CONTACTS + f"?status={status}", headers=tokens.headers("S1")))
              for status in ("open", "responded", "resolved")}
    # Then
    assert listed == {"open": ["CU", "C5", "C4", "C1"], "responded": ["C2"], "resolved": ["C3"]}
    resolved = body(handled.http.get(CONTACTS + "?status=resolved", headers=tokens.headers("S1")))["contacts"][0]
    assert resolved["resolution"] == "refunded"


def test_a_seller_without_csba_contacts_gets_an_empty_list(seller, tokens):
    # When
    response = seller.http.get(CONTACTS, headers=tokens.headers("S1"))
    # Then
    assert response.status_code == 200 and body(response) == {"seller_id": "S1", "contacts": [], "next_cursor": None}


def cursor_of(value) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


@pytest.mark.parametrize("query", [
    "status=closed", "limit=0", "limit=101", "limit=abc", "limit=-1", "limit=2.5",
    "cursor=not*base64", "cursor=" + cursor_of("a string"), "cursor=" + cursor_of(["S1"]),
    "cursor=" + base64.urlsafe_b64encode(b"\xff\xfe").decode().rstrip("="),
    "cursor=" + cursor_of({"seller_id": "S2", "created_key": "2026-10-05T05:00:00Z#C5", "contact_id": "C5"}),
    "cursor=" + cursor_of({"seller_id": "S1", "created_key": "2026-10-05T05:00:00Z#C5"}),
])
def test_bad_filters_limits_and_tampered_cursors_get_400(handled, tokens, query):
    # When
    response = handled.http.get(f"{CONTACTS}?{query}", headers=tokens.headers("S1"))
    # Then
    assert response.status_code == 400 and body(response)["Code"] == "BadRequestError"


def test_a_marketplace_csba_does_not_serve_gets_422(handled, tokens):
    # When
    response = handled.http.get(CONTACTS + "?marketplace_id=A2EUQ1WTGCTBG2", headers=tokens.headers("S1"))
    # Then
    assert response.status_code == 422 and body(response)["Code"] == "unknown_marketplace"


def test_the_contacts_list_refuses_no_token_another_seller_and_an_unknown_seller(handled, tokens):
    # When / Then
    assert handled.http.get(CONTACTS).status_code == 401
    assert handled.http.get(CONTACTS, headers=tokens.headers("S2")).status_code == 403
    unknown = handled.http.get("/sellers/S9/contacts", headers=tokens.headers("S9"))
    assert unknown.status_code == 404 and body(unknown)["Code"] == "NotFoundError"


def put_note(client, tokens, asin, text):
    response = client.http.put(f"/sellers/S1/products/{asin}/support-notes", body=json.dumps({"text": text}),
                               headers={**tokens.headers("S1"), "Content-Type": "application/json"})
    assert response.status_code == 200


def test_an_agent_sees_the_contact_its_order_and_the_notes_of_its_products(handled, tokens):
    # Given a note on one of the order's two products, and one on a product not in the order
    put_note(handled, tokens, "B00000000A", "Ships in 2 boxes.")
    put_note(handled, tokens, "B00000000Z", "Not in this order.")
    # When
    response = handled.http.get("/contacts/C1", headers=tokens.headers("A1", role="agent"))
    # Then
    case = body(response)
    assert response.status_code == 200
    assert case["contact"]["contact_id"] == "C1" and case["contact"]["kind"] == "csba"
    assert case["contact"]["destination"] == "csba" and case["contact"]["reason"] is None
    assert case["contact"]["created_at"] == "2026-10-05T01:00:00Z" and case["contact"]["status"] == "open"
    assert case["order"] == {
        "order_id": "O1", "placed_at": "2026-10-04T09:00:00Z", "fulfillment_channel": "MFN",
        "seller_fulfilled_prime": False, "units": 2, "order_total": {"amount": "12.34", "currency": "EUR"},
        "refunded": {"amount": "0.00", "currency": "EUR"}, "asins": list(ASINS), "csba": True}
    assert case["product_notes"] == [{"asin": "B00000000A", "text": "Ships in 2 boxes."}]
    assert case["refunds"] == [] and case["respond_by"] == "2026-10-06T01:00:00Z"


def test_a_pre_order_case_has_no_order_and_the_notes_of_the_asked_product(seller, tokens):
    # Given a question about a product before any order (the seller answers: DE does not cover pre-order)
    put_note(seller, tokens, "B00000000P", "Batteries included.")
    deliver(seller, contact_created("CP", "2026-10-05T10:00:00Z", asin="B00000000P", topic="product_question"))
    # When a supervisor opens it
    response = seller.http.get("/contacts/CP", headers=tokens.headers("V1", role="supervisor"))
    # Then
    case = body(response)
    assert response.status_code == 200 and case["order"] is None
    assert case["contact"]["kind"] == "seller" and case["contact"]["reason"] == "pre_order_not_covered"
    assert case["product_notes"] == [{"asin": "B00000000P", "text": "Batteries included."}]


def test_the_case_view_refuses_no_token_a_seller_and_an_unknown_contact(handled, tokens):
    # When / Then
    assert handled.http.get("/contacts/C1").status_code == 401
    assert handled.http.get("/contacts/C1", headers=tokens.headers("S1")).status_code == 403
    unknown = handled.http.get("/contacts/C404", headers=tokens.headers("A1", role="agent"))
    assert unknown.status_code == 404 and body(unknown)["Code"] == "NotFoundError"
