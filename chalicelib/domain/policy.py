"""CSBA policy data, versioned by effective date (DESIGN section 2).

A month is billed under the version in force on its first day; a trial is the
one of the version in force at the seller's first enrolment.
"""
from dataclasses import dataclass
from datetime import date, datetime

from chalicelib.domain.errors import InvalidInput

PROGRAM_START = date(2021, 11, 16)


@dataclass(frozen=True)
class PolicyVersion:
    version: str
    effective_from: date
    trial_days: int


POLICIES: tuple[PolicyVersion, ...] = (
    PolicyVersion("2021-11", date(2021, 11, 16), trial_days=30),
    PolicyVersion("2026-05", date(2026, 5, 1), trial_days=90),
)


def policy_in_force(day: date | datetime) -> PolicyVersion:
    """The version whose effective date is the latest one on or before `day`."""
    if isinstance(day, datetime):
        day = day.date()
    in_force = [p for p in POLICIES if p.effective_from <= day]
    if not in_force:
        raise InvalidInput(f"{day.isoformat()} is before CSBA existed ({PROGRAM_START.isoformat()})")
    return max(in_force, key=lambda p: p.effective_from)
