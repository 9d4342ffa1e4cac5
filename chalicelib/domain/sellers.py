"""Seller profiles: residence, VAT registration and account status."""
from copy import replace
from datetime import datetime

from msgspec import Struct

STATUSES = ("active", "under_review", "restricted", "suspended")


class Seller(Struct, frozen=True):
    """A registered seller: its residence, VAT id and account status."""

    seller_id: str
    country: str
    vat_id: str | None
    vat_id_valid: bool
    status: str
    status_changed_at: datetime
    registered_at: datetime
    version: int | None = None
    residence_at: datetime | None = None  # when the kept residence and VAT id were registered; None: unknown

    def declares_newer_residence(self, country: str, vat_id: str | None, at: datetime) -> bool:
        """Whether a registration at `at` says where the seller lives now better than the residence kept.

        The latest registration wins. At the same instant the greater (country, VAT id) wins, so that the
        result never depends on arrival order. A residence of unknown date (a profile stored before
        `residence_at` was kept, when the last registration delivered won) yields to any registration.
        """
        if self.residence_at is None:
            return True
        return (at, country, vat_id or "") > (self.residence_at, self.country, self.vat_id or "")

    @property
    def is_active(self) -> bool:
        return self.status == "active"

    @property
    def status_from_registering(self) -> bool:
        """No status change known yet: the seller is active since its first registration."""
        return self.status == "active" and self.status_changed_at == self.registered_at

    def with_status(self, status: str, at: datetime) -> "Seller":
        """Apply a status change unless a later one is already known (events arrive unordered).

        Registering is no status change: a change older than the registration that arrived
        first still applies (the seller may have registered earlier elsewhere; that arrives later).
        """
        if at < self.status_changed_at and not self.status_from_registering:
            return self
        return replace(self, status=status, status_changed_at=at)


def register(seller_id: str, country: str, vat_id: str | None, at: datetime,
             existing: "Seller | None") -> Seller:
    """The profile after a SellerRegistered event (one per marketplace, arriving in any order).

    Residence and VAT id, and so the tax on its invoices, are those of the latest registration by
    `occurred_at`: an earlier one arriving late changes neither (ties: `Seller.declares_newer_residence`).
    The seller exists from its earliest registration: an earlier one arriving late moves `registered_at`
    back, and with it the "active since registering" of a seller whose status no change has set yet.
    A later registration never resets the status (a seller suspended since stays suspended).
    """
    from chalicelib.domain.tax import vat_id_is_valid

    valid = bool(vat_id) and vat_id_is_valid(country, vat_id)
    if existing is None:
        return Seller(seller_id, country, vat_id, valid, "active", at, at, residence_at=at)
    refreshed = existing
    if existing.declares_newer_residence(country, vat_id, at):
        refreshed = replace(existing, country=country, vat_id=vat_id, vat_id_valid=valid, residence_at=at)
    if at >= existing.registered_at:
        return refreshed
    since = at if existing.status_from_registering else existing.status_changed_at
    return replace(refreshed, registered_at=at, status_changed_at=since)
