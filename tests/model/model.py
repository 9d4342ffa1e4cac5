"""The reference model: envelopes (and opt-in / opt-out actions) in, wire-format results out.

`Model(envelopes, actions)` answers, for any seller, marketplace and month, the report
(closed or provisional), the marketplace average and top decile, and the invoice or None.
A month is closed when the close may run for it (DESIGN section 6: it began after CSBA
did, 2021-11-16, so 2021-11 itself is refused); a closed month has a snapshot and an
invoice exactly for the sellers with something counted in it.
"""
from collections import Counter

from tests.model import monthly
from tests.model.history import Action, History  # noqa: F401 - Action is part of the model's input
from tests.model.invoice import invoice
from tests.model.market import market_statistics
from tests.model.policy_data import CSBA_START


def add_months(month: str, count: int) -> str:
    index = int(month[:4]) * 12 + int(month[5:]) - 1 + count
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def closable(month: str) -> bool:
    """A month the close accepts (once it has ended): one that began after CSBA did."""
    return month > CSBA_START.strftime("%Y-%m")


class Model:
    def __init__(self, envelopes: list, actions: list = ()):
        self.history = History(envelopes, actions)

    def counts(self, seller: str, market: str, month: str) -> dict:
        counted = self.history.counters.get((seller, market, month), Counter())
        return {name: counted[name] for name in monthly.COUNT_NAMES}

    def has_snapshot(self, seller: str, market: str, month: str) -> bool:
        return closable(month) and (seller, market, month) in self.history.touched

    def window(self, seller: str, market: str, month: str, offsets) -> dict:
        total = Counter()
        for offset in offsets:
            total.update(self.counts(seller, market, add_months(month, offset)))
        return total

    def month(self, seller: str, market: str, month: str) -> dict:
        """What billing and the report read: M's counts and its windows."""
        prior = self.window(seller, market, month, (-3, -2, -1))
        trailing = self.window(seller, market, month, (-2, -1, 0))
        return {"seller_id": seller, "marketplace_id": market, "month": month,
                "policy": "2026-05" if month >= "2026-05" else "2021-11", "counts": self.counts(seller, market, month),
                "prior_contacts": prior["contacts"], "prior_units": prior["units_shipped"],
                "tier": monthly.tier(prior["contacts"], prior["units_shipped"]), "orders_m2_m": trailing["csba_orders"],
                "trailing_contacts": trailing["contacts"], "trailing_units": trailing["units_shipped"]}

    def sellers_with_snapshots(self, market: str, month: str) -> list[str]:
        return sorted(s for s, m, mo in self.history.touched if m == market and mo == month and closable(mo))

    def statistics(self, market: str, month: str) -> dict:
        """`marketplace_average` and `top_decile` of a closed month."""
        return market_statistics([self.counts(s, market, month) for s in self.sellers_with_snapshots(market, month)])

    def report(self, seller: str, market: str, month: str, closed: bool) -> dict:
        m = self.month(seller, market, month)
        stats = self.statistics(market, month) if closed else {
            "marketplace_average": dict.fromkeys(monthly.RATES), "top_decile": dict.fromkeys(monthly.RATES)}
        trailing = monthly.fraction(m["trailing_contacts"], m["trailing_units"])
        return {"seller_id": seller, "marketplace_id": market, "month": month, "provisional": not closed,
                "counts": m["counts"], "rates": monthly.wire_rates(m["counts"]), "health": monthly.health(m["counts"]),
                **stats, "trailing_cpu": monthly.rounded(trailing, 4),
                "next_tier": monthly.tier(m["trailing_contacts"], m["trailing_units"])}

    def invoice(self, seller: str, market: str, month: str) -> dict | None:
        if not self.has_snapshot(seller, market, month):
            return None
        return invoice(self.history.sellers[seller], self.month(seller, market, month))
