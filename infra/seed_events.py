"""The envelopes of `seed`'s history, built from infra/seed_plan.py for a given `now`.

`history(now)` returns them in phases (registrations, orders, what follows an order, answers):
each phase is sent once the previous one is processed, so no event waits for another.
"""
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from chalicelib.domain.marketplaces import MARKETPLACES
from infra import seed_plan as plan

MARKETPLACE_OF = {m.country: m for m in MARKETPLACES.values()}
LANGUAGE_OF = {(shop.seller_id, shop.country): shop.language for shop in plan.SHOPS}


@dataclass
class History:
    closed_months: list[str]
    phases: list[list[dict]] = field(default_factory=lambda: [[], [], [], []])
    late: list[list[dict]] = field(default_factory=lambda: [[], []])  # orders, then shipments, after the close

    def add(self, phase: int, envelope: dict, now: datetime) -> None:
        if envelope["occurred_at"] < wire(now):  # nothing from the future
            self.phases[phase].append(envelope)


def wire(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def months_before(now: datetime, closed: int) -> list[datetime]:
    """The first instants of the `closed` months before now's month, oldest first."""
    first, found = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0), []
    for _ in range(closed):
        first = (first - timedelta(days=1)).replace(day=1)
        found.insert(0, first)
    return found


def history(now: datetime) -> History:
    closed = months_before(now, plan.CLOSED_MONTHS)
    months = [*closed, now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)]
    built = History([m.strftime("%Y-%m") for m in closed])
    registered = months[0] - timedelta(days=plan.REGISTERED_DAYS_BEFORE)
    for shop in plan.SHOPS:
        market = MARKETPLACE_OF[shop.country]
        built.add(0, envelope(f"reg-{shop.seller_id}-{shop.country}", "SellerRegistered", registered, shop.seller_id,
                              market, {"country": shop.residence or shop.country, "vat_id": shop.vat_id}), now)
        for month in months:
            _month(built, shop, month, now)
    for case in plan.CASES:
        _case(built, case, now)
    _late(built, closed[-1])
    return built


def _late(built: History, month: datetime) -> None:
    """Orders of the last closed month that arrive after its close (the end of the month, shipped at once)."""
    seller_id, country = plan.LATE_SHOP
    market, shop = MARKETPLACE_OF[country], next(s for s in plan.SHOPS if (s.seller_id, s.country) == plan.LATE_SHOP)
    last_day = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    for n in range(plan.LATE_ORDERS):
        order_id, at = f"late-{seller_id}-{country}-{month:%Y%m}-O{n}", last_day + timedelta(hours=8 + n)
        built.late[0].append(order_placed(order_id, at, seller_id, market, shop.price, shop.units, "MFN",
                                          plan.ASINS[0]))
        built.late[1].append(envelope(f"ship-{order_id}", "OrderShipped", at + timedelta(hours=4), seller_id, market,
                                      {"order_id": order_id, "units": shop.units, "tracking_valid": True,
                                       "tracking_id": f"TRKL{n}"}))


def _month(built: History, shop: plan.Shop, month: datetime, now: datetime) -> None:
    market, tag = MARKETPLACE_OF[shop.country], f"{shop.seller_id}-{shop.country}-{month:%Y%m}"
    placed = [month + timedelta(days=n * 27 // shop.orders, hours=8 + n % 10) for n in range(shop.orders)]
    for n, at in enumerate(placed):
        channel = "MCF" if n % plan.MCF_EVERY == plan.MCF_EVERY - 1 else "MFN"
        built.add(1, order_placed(f"{tag}-O{n:02}", at, shop.seller_id, market, shop.price, shop.units, channel,
                                  plan.ASINS[n % len(plan.ASINS)]), now)
        tracked = not (shop.untracked_every and n % shop.untracked_every == 0)
        built.add(2, envelope(f"ship-{tag}-O{n:02}", "OrderShipped", at + timedelta(days=1), shop.seller_id, market,
                              {"order_id": f"{tag}-O{n:02}", "units": shop.units, "tracking_valid": tracked,
                               "tracking_id": f"TRK{n:04}" if tracked else None}), now)
    for c in range(shop.contacts):
        order = (c * 7) % shop.orders
        created = placed[order] + timedelta(days=2, hours=c)
        contact = f"{tag}-C{c}"
        built.add(2, contact_created(contact, f"{tag}-O{order:02}", created, shop.seller_id, market,
                                     plan.TOPICS[c % len(plan.TOPICS)], shop.language), now)
        answered = created + timedelta(hours=2 + 5 * c)
        built.add(3, envelope(f"answer-{contact}", "ContactResponded", answered, shop.seller_id, market,
                              {"contact_id": contact, "responded_at": wire(answered)}), now)
        built.add(3, envelope(f"survey-{contact}", "SurveyAnswered", answered + timedelta(hours=20), shop.seller_id,
                              market, {"contact_id": contact, "solved": c % 3 != 2}), now)


def _case(built: History, case: plan.Case, now: datetime) -> None:
    market = MARKETPLACE_OF[case.country]
    placed = now - timedelta(days=case.days_ago + 1)
    built.add(1, order_placed(f"case-{case.key}", placed, case.seller_id, market, case.total, 1, "MFN",
                              plan.ASINS[0]), now)
    created, contact = now - timedelta(days=case.days_ago), f"case-{case.key}-C"
    built.add(2, contact_created(contact, f"case-{case.key}", created, case.seller_id, market, case.topic,
                                 LANGUAGE_OF[case.seller_id, case.country]), now)
    if case.refund:  # the agent answered, then refunds (seed does, over the API)
        answered = created + timedelta(hours=1)
        built.add(3, envelope(f"answer-{contact}", "ContactResponded", answered, case.seller_id, market,
                              {"contact_id": contact, "responded_at": wire(answered)}), now)


def envelope(event_id: str, type_: str, at: datetime, seller_id: str, market, detail: dict) -> dict:
    return {"event_id": f"seed-{event_id}", "type": type_, "occurred_at": wire(at),
            "marketplace_id": market.marketplace_id, "seller_id": seller_id, "detail": detail}


def order_placed(order_id: str, at: datetime, seller_id: str, market, total: str, units: int, channel: str,
                 asin: str) -> dict:
    return envelope(f"order-{order_id}", "OrderPlaced", at, seller_id, market, {
        "order_id": order_id, "fulfillment_channel": channel, "seller_fulfilled_prime": False, "units": units,
        "order_total": {"amount": total, "currency": market.currency}, "asins": [asin]})


def contact_created(contact_id: str, order_id: str, at: datetime, seller_id: str, market, topic: str,
                    language: str) -> dict:
    return envelope(f"contact-{contact_id}", "ContactCreated", at, seller_id, market, {
        "contact_id": contact_id, "order_id": order_id, "asin": None, "channel": "email", "language": language,
        "topic": topic, "message": "Where is my order? / Wo ist meine Bestellung?"})
