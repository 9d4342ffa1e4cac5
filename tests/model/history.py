"""A seller's whole history replayed from the events that count, in domain time (DESIGN sections 2-4, 6).

Delivery order plays no part: every decision reads the events' own times. Enrolment comes
from SellerRegistered (enrolled by default, trial starts) and the seller's opt-in / opt-out
actions (the HTTP routes), given as `Action`s with their instant.
"""
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from tests.model.contacts import count_contacts
from tests.model.policy_data import trial_days
from tests.model.validity import first_valid_copies, instant

DAY = timedelta(days=1)


@dataclass(frozen=True)
class Action:
    """A seller's opt-in ("opt_in"), opt-out ("opt_out") or inbox reply ("reply" to `contact_id`) at an instant."""

    at: datetime
    seller_id: str
    marketplace_id: str
    kind: str
    contact_id: str | None = None


def _residence_order(registration: dict) -> tuple:
    detail = registration["detail"]
    return instant(registration["occurred_at"]), detail["country"], detail["vat_id"] or ""


def month_of(at: datetime) -> str:
    return at.strftime("%Y-%m")


class History:
    """Sellers, enrolments, orders, contacts, and the counters of every (seller, marketplace, month)."""

    def __init__(self, envelopes: list, actions: list[Action] = ()):
        events = sorted(first_valid_copies(envelopes), key=lambda e: (instant(e["occurred_at"]), e["event_id"]))
        self.by_type = defaultdict(list)
        for event in events:
            self.by_type[event["type"]].append(event)
        self.sellers = self._sellers()
        self.actions = sorted(actions, key=lambda a: a.at)
        self.enrolments = self._enrolments([a for a in self.actions if a.kind in ("opt_in", "opt_out")])
        self.orders = self._orders()
        self.counted: list[tuple] = []  # (seller, marketplace, instant, {counter: delta}): what CSBA counts
        self.routed_to_seller: list[tuple] = []  # (seller, marketplace, instant, reason) of seller-routed contacts
        self._count_orders()
        self.contacts = count_contacts(self)
        self.counters: dict[tuple, Counter] = defaultdict(Counter)  # (seller, marketplace, month) -> counts
        for seller, market, at, deltas in self.counted:
            self.counters[(seller, market, month_of(at))].update(deltas)
        self.touched = set(self.counters)  # (seller, marketplace, month) with something counted

    def count(self, seller: str, market: str, at: datetime, **deltas: int) -> None:
        self.counted.append((seller, market, at, deltas))

    def _sellers(self) -> dict:
        """Active from the earliest registration; residence and VAT id of the latest (at the same instant, of the
        greater (country, VAT id), so delivery order plays no part even then)."""
        sellers, registrations = {}, defaultdict(list)
        for e in self.by_type["SellerRegistered"]:
            registrations[e["seller_id"]].append(e)
        for seller, found in registrations.items():
            latest = max(found, key=_residence_order)["detail"]
            earliest = min(instant(e["occurred_at"]) for e in found)
            sellers[seller] = {"statuses": [(earliest, "active")], "country": latest["country"],
                               "vat_id": latest["vat_id"]}
        for e in self.by_type["SellerStatusChanged"]:
            if e["seller_id"] in sellers:
                sellers[e["seller_id"]]["statuses"].append((instant(e["occurred_at"]), e["detail"]["status"]))
        return sellers

    def active_at(self, seller: str, at: datetime) -> bool:
        known = [status for when, status in sorted(self.sellers[seller]["statuses"]) if when <= at]
        return bool(known) and known[-1] == "active"

    def _enrolments(self, actions: list[Action]) -> dict:
        """(seller, marketplace) -> {"intervals": [[start, end or None]], "trial_end": instant}."""
        enrolments = {}
        steps = [(instant(e["occurred_at"]), e["seller_id"], e["marketplace_id"], "registered")
                 for e in self.by_type["SellerRegistered"]]
        steps += [(a.at, a.seller_id, a.marketplace_id, a.kind) for a in actions]
        for at, seller, market, kind in sorted(steps, key=lambda s: s[0]):
            current = enrolments.get((seller, market))
            is_open = current is not None and current["intervals"][-1][1] is None
            if kind == "opt_out" and is_open:
                current["intervals"][-1][1] = at
            elif kind == "opt_in" and not is_open and seller in self.sellers and self.active_at(seller, at):
                if current is None:
                    enrolments[(seller, market)] = {"intervals": [[at, None]], "trial_end": at + trial_days(at) * DAY}
                else:
                    current["intervals"].append([at, None])
            elif kind == "registered" and current is None and self.active_at(seller, at):
                enrolments[(seller, market)] = {"intervals": [[at, None]], "trial_end": at + trial_days(at) * DAY}
        return enrolments

    def enrolled_at(self, seller: str, market: str, at: datetime) -> bool:
        enrolment = self.enrolments.get((seller, market))
        return enrolment is not None and any(s <= at and (e is None or at < e) for s, e in enrolment["intervals"])

    def in_trial_at(self, seller: str, market: str, at: datetime) -> bool:
        enrolment = self.enrolments[(seller, market)]
        return enrolment["intervals"][0][0] <= at < enrolment["trial_end"]

    def _orders(self) -> dict:
        orders = {}
        for e in self.by_type["OrderPlaced"]:
            d, at, seller, market = e["detail"], instant(e["occurred_at"]), e["seller_id"], e["marketplace_id"]
            if seller not in self.sellers or d["order_id"] in orders:
                continue
            mfn = d["fulfillment_channel"] == "MFN" and not d["seller_fulfilled_prime"]
            csba = mfn and self.enrolled_at(seller, market, at)
            orders[d["order_id"]] = {"seller": seller, "market": market, "at": at, "units": d["units"],
                                     "channel": d["fulfillment_channel"], "sfp": d["seller_fulfilled_prime"],
                                     "csba": csba, "in_trial": csba and self.in_trial_at(seller, market, at),
                                     "shipped": 0}
        return orders

    def _count_orders(self) -> None:
        for order in self.orders.values():
            if order["csba"]:
                self.count(order["seller"], order["market"], order["at"], csba_orders=1)
        for e in self.by_type["OrderShipped"]:
            order, d = self.orders.get(e["detail"]["order_id"]), e["detail"]
            if order is None or order["shipped"] + d["units"] > order["units"]:
                continue  # never placed (retried for ever), or more units than the order has: invalid
            order["shipped"] += d["units"]
            if order["csba"]:
                self.count(order["seller"], order["market"], instant(e["occurred_at"]), units_shipped=d["units"],
                           units_shipped_trial=d["units"] if order["in_trial"] else 0, shipments=1,
                           shipments_valid_tracking=int(d["tracking_valid"]))
        for e in self.by_type["ReturnRequested"]:
            order = self.orders.get(e["detail"]["order_id"])
            if order is not None and order["csba"]:
                self.count(order["seller"], order["market"], instant(e["occurred_at"]), returns=1,
                           returns_prepaid_label=int(e["detail"]["prepaid_label"]))
