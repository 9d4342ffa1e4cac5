"""The performance report of a seller-month (DESIGN sections 6 and 8) and the public identifier.

A closed month answers from its frozen snapshot and the marketplace statistics of the
close; the current, unclosed month answers from live counters, marked provisional, with
no marketplace comparison yet (null) because those exist only once the month is closed.
"""
from datetime import datetime

from chalicelib.domain.billing import tier_for
from chalicelib.domain.clock import add_months, month_of
from chalicelib.domain.closing import snapshot_of
from chalicelib.domain.enrollment import enrolled
from chalicelib.domain.errors import InvalidInput, NotFound
from chalicelib.domain.marketplaces import marketplace
from chalicelib.domain.months import parse_month
from chalicelib.domain.metrics import RATE_NAMES, rates_for_wire, round_half_up
from chalicelib.domain.policy import policy_for_month
from chalicelib.domain.wire import JsonObject
from chalicelib.services.month_ports import ReportReads

LABEL = "Customer service by Amazon"


def report(store: ReportReads, seller_id: str, marketplace_id: str, month: str | None, now: datetime) -> JsonObject:
    marketplace(marketplace_id)
    if store.get_seller(seller_id) is None:
        raise NotFound(f"unknown seller {seller_id}")
    month = _month(store, marketplace_id, month, now)
    stats = store.get_market_stats(marketplace_id, month)
    snapshot = store.get_snapshot(seller_id, marketplace_id, month) if stats else None
    if snapshot is None:
        live = store.live_counters(seller_id, marketplace_id, add_months(month, -3), month)
        snapshot = snapshot_of(seller_id, marketplace_id, month, live)
    trailing = snapshot.trailing_cpu
    next_tier = tier_for(snapshot.trailing_contacts, snapshot.trailing_units)
    return {
        "seller_id": seller_id, "marketplace_id": marketplace_id, "month": month, "provisional": stats is None,
        "counts": snapshot.counters.to_mapping(), "rates": rates_for_wire(snapshot.counters),
        "health": snapshot.health,
        "marketplace_average": stats.marketplace_average if stats else dict.fromkeys(RATE_NAMES),
        "top_decile": stats.top_decile if stats else dict.fromkeys(RATE_NAMES),
        "trailing_cpu": round_half_up(trailing, 4),
        "next_tier": next_tier,
        "next_tier_rate": _rate_per_unit(marketplace_id, add_months(month, 1), next_tier),
    }


def _rate_per_unit(marketplace_id: str, month: str, tier: int | None) -> JsonObject:
    """The fee per unit `tier` costs in `month` (not enough data: the tier-2 rate), as Money on the wire."""
    card = policy_for_month(month).fee_card(marketplace_id)
    return {"amount": str(card.rate(tier)), "currency": card.currency}


def identifier(store: ReportReads, marketplace_id: str, seller_id: str, now: datetime) -> JsonObject:
    """Shown when the seller is enrolled now and its last closed month is not red; nothing else is revealed."""
    marketplace(marketplace_id)
    enrolled_now = enrolled(store.get_enrollment(seller_id, marketplace_id), now)
    show = enrolled_now and not _red(store, seller_id, marketplace_id)
    return {"show": bool(show), "label": LABEL}


def _red(store: ReportReads, seller_id: str, marketplace_id: str) -> bool:
    month = store.last_closed_month(marketplace_id)
    snapshot = store.get_snapshot(seller_id, marketplace_id, month) if month else None
    return snapshot is not None and snapshot.health["overall"] == "red"


def _month(store: ReportReads, marketplace_id: str, month: str | None, now: datetime) -> str:
    if month is None:
        month = store.last_closed_month(marketplace_id)
        if month is None:
            raise NotFound(f"no month has been closed yet in {marketplace_id}; ask for ?month=YYYY-MM")
    if parse_month(month) > month_of(now):
        raise InvalidInput(f"{month} has not begun")
    return month

