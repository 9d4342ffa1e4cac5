"""Hypothesis strategies: whole histories of several sellers, as envelopes plus opt-in / opt-out actions.

A history spans 4-5 months on one side or both of a policy date (2021-11, 2026-05). Sellers
live in countries across the tax rules, with valid, invalid or no VAT ids, sell in one or
two marketplaces (JP in whole yen), register long before or inside the span (so trials end
mid-month; two registrations may share an instant), each registration with its own residence
and VAT id (a seller moves; its registrations are delivered in either order), and have idle,
small and busy months. Orders are MFN, AFN, MCF or Seller-Fulfilled Prime; shipments,
responses and surveys may fall in the next month; a few events are invalid. `Plan.actions` are
opt-outs and opt-ins, and status changes ride as events.
"""
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from hypothesis import strategies as st

from tests.model.history import Action
from tests.model.orders_plan import seller_month
from tests.model.policy_data import CSBA_START

DE, UK, JP, FR, US = "A1PA6795UKMFR9", "A1F83G8C2ARO7P", "A1VC38T7YXB528", "A13V1IB3VIYZZH", "ATVPDKIKX0DER"
RESIDENCES = [("DE", None), ("DE", "DE136695976"), ("DE", "DE136695977"), ("FR", "FR40303265045"), ("FR", None),
              ("IT", "IT00743110157"), ("ES", "ESA28015865"), ("ES", "ESA2801586X"), ("NL", "NL004495445B01"),
              ("GB", None), ("JP", None), ("US", None), ("CN", "CN12345")]
STARTS = ["2021-11", "2021-12", "2026-01", "2026-02", "2026-03", "2026-04"]


@dataclass
class Plan:
    months: list[str]
    envelopes: list[dict] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    sellers: dict = field(default_factory=dict)  # seller -> marketplaces it registered in


def month_start(month: str) -> datetime:
    return datetime(int(month[:4]), int(month[5:]), 1, tzinfo=timezone.utc)


def months_from(start: str, count: int) -> list[str]:
    index = int(start[:4]) * 12 + int(start[5:]) - 1
    return [f"{(index + n) // 12:04d}-{(index + n) % 12 + 1:02d}" for n in range(count)]


def wire(at: datetime) -> str:
    return at.strftime("%Y-%m-%dT%H:%M:%SZ")


class Ids:
    def __init__(self):
        self.next = 0

    def __call__(self, prefix: str) -> str:
        self.next += 1
        return f"{prefix}{self.next}"


def envelope(ids: Ids, type_: str, at: datetime, seller: str, market: str, detail: dict) -> dict:
    return {"event_id": ids("e-"), "type": type_, "occurred_at": wire(at), "marketplace_id": market,
            "seller_id": seller, "detail": detail}


@st.composite
def histories(draw, max_sellers: int = 3) -> Plan:
    rnd = random.Random(draw(st.integers(0, 2**32)))  # details; the structure is drawn
    months = months_from(draw(st.sampled_from(STARTS)), draw(st.integers(4, 5)))
    plan, ids = Plan(months), Ids()
    first, end = month_start(months[0]), month_start(months_from(months[-1], 2)[1])
    for n in range(draw(st.integers(2, max_sellers))):
        seller = f"S{n + 1}"
        markets = draw(st.lists(st.sampled_from([DE, UK, JP, FR, US]), min_size=1, max_size=2, unique=True))
        months_like = draw(st.sampled_from([["idle", "small"], ["small", "busy", "busy", "idle"]]))
        contacts_per_order = draw(st.sampled_from([0.0, 0.04, 0.35, 1.2]))  # tier 1 (or below 3%) .. tier 4
        plan.sellers[seller] = markets
        for market in markets:
            early = draw(st.booleans())
            registered = max(CSBA_START + timedelta(hours=1), first - timedelta(days=150) if early else
                             first + timedelta(days=rnd.randrange(0, 50), hours=rnd.randrange(24)))
            country, vat_id = draw(st.sampled_from(RESIDENCES))  # each registration its own: the latest counts
            plan.envelopes.append(envelope(ids, "SellerRegistered", registered, seller, market,
                                           {"country": country, "vat_id": vat_id}))
            for month in months:
                busy = draw(st.sampled_from(months_like))
                plan.envelopes += seller_month(rnd, ids, envelope, seller, market, month_start(month),
                                               registered, busy, contacts_per_order)
            if draw(st.integers(0, 3)) == 0:
                _opt_out_and_in(draw, rnd, ids, plan, seller, market, registered, end)
    plan.actions += _replies(rnd, plan.envelopes)
    plan.envelopes += _invalid(draw, rnd, ids, plan)
    return plan


def _replies(rnd, envelopes: list[dict]) -> list[Action]:
    """The seller replies through its inbox to some contacts (to one CSBA handles, it is refused)."""
    created = [e for e in envelopes if e["type"] == "ContactCreated" and rnd.random() < 0.3]
    at = lambda e: datetime.fromisoformat(e["occurred_at"].replace("Z", "+00:00"))  # noqa: E731
    return [Action(at(e) + timedelta(minutes=rnd.randrange(10, 40 * 60)), e["seller_id"], e["marketplace_id"], "reply",
                   e["detail"]["contact_id"]) for e in created]


def _opt_out_and_in(draw, rnd, ids, plan: Plan, seller: str, market: str, registered: datetime, end: datetime):
    """An opt-out inside the span, maybe an opt-in later, maybe while suspended (then refused)."""
    span = (end - registered).total_seconds()
    out = registered + timedelta(seconds=rnd.uniform(0.1, 0.6) * span)
    plan.actions.append(Action(out.replace(microsecond=0), seller, market, "opt_out"))
    if draw(st.booleans()):
        back = out + timedelta(days=rnd.randrange(5, 40))
        if draw(st.integers(0, 2)) == 0:
            plan.envelopes.append(envelope(ids, "SellerStatusChanged", back - timedelta(days=2), seller, market,
                                           {"status": "suspended"}))
            plan.envelopes.append(envelope(ids, "SellerStatusChanged", back + timedelta(days=3), seller, market,
                                           {"status": "active"}))
        plan.actions.append(Action(back.replace(microsecond=0), seller, market, "opt_in"))


def _invalid(draw, rnd, ids, plan: Plan) -> list[dict]:
    """A few events the contract calls invalid: none of them may count."""
    from tests.model.invalid import spoil

    valid = [e for e in plan.envelopes if e["type"] in ("OrderPlaced", "OrderShipped", "ContactCreated")]
    chosen = draw(st.lists(st.integers(0, max(0, len(valid) - 1)), max_size=3)) if valid else []
    return [spoil(rnd, ids, valid[i]) for i in chosen]
