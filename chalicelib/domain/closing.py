"""A seller's closed month: month M's counters and the windows around it, frozen by the monthly close.

Windows: trailing M-2..M (the report's trailing CPU, and the tier it gives M+1); prior
M-3..M-1 (the CPU that sets M's fee tier); CSBA orders M-2..M (the 2026-05 waiver).
"""
from dataclasses import dataclass

from chalicelib.domain.clock import add_months
from chalicelib.domain.metrics import MonthCounters, health, rates, trailing_cpu


@dataclass(frozen=True)
class SellerSnapshot:
    seller_id: str
    marketplace_id: str
    month: str
    counters: MonthCounters
    trailing_contacts: int
    trailing_units: int
    prior_contacts: int
    prior_units: int
    csba_orders_3m: int

    @property
    def health(self) -> dict:
        return health(rates(self.counters))

    @property
    def trailing_cpu(self):
        return trailing_cpu([MonthCounters(contacts=self.trailing_contacts, units_shipped=self.trailing_units)])

    def figures(self) -> dict:
        return {"counters": self.counters.to_mapping(), "trailing_contacts": self.trailing_contacts,
                "trailing_units": self.trailing_units, "prior_contacts": self.prior_contacts,
                "prior_units": self.prior_units, "csba_orders_3m": self.csba_orders_3m}

    @classmethod
    def from_figures(cls, seller_id: str, marketplace_id: str, month: str, figures: dict) -> "SellerSnapshot":
        windows = {k: int(v) for k, v in figures.items() if k != "counters"}
        return cls(seller_id, marketplace_id, month, MonthCounters.from_mapping(figures["counters"]), **windows)


def snapshot_of(seller_id: str, marketplace_id: str, month: str,
                by_month: dict[str, MonthCounters]) -> SellerSnapshot:
    """Freeze month `month` from the seller's counters of M-3..M (missing months count as zero)."""
    get = lambda offset: by_month.get(add_months(month, offset), MonthCounters())  # noqa: E731
    trailing, prior = [get(o) for o in (-2, -1, 0)], [get(o) for o in (-3, -2, -1)]
    return SellerSnapshot(
        seller_id, marketplace_id, month, get(0),
        trailing_contacts=sum(c.contacts for c in trailing), trailing_units=sum(c.units_shipped for c in trailing),
        prior_contacts=sum(c.contacts for c in prior), prior_units=sum(c.units_shipped for c in prior),
        csba_orders_3m=sum(c.csba_orders for c in trailing))
