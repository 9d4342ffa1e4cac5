"""Who reaches what (DESIGN 8), through the real authorizer and the gateway's answers: every seller route
with no token, a bad token, another seller's, an agent's and its owner's; every agent route with a
seller's token. The expected codes are written here; the route list of app.py must match the table."""
import json

import pytest

from tests.reliability.conftest import fresh_service
from tests.support import events as ev
from tests.support.sqs import sqs_event

OWNER, OTHER = "S1", "S2"
CALLERS = ("no token", "bad token", "other seller", "agent", "owner")
SELLER_ROUTES = {  # (method, route template): codes per caller, in the order of CALLERS
    ("GET", "/sellers/{seller_id}/enrollments"): (401, 401, 403, 403, 200),
    ("PUT", "/sellers/{seller_id}/enrollments/{marketplace_id}"): (401, 401, 403, 403, 200),
    ("DELETE", "/sellers/{seller_id}/enrollments/{marketplace_id}"): (401, 401, 403, 403, 200),
    ("GET", "/sellers/{seller_id}/metrics/{marketplace_id}"): (401, 401, 403, 403, 200),
    ("GET", "/sellers/{seller_id}/metrics/{marketplace_id}/history"): (401, 401, 403, 403, 200),
    ("GET", "/sellers/{seller_id}/insights/{marketplace_id}"): (401, 401, 403, 403, 200),
    ("GET", "/sellers/{seller_id}/invoices"): (401, 401, 403, 403, 200),
    ("GET", "/sellers/{seller_id}/invoices/{invoice_id}"): (401, 401, 403, 403, 404),  # none written yet
    ("GET", "/sellers/{seller_id}/contacts"): (401, 401, 403, 403, 200),
    ("PUT", "/sellers/{seller_id}/products/{asin}/support-notes"): (401, 401, 403, 403, 200),
    ("GET", "/sellers/{seller_id}"): (401, 401, 403, 403, 200),
    ("GET", "/sellers/{seller_id}/inbox"): (401, 401, 403, 403, 200),
    ("POST", "/sellers/{seller_id}/inbox/{contact_id}/replies"): (401, 401, 403, 403, 404),  # no contact yet
}
EVERY_ROLE_ROUTES = {  # (method, route template): codes per caller, in the order of CALLERS
    ("POST", "/message-checks"): (401, 401, 200, 200, 200),
}
AGENT_ROUTES = {  # (method, route template): code for a seller's token
    ("GET", "/contacts/{contact_id}"): 403,
    ("POST", "/refunds"): 403,
    ("GET", "/refunds/{refund_id}"): 403,
    ("POST", "/refunds/{refund_id}/approve"): 403,
}
PUBLIC_ROUTES = {("GET", "/health"), ("GET", "/identifier/{marketplace_id}/{seller_id}")}
VALUES = {"seller_id": OWNER, "marketplace_id": ev.DE, "invoice_id": f"INV-{OWNER}-{ev.DE}-2026-10",
          "asin": "B000000001", "contact_id": "C1", "refund_id": "R1"}
BODIES = {"/sellers/{seller_id}/products/{asin}/support-notes": {"text": "Check the seal."},
          "/sellers/{seller_id}/inbox/{contact_id}/replies": {"reply_id": "RP1", "text": "Thank you."},
          "/message-checks": {"text": "Thank you.", "marketplace_id": ev.DE},
          "/refunds": {"refund_id": "R1", "contact_id": "C1", "order_id": "O1", "reason": "damaged",
                       "amount": {"amount": "5.00", "currency": "EUR"}, "returnless": False}}


def test_the_tables_cover_every_route_that_needs_a_token():
    import app

    routes = {(method, path) for path, methods in app.app.routes.items() for method in methods}
    with_token = {(method, path) for path, methods in app.app.routes.items() for method, entry in methods.items()
                  if entry.authorizer is not None}
    assert with_token == set(SELLER_ROUTES) | set(AGENT_ROUTES) | set(EVERY_ROLE_ROUTES)
    assert routes - with_token >= PUBLIC_ROUTES  # public: the health check, the identifier (and static pages)


@pytest.fixture(scope="module")
def active_seller():
    with fresh_service() as client:
        _register(client)
        yield client


def _register(client):
    setup = [ev.seller_registered(OWNER, occurred_at="2026-05-01T00:00:00Z"),
             ev.seller_status_changed("active", OWNER, occurred_at="2026-05-02T00:00:00Z"),
             ev.seller_registered(OTHER, occurred_at="2026-05-01T00:00:00Z")]
    assert client.lambda_.invoke("marketplace_events", sqs_event(setup)).payload == {"batchItemFailures": []}


def headers_of(caller: str, tokens) -> dict:
    return {"no token": {}, "bad token": tokens.wrongly_signed(OWNER), "other seller": tokens.headers(OTHER),
            "agent": tokens.headers("A1", "agent"), "owner": tokens.headers(OWNER)}[caller]


def call(client, method: str, template: str, headers: dict):
    path = template.format(**VALUES) + ("?month=2026-10" if "/metrics/" in template else "")
    body = json.dumps(BODIES[template]).encode() if template in BODIES else b""
    return client.http.request(method, path, headers={**headers, "Content-Type": "application/json"}, body=body)


@pytest.mark.parametrize("route", list(SELLER_ROUTES), ids=" ".join)
def test_a_seller_route_answers_each_caller_with_its_code(active_seller, tokens, route):
    answers = {caller: call(active_seller, *route, headers_of(caller, tokens)) for caller in CALLERS}
    assert tuple(a.status_code for a in answers.values()) == SELLER_ROUTES[route]
    for answer in answers.values():
        if answer.status_code >= 400:
            assert set(json.loads(answer.body)) >= {"Code", "Message"}


@pytest.mark.parametrize("route", list(EVERY_ROLE_ROUTES), ids=" ".join)
def test_a_route_for_every_role_answers_each_caller_with_its_code(active_seller, tokens, route):
    answers = [call(active_seller, *route, headers_of(caller, tokens)) for caller in CALLERS]
    assert tuple(a.status_code for a in answers) == EVERY_ROLE_ROUTES[route]


@pytest.mark.parametrize("route", list(AGENT_ROUTES), ids=" ".join)
def test_an_agent_route_refuses_a_sellers_token(active_seller, tokens, route):
    answer = call(active_seller, *route, tokens.headers(OWNER))
    assert answer.status_code == AGENT_ROUTES[route]
    assert set(json.loads(answer.body)) >= {"Code", "Message"}
