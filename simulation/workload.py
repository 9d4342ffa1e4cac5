"""A realistic stream of marketplace events: sellers register first, then a mix in causal order.

Each step picks an event type by MIX; an event that needs something earlier (a shipment needs
an unshipped order, a response an unanswered contact, ...) becomes an order when there is none.
Timestamps advance through OCTOBER, so the stream can be closed as a month.
"""
import random
from datetime import datetime, timedelta, timezone

from chalicelib.domain.money import minor_digits
from chalicelib.domain.routing import CHANNELS, TOPICS

MIX = {"OrderPlaced": 30, "OrderShipped": 30, "ReturnRequested": 5, "ContactCreated": 15,
       "ContactResponded": 12, "SurveyAnswered": 8}
MARKETS = {"A1PA6795UKMFR9": ("DE", "de-DE", "EUR"), "A13V1IB3VIYZZH": ("FR", "fr-FR", "EUR"),
           "APJ6JRA9NG5V4": ("IT", "it-IT", "EUR"), "A1RKKUPIHCS9HS": ("ES", "es-ES", "EUR")}  # country, language, currency
FULFILMENT = (("MFN", False, 85), ("MFN", True, 5), ("AFN", False, 10))  # channel, seller-fulfilled prime, %
MONTH, START = "2026-10", datetime(2026, 10, 1, tzinfo=timezone.utc)
MONTH_SECONDS = 30 * 24 * 3600


def one_marketplace(sellers: int, events_per_seller: int, seed: int = 22,
                    market: str = "A1PA6795UKMFR9") -> list[dict]:
    """The mix of `sellers` sellers all in one marketplace (DE by default: its counters' keys are the hottest)."""
    market_of = {f"hS{n:05d}": market for n in range(sellers)}
    return Stream(random.Random(seed), "h", market_of, MARKETS).events(sellers * events_per_seller)


def stream(sellers: int, events_per_seller: int, seed: int = 8, prefix: str = "b") -> list[dict]:
    """`sellers` SellerRegistered, then the mix: `sellers * events_per_seller` events in all."""
    rng = random.Random(seed)
    market_of = {f"{prefix}S{i:05d}": rng.choice(list(MARKETS)) for i in range(sellers)}
    return Stream(rng, prefix, market_of, MARKETS).events(sellers * events_per_seller)


class Stream:
    """The generator: sellers (id -> marketplace) in `markets` (id -> country, language, currency), registered
    at `registered_at`; `weights` makes some sellers take more of the orders than others."""

    def __init__(self, rng: random.Random, prefix: str, market_of: dict[str, str], markets: dict[str, tuple],
                 weights: list[int] | None = None, registered_at: datetime = START):
        self.rng, self.prefix, self.n = rng, prefix, 0
        self.sellers, self.markets, self.weights, self.registered_at = market_of, markets, weights, registered_at
        self.placed, self.shipped, self.open, self.answered = [], [], [], []

    def events(self, total: int) -> list[dict]:
        out = [self.envelope("SellerRegistered", seller, {"country": self.markets[m][0], "vat_id": None},
                             at=self.registered_at) for seller, m in self.sellers.items()]
        step = MONTH_SECONDS / max(total - len(out), 1)
        while len(out) < total:
            at = START + timedelta(hours=1, seconds=step * len(out))
            out.append(self.next_event(self.rng.choices(list(MIX), weights=list(MIX.values()))[0], at))
        return out

    def next_event(self, kind: str, at: datetime) -> dict:
        pools = {"OrderShipped": self.placed, "ReturnRequested": self.shipped,
                 "ContactCreated": self.placed + self.shipped, "ContactResponded": self.open,
                 "SurveyAnswered": self.answered}
        if kind != "OrderPlaced" and not pools[kind]:
            kind = "OrderPlaced"
        return getattr(self, kind)(at)

    def OrderPlaced(self, at):  # noqa: N802 - named after the event type
        sellers = list(self.sellers)
        seller = self.rng.choices(sellers, weights=self.weights)[0] if self.weights else self.rng.choice(sellers)
        channel, sfp, _ = self.rng.choices(FULFILMENT, weights=[f[2] for f in FULFILMENT])[0]
        order = {"order_id": self.id("O"), "seller": seller, "units": self.rng.randint(1, 3)}
        self.placed.append(order)
        currency = self.markets[self.sellers[seller]][2]
        amount = f"{self.rng.randint(5, 200)}" + (".99" if minor_digits(currency) else "00")
        return self.envelope("OrderPlaced", seller, {
            "order_id": order["order_id"], "fulfillment_channel": channel, "seller_fulfilled_prime": sfp,
            "units": order["units"], "order_total": {"amount": amount, "currency": currency},
            "asins": [f"B0{self.rng.randint(0, 99_999_999):08d}" for _ in range(self.rng.randint(1, 2))]}, at)

    def OrderShipped(self, at):  # noqa: N802
        order = self.placed.pop(self.rng.randrange(len(self.placed)))
        self.shipped.append(order)
        valid = self.rng.random() < 0.95
        return self.envelope("OrderShipped", order["seller"], {
            "order_id": order["order_id"], "units": order["units"], "tracking_valid": valid,
            "tracking_id": f"TRK{self.n}" if valid else None}, at)

    def ReturnRequested(self, at):  # noqa: N802
        order = self.shipped.pop(self.rng.randrange(len(self.shipped)))
        return self.envelope("ReturnRequested", order["seller"], {
            "order_id": order["order_id"], "return_id": self.id("R"), "prepaid_label": self.rng.random() < 0.8}, at)

    def ContactCreated(self, at):  # noqa: N802
        order = self.rng.choice(self.placed + self.shipped)
        contact = {"contact_id": self.id("C"), "seller": order["seller"]}
        self.open.append(contact)
        return self.envelope("ContactCreated", order["seller"], {
            "contact_id": contact["contact_id"], "order_id": order["order_id"], "asin": None,
            "channel": self.rng.choice(CHANNELS), "language": self.markets[self.sellers[order["seller"]]][1],
            "topic": self.rng.choice(TOPICS), "message": "Where is my order?"}, at)

    def ContactResponded(self, at):  # noqa: N802
        contact = self.open.pop(self.rng.randrange(len(self.open)))
        self.answered.append(contact)
        detail = {"contact_id": contact["contact_id"], "responded_at": at.isoformat().replace("+00:00", "Z")}
        return self.envelope("ContactResponded", contact["seller"], detail, at)

    def SurveyAnswered(self, at):  # noqa: N802
        contact = self.answered.pop(self.rng.randrange(len(self.answered)))
        return self.envelope("SurveyAnswered", contact["seller"],
                             {"contact_id": contact["contact_id"], "solved": self.rng.random() < 0.8}, at)

    def envelope(self, kind: str, seller: str, detail: dict, at: datetime) -> dict:
        return {"event_id": self.id("e"), "type": kind, "occurred_at": at.isoformat().replace("+00:00", "Z"),
                "marketplace_id": self.sellers[seller], "seller_id": seller, "detail": detail}

    def id(self, kind: str) -> str:
        self.n += 1
        return f"{self.prefix}{kind}{self.n}"
