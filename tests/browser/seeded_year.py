"""The events the insights browser test sends: a year of two sellers in France, getting better month by month.

T1 ships 12 orders of 4 units a month (48 units) and has 6 contacts in the oldest month, one fewer every two
months down to 1, all preventable (damaged), answered after 30 minutes plus 60 per contact, a "no" to the survey
in every other month; T2 ships 4 orders of 10 units with one question a month, answered in an hour. In each of
the last four complete ISO weeks both ship again and T1 gets a contact: the CS Insights window.
"""
from datetime import datetime, time, timedelta, timezone

from chalicelib.domain.clock import add_months, month_of, to_wire
from chalicelib.domain.weeks import week_of
from tests.support import events as ev

FR = "A13V1IB3VIYZZH"
T1, T2 = {"seller_id": "T1", "marketplace_id": FR}, {"seller_id": "T2", "marketplace_id": FR}
MONTHS = 12


def closed_months(now: datetime) -> list[str]:
    """The 12 months before the current one, oldest first."""
    return [add_months(month_of(now), -offset) for offset in range(MONTHS, 0, -1)]


def this_monday(now: datetime) -> datetime:
    return datetime.combine(now.date() - timedelta(days=now.weekday()), time(), timezone.utc)


def year_events(now: datetime) -> list[dict]:
    months = closed_months(now)
    registered = f"{add_months(months[0], -1)}-01T09:00:00Z"
    events = [ev.seller_registered("T1", FR, "FR", occurred_at=registered),
              ev.seller_registered("T2", FR, "FR", occurred_at=registered)]
    for index, month in enumerate(months):
        events += _t1_month(month, contacts=max(1, 6 - index // 2), unhappy=index % 2 == 0)
        events += _t2_month(month)
    for week in range(1, 5):  # Tuesdays of the last four complete weeks
        tuesday = this_monday(now) - timedelta(weeks=week) + timedelta(days=1, hours=10)
        events += _window_week(f"W{week}", tuesday)
    return events


def _at(month: str, day: int, hour: int, minute: int = 0) -> str:
    return f"{month}-{day:02d}T{hour:02d}:{minute:02d}:00Z"


def _t1_month(month: str, contacts: int, unhappy: bool) -> list[dict]:
    tag = f"T1-{month}"
    events = []
    for n in range(12):
        events += [ev.order_placed(f"{tag}-O{n}", units=4, **T1, occurred_at=_at(month, 2 + n, 8)),
                   ev.order_shipped(f"{tag}-O{n}", units=4, **T1, occurred_at=_at(month, 3 + n, 8))]
    for n in range(contacts):
        created = _at(month, 16 + n, 9)
        answered = datetime.fromisoformat(created.replace("Z", "+00:00")) + timedelta(minutes=30 + 60 * contacts)
        events += [ev.contact_created(f"{tag}-C{n}", f"{tag}-O{n}", topic="damaged", language="fr-FR", seller_id="T1",
                                      marketplace_id=FR, occurred_at=created),
                   ev.contact_responded(f"{tag}-C{n}", to_wire(answered), seller_id="T1", marketplace_id=FR)]
    events.append(ev.survey_answered(f"{tag}-C0", not unhappy, seller_id="T1", marketplace_id=FR,
                                     occurred_at=_at(month, 25, 9)))
    return events


def _t2_month(month: str) -> list[dict]:
    tag = f"T2-{month}"
    events = []
    for n in range(4):
        events += [ev.order_placed(f"{tag}-O{n}", units=10, **T2, occurred_at=_at(month, 2 + n, 8)),
                   ev.order_shipped(f"{tag}-O{n}", units=10, **T2, occurred_at=_at(month, 3 + n, 8))]
    return events + [
        ev.contact_created(f"{tag}-C0", f"{tag}-O0", topic="product_question", language="fr-FR", seller_id="T2",
                           marketplace_id=FR, occurred_at=_at(month, 10, 9)),
        ev.contact_responded(f"{tag}-C0", _at(month, 10, 10), seller_id="T2", marketplace_id=FR)]


def _window_week(tag: str, tuesday: datetime) -> list[dict]:
    at = lambda hours: to_wire(tuesday + timedelta(hours=hours))  # noqa: E731
    return [ev.order_placed(f"T1-{tag}", units=12, seller_id="T1", marketplace_id=FR, occurred_at=at(0)),
            ev.order_shipped(f"T1-{tag}", units=12, seller_id="T1", marketplace_id=FR, occurred_at=at(1)),
            ev.contact_created(f"T1-{tag}-C", f"T1-{tag}", topic="late_delivery", language="fr-FR", seller_id="T1",
                               marketplace_id=FR, occurred_at=at(2)),
            ev.contact_responded(f"T1-{tag}-C", at(4), seller_id="T1", marketplace_id=FR),
            ev.order_placed(f"T2-{tag}", units=10, seller_id="T2", marketplace_id=FR, occurred_at=at(0)),
            ev.order_shipped(f"T2-{tag}", units=10, seller_id="T2", marketplace_id=FR, occurred_at=at(1))]


def shipped_in_week(events: list[dict], seller: str, week: str) -> int:
    """Units the seller's shipments among `events` put in ISO week `week`."""
    return sum(e["detail"]["units"] for e in events if e["type"] == "OrderShipped" and e["seller_id"] == seller
               and week_of(datetime.fromisoformat(e["occurred_at"].replace("Z", "+00:00"))) == week)
