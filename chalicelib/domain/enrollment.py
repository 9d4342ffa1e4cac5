"""Enrolment of a seller in CSBA, per marketplace, as a history of intervals.

The trial is the one of the policy in force at the first enrolment and is never
granted again; opting out closes the open interval now, so orders placed before
stay covered (coverage is decided when an order is placed).
"""
from copy import replace
from datetime import datetime, timedelta

from msgspec import Struct, field

from chalicelib.domain.errors import Conflict
from chalicelib.domain.policy import policy_in_force
from chalicelib.domain.sellers import Seller

ENROLLED, OPTED_OUT = "enrolled", "opted_out"


class Interval(Struct, frozen=True):
    """A span of enrolment from `start` to `end` (None: still enrolled)."""

    start: datetime
    end: datetime | None = None

    def contains(self, at: datetime) -> bool:
        return self.start <= at and (self.end is None or at < self.end)


class Enrollment(Struct, frozen=True):
    """A seller's enrolment in one marketplace: its trial's end and the spans it was enrolled."""

    seller_id: str
    marketplace_id: str
    trial_ends_at: datetime
    history: tuple[Interval, ...] = field(default_factory=tuple)
    version: int | None = None

    @property
    def status(self) -> str:
        return ENROLLED if self.history and self.history[-1].end is None else OPTED_OUT

    def enrolled_at(self, at: datetime) -> bool:
        """Was the seller enrolled in this marketplace at instant `at`?"""
        return any(interval.contains(at) for interval in self.history)

    def in_trial_at(self, at: datetime) -> bool:
        return bool(self.history) and self.history[0].start <= at < self.trial_ends_at

    def opt_in(self, seller: Seller, now: datetime) -> "Enrollment":
        """Enrolled from `now`; unchanged if already enrolled. Only active sellers may opt in."""
        _require_active(seller)
        if self.status == ENROLLED:
            return self
        return replace(self, history=self.history + (Interval(max(now, self._last_instant())),))

    def opt_out(self, now: datetime) -> "Enrollment":
        """Not enrolled from `now`; unchanged if already out."""
        if self.status == OPTED_OUT:
            return self
        last = self.history[-1]
        return replace(self, history=self.history[:-1] + (Interval(last.start, max(now, last.start)),))

    def _last_instant(self) -> datetime:
        last = self.history[-1]
        return last.end or last.start


def enrolled(enrollment: Enrollment | None, at: datetime) -> bool:
    """Was the seller enrolled at instant `at`, by its enrolment in the marketplace (None: it never was)?"""
    return enrollment is not None and enrollment.enrolled_at(at)


def first_enrollment(seller: Seller, marketplace_id: str, at: datetime) -> Enrollment:
    """The first enrolment, with the trial of the policy in force at `at`."""
    _require_active(seller)
    trial = timedelta(days=policy_in_force(at).trial_days)
    return Enrollment(seller.seller_id, marketplace_id, trial_ends_at=at + trial, history=(Interval(at),))


def _require_active(seller: Seller) -> None:
    if not seller.is_active:
        raise Conflict(f"seller {seller.seller_id} is {seller.status}; only active sellers may opt in",
                       code="seller_not_active")
