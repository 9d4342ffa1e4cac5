"""Seller profiles: residence, VAT registration and account status."""
from dataclasses import dataclass, replace
from datetime import datetime

STATUSES = ("active", "under_review", "restricted", "suspended")


@dataclass(frozen=True)
class Seller:
    seller_id: str
    country: str
    vat_id: str | None
    vat_id_valid: bool
    status: str
    status_changed_at: datetime
    registered_at: datetime
    version: int | None = None

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
    """The profile after a SellerRegistered event; re-registration refreshes residence and VAT id.

    The seller exists from its earliest registration, whatever order the registrations (one per
    marketplace) arrive in: an earlier one arriving late moves `registered_at` back, and with it
    the "active since registering" of a seller whose status no change has set yet. A later
    registration never resets the status (a seller suspended since stays suspended).
    """
    from chalicelib.domain.tax import vat_id_is_valid

    valid = bool(vat_id) and vat_id_is_valid(country, vat_id)
    if existing is None:
        return Seller(seller_id, country, vat_id, valid, "active", at, at)
    refreshed = replace(existing, country=country, vat_id=vat_id, vat_id_valid=valid)
    if at >= existing.registered_at:
        return refreshed
    since = at if existing.status_from_registering else existing.status_changed_at
    return replace(refreshed, registered_at=at, status_changed_at=since)
