"""The seller counters of the report against a plain model, through the real handlers: contacts routed to the
seller or to Amazon CS at random ages, replies in random order (repeats, CSBA's contacts), months as they fall."""
import json
import uuid
from collections import Counter
from datetime import timedelta

from hypothesis import HealthCheck, given, settings, strategies as st

from chalicelib.domain.clock import month_of, to_wire, utc_now
from tests.support import events as ev
from tests.support.sqs import sqs_event

JSON = {"Content-Type": "application/json"}
CONTACTS = st.lists(st.tuples(st.booleans(), st.integers(min_value=1, max_value=24 * 40)), min_size=1, max_size=6)


def expected_counts(contacts, replies, now) -> dict[str, Counter]:
    """Per month: contacts routed to the seller in it, and their first replies (within 24 h) counted with them."""
    months: dict[str, Counter] = {}
    answered = set()
    for to_seller, age_hours in contacts:
        if to_seller:
            months.setdefault(month_of(now - timedelta(hours=age_hours)), Counter())["seller_contacts"] += 1
    for index in replies:
        to_seller, age_hours = contacts[index]
        if to_seller and index not in answered:
            answered.add(index)
            month = months[month_of(now - timedelta(hours=age_hours))]
            month["seller_replies"] += 1
            month["seller_replies_within_24h"] += int(age_hours < 24)  # the reply comes seconds after `now`
    return months


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(contacts=CONTACTS, picks=st.lists(st.integers(min_value=0, max_value=5), max_size=8))
def test_the_reports_seller_counts_equal_the_plain_model(client, tokens, contacts, picks):
    # Given a seller whose contacts go to its inbox (invoice questions) or to Amazon CS (damaged goods)
    seller, now = f"S{uuid.uuid4().hex[:8]}", utc_now()
    setup = [ev.seller_registered(seller, occurred_at=to_wire(now - timedelta(days=60))),
             ev.order_placed(f"{seller}-O", seller_id=seller, occurred_at=to_wire(now - timedelta(days=45)))]
    for n, (to_seller, age_hours) in enumerate(contacts):
        detail = {"contact_id": f"{seller}-C{n}", "order_id": f"{seller}-O", "asin": None, "channel": "email",
                  "language": "en", "topic": "invoice" if to_seller else "damaged", "message": "Hello?"}
        setup.append(ev.envelope("ContactCreated", detail, seller_id=seller,
                                 occurred_at=to_wire(now - timedelta(hours=age_hours))))
    assert client.lambda_.invoke("marketplace_events", sqs_event(setup)).payload == {"batchItemFailures": []}
    # When it replies in the order picked (an index past the list picks the first contact again)
    replies = [p % len(contacts) for p in picks]
    headers = {**tokens.headers(seller), **JSON}
    for n, index in enumerate(replies):
        body = json.dumps({"reply_id": f"{seller}-R{n}", "text": "Thank you, the invoice is in Your Orders."})
        answer = client.http.post(f"/sellers/{seller}/inbox/{seller}-C{index}/replies", headers=headers, body=body)
        assert answer.status_code == (201 if contacts[index][0] else 409)
    # Then each month's report counts what the model counts
    expected = expected_counts(contacts, replies, now)
    for month in expected | {month_of(now): Counter()}:
        report = json.loads(client.http.get(f"/sellers/{seller}/metrics/{ev.DE}?month={month}",
                                            headers=tokens.headers(seller)).body)
        counted = {name: report["counts"][name] for name in ("seller_contacts", "seller_replies",
                                                              "seller_replies_within_24h")}
        assert counted == {name: expected.get(month, Counter())[name] for name in counted}, month
