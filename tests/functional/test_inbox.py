"""The seller's inbox and replies (DESIGN section 8) end to end: events in, HTTP and BUYER_MESSAGES_QUEUE out."""
import json
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from chalicelib.domain.clock import from_wire, month_of, to_wire, utc_now
from tests.support import events as ev
from tests.support.sqs import sqs_event

JSON = {"Content-Type": "application/json"}
INBOX = "/sellers/S1/inbox"
POLITE = "Thank you. The invoice for order 302-1234567-1234567 is attached; Amazon.de lists all your orders."
HAGGLING = "Would you like to keep the item if I offer you a 40% refund?"


def hours_ago(hours: float) -> str:
    return to_wire(utc_now() - timedelta(hours=hours))


def contact(contact_id, order_id, hours, topic="invoice", message="Bitte senden Sie mir die Rechnung."):
    detail = {"contact_id": contact_id, "order_id": order_id, "asin": None, "channel": "email", "language": "de-DE",
              "topic": topic, "message": message}
    return ev.envelope("ContactCreated", detail, occurred_at=hours_ago(hours))


@pytest.fixture
def inbox(client):
    """S1 in DE: CI (invoice question on CSBA order O1, 2 h old), CS (SFP order, 30 h old) go to the seller's
    inbox; CC (damaged, on O1) goes to Amazon CS. S2 has its own contact CX."""
    setup = [ev.seller_registered("S1", occurred_at=hours_ago(24 * 60)),
             ev.seller_registered("S2", occurred_at=hours_ago(24 * 60)),
             ev.order_placed("O1", occurred_at=hours_ago(72)),
             ev.order_placed("OS", sfp=True, occurred_at=hours_ago(72)),
             ev.order_placed("OX", seller_id="S2", occurred_at=hours_ago(72)),
             contact("CS", "OS", 30, topic="other", message="Can I return it?"), contact("CI", "O1", 2),
             contact("CC", "O1", 1, topic="damaged", message="It arrived broken."),
             ev.envelope("ContactCreated", {"contact_id": "CX", "order_id": "OX", "asin": None, "channel": "chat",
                                            "language": "de", "topic": "invoice", "message": "Rechnung?"},
                         seller_id="S2", occurred_at=hours_ago(1))]
    assert client.lambda_.invoke("marketplace_events", sqs_event(setup)).payload == {"batchItemFailures": []}
    return client


def get(client, tokens, path, sub="S1", role="seller"):
    response = client.http.get(path, headers=tokens.headers(sub, role))
    return response.status_code, json.loads(response.body)


def post(client, tokens, path, body, sub="S1", role="seller"):
    response = client.http.post(path, headers={**tokens.headers(sub, role), **JSON}, body=json.dumps(body))
    return response.status_code, json.loads(response.body)


def reply(client, tokens, contact_id, text, reply_id="RP1"):
    return post(client, tokens, f"{INBOX}/{contact_id}/replies", {"reply_id": reply_id, "text": text})


def sent(queues) -> list[dict]:
    return [{**json.loads(m["body"]), "attribute": m["attributes"]["idempotency_key"]}
            for m in queues.drain("buyer_messages_queue")]


def test_the_inbox_lists_the_contacts_routed_to_the_seller_newest_first_with_the_buyers_message(inbox, tokens):
    status, body = get(inbox, tokens, INBOX)
    assert status == 200 and body["next_cursor"] is None
    assert [(e["contact_id"], e["reason"], e["status"], e["replied_at"]) for e in body["entries"]] == [
        ("CI", "excluded_topic", "awaiting_reply", None), ("CS", "seller_fulfilled_prime", "awaiting_reply", None)]
    first = body["entries"][0]
    assert first["message"] == "Bitte senden Sie mir die Rechnung." and first["order_id"] == "O1"
    assert from_wire(first["respond_by"]) - from_wire(first["created_at"]) == timedelta(hours=24)


def test_the_inbox_pages_with_a_cursor_and_filters_by_marketplace_and_status(inbox, tokens):
    status, page = get(inbox, tokens, f"{INBOX}?limit=1")
    assert status == 200 and [e["contact_id"] for e in page["entries"]] == ["CI"]
    _, rest = get(inbox, tokens, f"{INBOX}?limit=1&cursor={page['next_cursor']}")
    assert [e["contact_id"] for e in rest["entries"]] == ["CS"]
    assert get(inbox, tokens, f"{INBOX}?marketplace_id={ev.UK}")[1]["entries"] == []
    assert get(inbox, tokens, f"{INBOX}?status=replied")[1]["entries"] == []
    assert get(inbox, tokens, f"{INBOX}?status=open")[0] == 400
    assert get(inbox, tokens, "/sellers/S2/inbox")[0] == 403


def test_a_compliant_reply_is_sent_once_and_marks_the_contact_replied(inbox, tokens, queues):
    # When
    status, body = reply(inbox, tokens, "CI", POLITE)
    # Then
    assert status == 201 and body["reply_id"] == "RP1" and body["contact_id"] == "CI" and body["within_24h"] is True
    [message] = sent(queues)
    assert message == {"type": "SellerReply", "idempotency_key": "reply:RP1", "attribute": "reply:RP1",
                       "reply_id": "RP1", "contact_id": "CI", "seller_id": "S1", "marketplace_id": ev.DE,
                       "order_id": "O1", "language": "de-DE", "text": POLITE, "sent_at": body["sent_at"]}
    [entry] = get(inbox, tokens, f"{INBOX}?status=replied")[1]["entries"]
    assert entry["contact_id"] == "CI" and entry["replied_at"] == body["sent_at"]
    # And the same request again answers the same reply and sends nothing; another body is a conflict
    assert reply(inbox, tokens, "CI", POLITE) == (201, body)
    assert sent(queues) == []
    assert reply(inbox, tokens, "CI", POLITE + " Best wishes.")[0] == 409


def test_a_reply_that_breaks_a_rule_is_refused_with_each_violation_and_sends_nothing(inbox, tokens, queues):
    status, body = reply(inbox, tokens, "CS", "Call 030 12345678 or see www.example-shop.de for 10% off with code X.")
    assert status == 422 and body["Code"] == "message_policy"
    assert body["violations"] == [{"rule": "phone_number", "excerpt": "030 12345678"},
                                  {"rule": "link", "excerpt": "www.example-shop.de"},
                                  {"rule": "marketing", "excerpt": "10% off"}]
    assert sent(queues) == [] and get(inbox, tokens, f"{INBOX}?status=awaiting_reply")[1]["entries"]


def test_haggling_is_refused_on_a_csba_order_only(inbox, tokens, queues):
    status, body = reply(inbox, tokens, "CI", HAGGLING)
    assert status == 422 and [v["rule"] for v in body["violations"]] == ["haggling"]
    assert reply(inbox, tokens, "CS", HAGGLING, reply_id="RP2")[0] == 201  # a Seller-Fulfilled Prime order


def test_a_contact_amazon_cs_handles_is_a_conflict_and_another_sellers_contact_is_unknown(inbox, tokens, queues):
    status, body = reply(inbox, tokens, "CC", POLITE)
    assert status == 409 and body["Code"] == "handled_by_csba"
    assert reply(inbox, tokens, "CX", POLITE)[0] == 404
    assert reply(inbox, tokens, "NOPE", POLITE)[0] == 404
    assert post(inbox, tokens, f"{INBOX}/CI/replies", {"reply_id": "RP9", "text": "  "})[0] == 400
    assert post(inbox, tokens, f"{INBOX}/CI/replies", {"text": POLITE})[0] == 400
    assert sent(queues) == []


def test_the_report_counts_the_sellers_contacts_and_first_replies_in_the_contacts_month(inbox, tokens, store):
    # Given a first reply to CI within 24 h, a second one, and a first reply to CS after 30 h
    assert reply(inbox, tokens, "CI", POLITE)[0] == 201
    assert reply(inbox, tokens, "CI", "One more thing: the invoice is also in Your Orders.", reply_id="RP2")[0] == 201
    assert reply(inbox, tokens, "CS", "Yes, please use the return button in Your Orders.", reply_id="RP3")[0] == 201
    # When
    months = {month_of(utc_now() - timedelta(hours=h)) for h in (2, 30)}
    counts = {name: 0 for name in ("seller_contacts", "seller_replies", "seller_replies_within_24h")}
    for month in months:
        _, report = get(inbox, tokens, f"/sellers/S1/metrics/{ev.DE}?month={month}")
        for name in counts:
            counts[name] += report["counts"][name]
    # Then
    assert counts == {"seller_contacts": 2, "seller_replies": 2, "seller_replies_within_24h": 1}
    if len(months) == 1:
        assert report["rates"]["seller_answered_within_24h_rate"] == 0.5
        assert report["health"]["seller_answered_within_24h_rate"] == "red"


def test_concurrent_first_replies_count_once_and_the_same_reply_id_sends_once(inbox, tokens, queues, store,
                                                                               atomic_requests):
    # Given ten requests with one reply_id and ten with distinct ones, all at once
    bodies = [("RP-same", POLITE)] * 10 + [(f"RP-{n}", POLITE) for n in range(10)]
    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda b: reply(inbox, tokens, "CI", b[1], reply_id=b[0]), bodies))
    # Then every request succeeded, one message per reply_id, and one first reply counted
    assert {status for status, _ in answers} == {201}
    assert len({body["sent_at"] for status, body in answers[:10]}) == 1
    assert sorted(m["reply_id"] for m in sent(queues)) == sorted({b[0] for b in bodies})
    record = store.t.CounterRecord.get(f"S1#{ev.DE}", month_of(utc_now() - timedelta(hours=2)))
    assert (record.seller_contacts >= 1, record.seller_replies, record.seller_replies_within_24h) == (True, 1, 1)


def test_a_crash_between_write_and_send_is_repaired_by_the_same_request_later(inbox, tokens, queues,
                                                                               send_crashes_once, monkeypatch):
    # Given the reply was written but the process died before sending it
    assert reply(inbox, tokens, "CI", POLITE)[0] == 500
    assert sent(queues) == []
    # When the seller's tool repeats the request at once, then two minutes later (twice)
    assert reply(inbox, tokens, "CI", POLITE)[0] == 201  # the first request may still be sending: no resend yet
    assert sent(queues) == []
    later = utc_now() + timedelta(minutes=2)
    monkeypatch.setattr("chalicelib.entrypoints.inbox_routes.utc_now", lambda: later)
    assert reply(inbox, tokens, "CI", POLITE)[0] == 201
    assert reply(inbox, tokens, "CI", POLITE)[0] == 201
    # Then the message went out once, with its idempotency key
    assert [m["idempotency_key"] for m in sent(queues)] == ["reply:RP1"]


def test_the_agent_case_view_carries_the_buyers_message(inbox, tokens):
    status, case = get(inbox, tokens, "/contacts/CC", sub="A1", role="agent")
    assert status == 200 and case["contact"]["message"] == "It arrived broken."
