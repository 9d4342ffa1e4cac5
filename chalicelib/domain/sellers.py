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

    def with_status(self, status: str, at: datetime) -> "Seller":
        """Apply a status change unless a later one is already known (events arrive unordered)."""
        if at < self.status_changed_at:
            return self
        return replace(self, status=status, status_changed_at=at)


def register(seller_id: str, country: str, vat_id: str | None, at: datetime,
             existing: "Seller | None") -> Seller:
    """The profile after a SellerRegistered event; re-registration refreshes residence and VAT id."""
    from chalicelib.domain.tax import vat_id_is_valid

    valid = bool(vat_id) and vat_id_is_valid(country, vat_id)
    if existing is None:
        return Seller(seller_id, country, vat_id, valid, "active", at, at)
    return replace(existing, country=country, vat_id=vat_id, vat_id_valid=valid)
