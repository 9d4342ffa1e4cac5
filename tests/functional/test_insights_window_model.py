"""The insights route against a plain model of the window, on random event histories (hypothesis).

The model works from the events as a producer sent them, without counters: the window is the four ISO weeks
before "now"; a shipment, a contact and a response count in the week of their own time, a survey in the week of
the contact's earliest answer with its latest answer (by time, whatever the delivery order). Histories straddle
ISO week 53 and the change of year.
"""
import json
import uuid
from datetime import datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, given, settings, strategies as st

from tests.support import clock
from tests.support import events as ev
from tests.support.sqs import sqs_event

NOW = datetime(2027, 1, 11, 5, 0, tzinfo=timezone.utc)  # Monday of 2027-W02: window 2026-W51..2027-W01
WINDOW = (datetime(2026, 12, 14, tzinfo=timezone.utc), datetime(2027, 1, 11, tzinfo=timezone.utc))
FIRST = datetime(2026, 12, 1, tzinfo=timezone.utc)
SPAN = int((NOW - FIRST).total_seconds() // 60) - 1  # minutes from FIRST to just before NOW

minute = st.integers(0, SPAN)
shipments = st.lists(st.tuples(minute, st.integers(1, 20)), max_size=6)
contacts = st.lists(st.fixed_dictionaries({
    "created": minute, "preventable": st.booleans(), "response_after": st.none() | st.integers(0, 3000),
    "surveys": st.lists(st.tuples(st.integers(0, 5000), st.booleans()), max_size=3, unique_by=lambda s: s[0])}),
    max_size=5)


def at(minutes: int) -> datetime:
    return FIRST + timedelta(minutes=minutes)


def wire(instant: datetime) -> str:
    return instant.strftime("%Y-%m-%dT%H:%M:%SZ")


def model_rates(history: dict) -> dict:
    """The window's rates from the raw history, rounded half-up as the report rounds them."""
    inside = lambda instant: WINDOW[0] <= instant < WINDOW[1]  # noqa: E731
    units = sum(u for m, u in history["shipments"] if inside(at(m)))
    made = [c for c in history["contacts"] if inside(at(c["created"]))]
    answered = [c for c in history["contacts"] if c["responded"] is not None and inside(c["responded"])]
    minutes = [max(0, round((c["responded"] - at(c["created"])) / timedelta(minutes=1))) for c in answered]
    within = [c for c in answered if c["responded"] - at(c["created"]) <= timedelta(hours=24)]
    rated = [c for c in history["contacts"] if c["answers"] and inside(min(c["answers"])[0])]  # the earliest
    unhappy = [c for c in rated if not max(c["answers"])[1]]
    rate = lambda n, d, places=4: None if d == 0 else float((Decimal(n) / Decimal(d)).quantize(  # noqa: E731
        Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
    return {"preventable_contact_rate": rate(sum(c["preventable"] for c in made), units),
            "average_response_minutes": rate(sum(minutes), len(answered), 1),
            "dissatisfaction_rate": rate(len(unhappy), len(rated)),
            "answered_within_24h_rate": rate(len(within), len(answered)),
            "contacts_per_unit": rate(len(made), units)}


def envelopes(seller: str, drawn_shipments, drawn_contacts) -> tuple[list[dict], dict]:
    order = f"{seller}-O"
    sent = [ev.seller_registered(seller, occurred_at="2026-11-01T00:00:00Z"),
            ev.order_placed(order, units=max(1, sum(u for _, u in drawn_shipments)), seller_id=seller,
                            occurred_at="2026-11-30T00:00:00Z")]
    sent += [ev.order_shipped(order, units=u, seller_id=seller, occurred_at=wire(at(m))) for m, u in drawn_shipments]
    history = {"shipments": drawn_shipments, "contacts": []}
    for n, drawn in enumerate(drawn_contacts):
        contact, created = f"{seller}-C{n}", at(drawn["created"])
        sent.append(ev.contact_created(contact, order, topic="damaged" if drawn["preventable"] else "other",
                                       seller_id=seller, occurred_at=wire(created)))
        responded = created + timedelta(minutes=drawn["response_after"]) if drawn["response_after"] is not None else None
        if responded is not None and responded < NOW:
            sent.append(ev.contact_responded(contact, wire(responded), seller_id=seller))
        else:
            responded = None
        answers = [(created + timedelta(minutes=m), solved) for m, solved in drawn["surveys"]
                   if created + timedelta(minutes=m) < NOW]
        sent += [ev.survey_answered(contact, solved, seller_id=seller, occurred_at=wire(when)) for when, solved in answers]
        history["contacts"].append({**drawn, "responded": responded, "answers": answers})
    return sent, history


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(drawn_shipments=shipments, drawn_contacts=contacts)
def test_the_route_gives_the_rates_the_plain_model_computes_from_the_events(client, tokens, monkeypatch,
                                                                           drawn_shipments, drawn_contacts):
    clock.freeze(monkeypatch, wire(NOW))
    seller = f"H{uuid.uuid4().hex[:10]}"  # each example its own seller: the moto state is shared between examples
    sent, history = envelopes(seller, drawn_shipments, drawn_contacts)
    for start in range(0, len(sent), 10):
        assert client.lambda_.invoke("marketplace_events", sqs_event(sent[start:start + 10])).payload == {
            "batchItemFailures": []}
    response = client.http.get(f"/sellers/{seller}/insights/{ev.DE}", headers=tokens.headers(seller))
    body = json.loads(response.body)
    assert body["window"]["weeks"] == ["2026-W51", "2026-W52", "2026-W53", "2027-W01"]
    assert body["rates"] == model_rates(history)
