"""The seller's profile (VAT id accepted or why not) and POST /message-checks, through the handlers."""
import json

import pytest

from tests.support import events as ev
from tests.support.sqs import sqs_event

JSON = {"Content-Type": "application/json"}
HAGGLING = "Wenn Sie den Artikel behalten, erstatten wir Ihnen 40 % des Kaufpreises."


@pytest.fixture
def sellers(client):
    setup = [ev.seller_registered("S1", country="DE", vat_id="DE136695976"),
             ev.seller_registered("S2", country="DE", vat_id="DE136695977"),
             ev.seller_registered("S3", country="CN", vat_id=None),
             ev.order_placed("O1", occurred_at="2026-10-04T09:00:00Z"),
             ev.order_placed("O2", sfp=True, occurred_at="2026-10-04T09:00:00Z"),
             ev.order_placed("O3", seller_id="S2", occurred_at="2026-10-04T09:00:00Z")]
    assert client.lambda_.invoke("marketplace_events", sqs_event(setup)).payload == {"batchItemFailures": []}
    return client


def get(client, tokens, path, sub="S1"):
    response = client.http.get(path, headers=tokens.headers(sub))
    return response.status_code, json.loads(response.body)


def check(client, tokens, body, sub="S1", role="seller"):
    response = client.http.post("/message-checks", headers={**tokens.headers(sub, role), **JSON},
                                body=json.dumps(body))
    return response.status_code, json.loads(response.body)


def test_the_profile_says_whether_the_vat_id_was_accepted_and_why_not(sellers, tokens):
    assert get(sellers, tokens, "/sellers/S1") == (200, {
        "seller_id": "S1", "status": "active", "country": "DE", "vat_id": "DE136695976", "vat_id_valid": True,
        "vat_id_problem": None})
    status, refused = get(sellers, tokens, "/sellers/S2", sub="S2")
    assert status == 200 and refused["vat_id_valid"] is False
    assert refused["vat_id_problem"] == "the check digit does not match"
    assert get(sellers, tokens, "/sellers/S3", sub="S3")[1]["vat_id_problem"] is None
    assert get(sellers, tokens, "/sellers/S2")[0] == 403
    assert get(sellers, tokens, "/sellers/S9", sub="S9")[0] == 404


def test_a_seller_checks_a_template_before_sending_it(sellers, tokens):
    status, body = check(sellers, tokens, {"text": "Schreiben Sie an info@shop.de", "marketplace_id": ev.DE})
    assert status == 200 and body == {"compliant": False,
                                      "violations": [{"rule": "email_address", "excerpt": "info@shop.de"}]}
    polite = "Ihre Bestellung 302-1234567-1234567 ist unterwegs; alle Amazon.de Bestellungen unter Meine Bestellungen."
    assert check(sellers, tokens, {"text": polite, "marketplace_id": ev.DE}) == (200, {"compliant": True,
                                                                                      "violations": []})


def test_haggling_is_checked_when_the_order_is_a_csba_one(sellers, tokens):
    on_csba = check(sellers, tokens, {"text": HAGGLING, "marketplace_id": ev.DE, "order_id": "O1"})
    assert on_csba[0] == 200 and [v["rule"] for v in on_csba[1]["violations"]] == ["haggling"]
    assert check(sellers, tokens, {"text": HAGGLING, "marketplace_id": ev.DE, "order_id": "O2"})[1]["compliant"]
    assert check(sellers, tokens, {"text": HAGGLING, "marketplace_id": ev.DE})[1]["compliant"]


@pytest.mark.parametrize("role", ["agent", "supervisor"])
def test_agents_check_any_order_and_sellers_only_their_own(sellers, tokens, role):
    body = {"text": HAGGLING, "marketplace_id": ev.DE, "order_id": "O3"}
    status, answer = check(sellers, tokens, body, sub="A1", role=role)  # O3 is S2's CSBA order
    assert status == 200 and [v["rule"] for v in answer["violations"]] == ["haggling"]
    assert check(sellers, tokens, body)[0] == 404


@pytest.mark.parametrize("body, status", [
    ({"text": "", "marketplace_id": ev.DE}, 400), ({"marketplace_id": ev.DE}, 400),
    ({"text": "hi", "marketplace_id": ev.DE, "extra": 1}, 400), ({"text": "x" * 4001, "marketplace_id": ev.DE}, 400),
    ({"text": "hi", "marketplace_id": "XX"}, 422), ({"text": "hi", "marketplace_id": ev.UK, "order_id": "O1"}, 404),
])
def test_bad_checks_are_refused_with_the_reason(sellers, tokens, body, status):
    answer = check(sellers, tokens, body)
    assert answer[0] == status and set(answer[1]) == {"Code", "Message"}
