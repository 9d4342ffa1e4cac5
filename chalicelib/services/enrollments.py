"""Seller opt-in and opt-out per marketplace, and the coverage question routing and billing ask."""
from datetime import datetime
from typing import Callable

from chalicelib.domain.enrollment import Enrollment, enrolled, first_enrollment
from chalicelib.domain.errors import NotFound
from chalicelib.domain.marketplaces import marketplace
from chalicelib.domain.sellers import Seller
from chalicelib.services.ports import Store
from chalicelib.services.stale import StaleWrite

MAX_ATTEMPTS = 5


def list_enrollments(store: Store, seller_id: str) -> list[Enrollment]:
    _seller(store, seller_id)
    return sorted(store.list_enrollments(seller_id), key=lambda e: e.marketplace_id)


def opt_in(store: Store, seller_id: str, marketplace_id: str, now: datetime) -> Enrollment:
    """Enrol now (idempotent); the trial is granted on the first enrolment only."""
    marketplace(marketplace_id)
    return _update(store, seller_id, marketplace_id,
                   lambda seller, current: current.opt_in(seller, now) if current
                   else first_enrollment(seller, marketplace_id, now))


def opt_out(store: Store, seller_id: str, marketplace_id: str, now: datetime) -> Enrollment:
    """Leave now; orders placed before stay covered."""
    marketplace(marketplace_id)

    def leave(seller: Seller, current: Enrollment | None) -> Enrollment:
        if current is None:
            raise NotFound(f"seller {seller_id} has never enrolled in {marketplace_id}")
        return current.opt_out(now)

    return _update(store, seller_id, marketplace_id, leave)


def enrolled_at(store: Store, seller_id: str, marketplace_id: str, at: datetime) -> bool:
    """Was seller S enrolled in marketplace M at instant T?"""
    return enrolled(store.get_enrollment(seller_id, marketplace_id), at)


def _update(store: Store, seller_id: str, marketplace_id: str,
            decide: Callable[[Seller, Enrollment | None], Enrollment]) -> Enrollment:
    """Read, decide, write under the version read; on a concurrent change, start again."""
    for _ in range(MAX_ATTEMPTS):
        seller = _seller(store, seller_id)
        current = store.get_enrollment(seller_id, marketplace_id)
        wanted = decide(seller, current)
        if current is not None and wanted == current:
            return current
        try:
            return store.save_enrollment(wanted)
        except StaleWrite:
            continue
    raise StaleWrite(f"enrolment {seller_id}/{marketplace_id} kept changing; try again")


def _seller(store: Store, seller_id: str) -> Seller:
    seller = store.get_seller(seller_id)
    if seller is None:
        raise NotFound(f"unknown seller {seller_id}")
    return seller
