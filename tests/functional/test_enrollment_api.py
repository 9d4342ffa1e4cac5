"""Enrolment routes end to end through chalice.test.Client, the authorizer and moto."""
import json

import pytest

from tests.support import events as ev
from tests.support.sqs import sqs_event

PATH = f"/sellers/S1/enrollments/{ev.DE}"


@pytest.fixture
def registered(client):
    client.lambda_.invoke("marketplace_events", sqs_event([ev.seller_registered("S1", country="DE")]))
    return client


def body(response) -> dict:
    return json.loads(response.body)


def test_health_answers_without_a_token(client):
    response = client.http.get("/health")
    assert response.status_code == 200 and body(response) == {"status": "ok"}


def test_a_registered_seller_sees_its_default_enrolment(registered, tokens):
    response = registered.http.get("/sellers/S1/enrollments", headers=tokens.headers("S1"))
    assert response.status_code == 200
    (enrolment,) = body(response)["enrollments"]
    assert body(response)["seller_id"] == "S1"
    assert enrolment["marketplace_id"] == ev.DE and enrolment["status"] == "enrolled"
    assert enrolment["trial_ends_at"] == "2027-01-01T12:00:00Z"
    assert enrolment["history"] == [{"from": "2026-10-03T12:00:00Z", "to": None}]


def test_opt_out_then_in_again_keeps_the_history_and_the_first_trial(registered, tokens):
    headers = tokens.headers("S1")
    out = registered.http.delete(PATH, headers=headers)
    assert out.status_code == 200 and body(out)["status"] == "opted_out"
    back = registered.http.put(PATH, headers=headers)
    assert back.status_code == 200 and body(back)["status"] == "enrolled"
    assert len(body(back)["history"]) == 2 and body(back)["history"][0]["to"] is not None
    assert body(back)["trial_ends_at"] == "2027-01-01T12:00:00Z"


def test_opt_in_is_idempotent(registered, tokens):
    first = registered.http.put(PATH, headers=tokens.headers("S1"))
    second = registered.http.put(PATH, headers=tokens.headers("S1"))
    assert first.status_code == second.status_code == 200
    assert body(first) == body(second) and len(body(second)["history"]) == 1


def test_a_seller_who_is_not_active_gets_409(registered, tokens):
    registered.lambda_.invoke("marketplace_events", sqs_event([ev.seller_status_changed("suspended")]))
    registered.http.delete(PATH, headers=tokens.headers("S1"))
    response = registered.http.put(PATH, headers=tokens.headers("S1"))
    assert response.status_code == 409
    assert body(response)["Code"] == "ConflictError" and "suspended" in body(response)["Message"]


def test_a_marketplace_csba_does_not_serve_gets_422(registered, tokens):
    response = registered.http.put("/sellers/S1/enrollments/A2EUQ1WTGCTBG2", headers=tokens.headers("S1"))
    assert response.status_code == 422 and body(response)["Code"] == "unknown_marketplace"


def test_an_unknown_seller_gets_404(client, tokens):
    for response in (client.http.get("/sellers/S9/enrollments", headers=tokens.headers("S9")),
                     client.http.put(f"/sellers/S9/enrollments/{ev.DE}", headers=tokens.headers("S9"))):
        assert response.status_code == 404 and body(response)["Code"] == "NotFoundError"


def test_opting_out_where_never_enrolled_is_404(registered, tokens):
    response = registered.http.delete(f"/sellers/S1/enrollments/{ev.UK}", headers=tokens.headers("S1"))
    assert response.status_code == 404


@pytest.mark.parametrize("headers", [
    {},
    {"Authorization": "Bearer not-a-jwt"},
    {"Authorization": "Bearer"},
])
def test_missing_or_malformed_tokens_get_401(registered, headers):
    response = registered.http.get("/sellers/S1/enrollments", headers=headers)
    assert response.status_code == 401 and body(response)["Code"] == "Unauthorized"


def test_expired_and_wrongly_signed_tokens_get_401(registered, tokens):
    for headers in (tokens.expired("S1"), tokens.wrongly_signed("S1")):
        assert registered.http.get("/sellers/S1/enrollments", headers=headers).status_code == 401


def test_another_sellers_path_gets_403(registered, tokens):
    for call in (registered.http.get, registered.http.put, registered.http.delete):
        path = "/sellers/S1/enrollments" if call == registered.http.get else PATH
        response = call(path, headers=tokens.headers("S2"))
        assert response.status_code == 403 and body(response)["Code"] == "Forbidden"


def test_an_agent_token_cannot_reach_seller_routes(registered, tokens):
    response = registered.http.get("/sellers/S1/enrollments", headers=tokens.headers("A1", role="agent"))
    assert response.status_code == 403
