"""A scripted month (October 2026) for 50 sellers across DE, UK and JP, in causal order.

The mix and causal rules of bench/workload.py (a shipment needs a placed order, a response an
open contact, ...), with three currencies, registrations in June (their 90-day trial is over
by October, so units are billed) and a few large sellers (above the 30 orders that make a
month billable under policy 2026-05).
"""
import random
from datetime import datetime, timedelta, timezone

from bench.workload import FULFILMENT, MIX
from chalicelib.domain.routing import CHANNELS, TOPICS

MARKETS = {"A1PA6795UKMFR9": ("DE", "de-DE", "EUR"), "A1F83G8C2ARO7P": ("GB", "en-GB", "GBP"),
           "A1VC38T7YXB528": ("JP", "ja-JP", "JPY")}
REGISTERED, START = datetime(2026, 6, 1, tzinfo=timezone.utc), datetime(2026, 10, 1, tzinfo=timezone.utc)
MONTH_SECONDS = 30 * 24 * 3600
SELLERS, LARGE_SELLERS, LARGE_WEIGHT = 50, 3, 20


def scripted_month(events: int, seed: int = 10) -> list[dict]:
    """`events` envelopes, the first 50 SellerRegistered; deterministic for a seed."""
    return _Month(random.Random(seed)).events(events)


def wire(at: datetime) -> str:
    return at.isoformat().replace("+00:00", "Z")


class _Month:
    def __init__(self, rng: random.Random):
        self.rng, self.n = rng, 0
        markets = list(MARKETS)
        self.sellers = {f"rS{i:03d}": markets[i % len(markets)] for i in range(SELLERS)}
        self.weights = [LARGE_WEIGHT if i < LARGE_SELLERS else 1 for i in range(SELLERS)]
        self.placed, self.shipped, self.open, self.answered = [], [], [], []

    def events(self, total: int) -> list[dict]:
        out = [self.envelope("SellerRegistered", s, {"country": MARKETS[m][0], "vat_id": None}, REGISTERED)
               for s, m in self.sellers.items()]
        step = MONTH_SECONDS / max(total - len(out), 1)
        while len(out) < total:
            kind = self.rng.choices(list(MIX), weights=list(MIX.values()))[0]
            out.append(self.next_event(kind, START + timedelta(hours=1, seconds=step * len(out))))
        return out

    def next_event(self, kind: str, at: datetime) -> dict:
        pools = {"OrderShipped": self.placed, "ReturnRequested": self.shipped,
                 "ContactCreated": self.placed + self.shipped, "ContactResponded": self.open,
                 "SurveyAnswered": self.answered}
        if kind != "OrderPlaced" and not pools[kind]:
            kind = "OrderPlaced"
        return getattr(self, kind)(at)

    def take(self, pool: list) -> dict:
        return pool.pop(self.rng.randrange(len(pool)))

    def OrderPlaced(self, at):  # noqa: N802 - named after the event type
        seller = self.rng.choices(list(self.sellers), weights=self.weights)[0]
        channel, sfp, _ = self.rng.choices(FULFILMENT, weights=[f[2] for f in FULFILMENT])[0]
        order = {"order_id": self.id("O"), "seller": seller, "units": self.rng.randint(1, 3)}
        self.placed.append(order)
        currency = MARKETS[self.sellers[seller]][2]
        amount = f"{self.rng.randint(5, 200)}" + ("00" if currency == "JPY" else ".99")
        return self.envelope("OrderPlaced", seller, {
            "order_id": order["order_id"], "fulfillment_channel": channel, "seller_fulfilled_prime": sfp,
            "units": order["units"], "order_total": {"amount": amount, "currency": currency},
            "asins": [f"B0{self.rng.randint(0, 99_999_999):08d}" for _ in range(self.rng.randint(1, 2))]}, at)

    def OrderShipped(self, at):  # noqa: N802
        order = self.take(self.placed)
        self.shipped.append(order)
        valid = self.rng.random() < 0.95
        return self.envelope("OrderShipped", order["seller"], {
            "order_id": order["order_id"], "units": order["units"], "tracking_valid": valid,
            "tracking_id": f"TRK{self.n}" if valid else None}, at)

    def ReturnRequested(self, at):  # noqa: N802
        order = self.take(self.shipped)
        return self.envelope("ReturnRequested", order["seller"], {
            "order_id": order["order_id"], "return_id": self.id("R"), "prepaid_label": self.rng.random() < 0.8}, at)

    def ContactCreated(self, at):  # noqa: N802
        order = self.rng.choice(self.placed + self.shipped)
        contact = {"contact_id": self.id("C"), "seller": order["seller"]}
        self.open.append(contact)
        return self.envelope("ContactCreated", order["seller"], {
            "contact_id": contact["contact_id"], "order_id": order["order_id"], "asin": None,
            "channel": self.rng.choice(CHANNELS), "language": MARKETS[self.sellers[order["seller"]]][1],
            "topic": self.rng.choice(TOPICS), "message": "Where is my order?"}, at)

    def ContactResponded(self, at):  # noqa: N802
        contact = self.take(self.open)
        self.answered.append(contact)
        return self.envelope("ContactResponded", contact["seller"],
                             {"contact_id": contact["contact_id"], "responded_at": wire(at)}, at)

    def SurveyAnswered(self, at):  # noqa: N802
        contact = self.take(self.answered)
        return self.envelope("SurveyAnswered", contact["seller"],
                             {"contact_id": contact["contact_id"], "solved": self.rng.random() < 0.8}, at)

    def envelope(self, kind: str, seller: str, detail: dict, at: datetime) -> dict:
        return {"event_id": self.id("e"), "type": kind, "occurred_at": wire(at),
                "marketplace_id": self.sellers[seller], "seller_id": seller, "detail": detail}

    def id(self, kind: str) -> str:
        self.n += 1
        return f"r{kind}{self.n}"
