"""A seller's closed month: month M's counters and the windows around it, frozen by the monthly close.

Windows: trailing M-2..M (the report's trailing CPU, and the tier it gives M+1); prior
M-3..M-1 (the CPU that sets M's fee tier); CSBA orders M-2..M (the 2026-05 waiver).
The health colours are those of the close, kept with the figures: a later threshold
change does not recolour a closed month (DESIGN section 6).
"""
from datetime import datetime
from decimal import Decimal

from msgspec import Struct, field
from msgspec.structs import force_setattr

from chalicelib.domain.clock import add_months, month_of
from chalicelib.domain.metrics import Health, MonthCounters, health, rates, trailing_cpu
from chalicelib.domain.months import PROGRAM_START
from chalicelib.domain.wire import JsonObject


class SellerSnapshot(Struct, frozen=True):
    """A seller-month as frozen by the close: its counters, the trailing figures its tier and health come from."""

    seller_id: str
    marketplace_id: str
    month: str
    counters: MonthCounters
    trailing_contacts: int
    trailing_units: int
    prior_contacts: int
    prior_units: int
    csba_orders_3m: int
    health: Health = field(default_factory=dict)  # the colours at the close; computed when not given

    def __post_init__(self) -> None:
        if not self.health:
            force_setattr(self, "health", health(rates(self.counters)))

    @property
    def trailing_cpu(self) -> Decimal | None:
        return trailing_cpu([MonthCounters(contacts=self.trailing_contacts, units_shipped=self.trailing_units)])

    def figures(self) -> JsonObject:
        return {"counters": self.counters.to_mapping(), "trailing_contacts": self.trailing_contacts,
                "trailing_units": self.trailing_units, "prior_contacts": self.prior_contacts,
                "prior_units": self.prior_units, "csba_orders_3m": self.csba_orders_3m, "health": self.health}

    @classmethod
    def from_figures(cls, seller_id: str, marketplace_id: str, month: str, figures: JsonObject) -> "SellerSnapshot":
        """From stored figures; a snapshot stored before the colours were kept gets them computed."""
        windows = {k: int(v) for k, v in figures.items() if k not in ("counters", "health")}
        return cls(seller_id, marketplace_id, month, MonthCounters.from_mapping(figures["counters"]), **windows,
                   health=figures.get("health") or {})


def active_in(by_month: dict[str, MonthCounters], month: str) -> bool:
    """Did the seller have anything counted in `month` (a counter other than zero)?"""
    return month in by_month and any(by_month[month].to_mapping().values())


def snapshot_of(seller_id: str, marketplace_id: str, month: str,
                by_month: dict[str, MonthCounters]) -> SellerSnapshot:
    """Freeze month `month` from the seller's counters of M-3..M (missing months count as zero)."""
    def get(offset: int) -> MonthCounters:
        return by_month.get(add_months(month, offset), MonthCounters())

    trailing, prior = [get(o) for o in (-2, -1, 0)], [get(o) for o in (-3, -2, -1)]
    return SellerSnapshot(
        seller_id, marketplace_id, month, get(0),
        trailing_contacts=sum(c.contacts for c in trailing), trailing_units=sum(c.units_shipped for c in trailing),
        prior_contacts=sum(c.contacts for c in prior), prior_units=sum(c.units_shipped for c in prior),
        csba_orders_3m=sum(c.csba_orders for c in trailing))


def refusal_to_close(month: str, at: datetime) -> str | None:
    """Why a close at `at` may not close `month` (DESIGN section 6), or None: it has ended and began after CSBA."""
    if month >= month_of(at):
        return f"{month} has not ended at {at.isoformat()}"
    if month <= PROGRAM_START.strftime("%Y-%m"):
        return f"{month} began before CSBA did ({PROGRAM_START.isoformat()})"
    return None
