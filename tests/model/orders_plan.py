"""One seller's month in one marketplace: orders and what follows them (a generator's building block).

Times are whole minutes. What follows an order may fall in the next month: its shipments
(one, or two parts), a return, a contact, the first response (sometimes a second, later
one), survey answers (a changed answer too). Now and then a contact before any order.
"""
from datetime import datetime, timedelta

from tests.model.policy_data import MARKETPLACES, TOPICS

ORDERS = {"idle": (0, 0), "small": (1, 4), "busy": (8, 11)}
TOPIC_LIST = sorted(TOPICS)


def next_month(start: datetime) -> datetime:
    return (start + timedelta(days=32)).replace(day=1)


def minutes(rnd, low: int, high: int) -> timedelta:
    return timedelta(minutes=rnd.randrange(low, high))


def total(market: str, rnd) -> dict:
    currency = MARKETPLACES[market][1]
    cents = rnd.randrange(500, 20000)
    amount = str(cents) if currency == "JPY" else f"{cents // 100}.{cents % 100:02d}"
    return {"amount": amount, "currency": currency}


def seller_month(rnd, ids, envelope, seller: str, market: str, start: datetime, registered: datetime,
                 busy: str, contacts_per_order: float) -> list[dict]:
    first = max(start, registered + timedelta(hours=1))
    span = int((next_month(start) - first).total_seconds() // 60)
    if span <= 0:
        return []
    events = []
    for _ in range(rnd.randint(*ORDERS[busy])):
        placed = first + minutes(rnd, 0, span)
        events += _order(rnd, ids, envelope, seller, market, placed, contacts_per_order)
    if rnd.random() < 0.1:
        asked = first + minutes(rnd, 0, span)
        events.append(envelope(ids, "ContactCreated", asked, seller, market, _contact(ids("C"), None, rnd)))
    return events


def _contact(contact_id: str, order_id: str | None, rnd) -> dict:
    return {"contact_id": contact_id, "order_id": order_id, "asin": None if order_id else "B00000000A",
            "channel": rnd.choice(["phone", "chat", "email"]), "language": rnd.choice(["de-DE", "en-GB", "ja"]),
            "topic": rnd.choice(TOPIC_LIST), "message": "Where is it?"}


def _order(rnd, ids, envelope, seller, market, placed: datetime, contacts_per_order: float) -> list[dict]:
    order_id, units = ids("O"), rnd.randint(1, 5)
    kind = rnd.choices(["MFN", "AFN", "MCF", "SFP"], weights=[80, 7, 6, 7])[0]
    detail = {"order_id": order_id, "fulfillment_channel": "MFN" if kind == "SFP" else kind,
              "seller_fulfilled_prime": kind == "SFP", "units": units, "order_total": total(market, rnd),
              "asins": ["B00000000A"]}
    event = lambda type_, at, d: envelope(ids, type_, at, seller, market, d)  # noqa: E731
    events = [event("OrderPlaced", placed, detail)]
    shipped = placed + minutes(rnd, 60, 5 * 24 * 60)
    parts = [units] if units == 1 or rnd.random() < 0.7 else [units - 1, 1] if rnd.random() < 0.8 else [units - 1]
    for n, part in enumerate(parts):
        valid = rnd.random() < 0.9
        events.append(event("OrderShipped", shipped + timedelta(hours=n), {
            "order_id": order_id, "units": part, "tracking_id": f"T{order_id}" if valid else None,
            "tracking_valid": valid}))
    if rnd.random() < 0.15:
        events.append(event("ReturnRequested", shipped + minutes(rnd, 60, 9000),
                            {"order_id": order_id, "return_id": ids("R"), "prepaid_label": rnd.random() < 0.8}))
    for _ in range(int(contacts_per_order) + (rnd.random() < contacts_per_order % 1)):
        events += _contact_life(rnd, ids, event, order_id, placed + minutes(rnd, 30, 6 * 24 * 60))
    return events


def _contact_life(rnd, ids, event, order_id: str, created: datetime) -> list[dict]:
    contact_id = ids("C")
    events = [event("ContactCreated", created, _contact(contact_id, order_id, rnd))]
    if rnd.random() < 0.8:
        responded = created + minutes(rnd, 5, 40 * 60)
        events.append(event("ContactResponded", responded,
                            {"contact_id": contact_id, "responded_at": _wire(responded)}))
        if rnd.random() < 0.15:
            later = responded + minutes(rnd, 5, 3000)
            events.append(event("ContactResponded", later, {"contact_id": contact_id, "responded_at": _wire(later)}))
        if rnd.random() < 0.3:
            events.append(event("ContactResolved", responded + minutes(rnd, 1, 600),
                                {"contact_id": contact_id, "resolution": "answered"}))
    answered = created + minutes(rnd, 60, 4 * 24 * 60)
    for _ in range(rnd.choice([0, 0, 1, 1, 2])):
        events.append(event("SurveyAnswered", answered, {"contact_id": contact_id, "solved": rnd.random() < 0.7}))
        answered += minutes(rnd, 60, 3 * 24 * 60)
    return events


def _wire(at: datetime) -> str:
    return at.strftime("%Y-%m-%dT%H:%M:%SZ")
