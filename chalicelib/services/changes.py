"""What one event changes, described without storage details.

A service returns a list of these; the store writes them together with the event's
"processed" mark in one transaction, so an event takes effect entirely once or not at all.
"""
from dataclasses import dataclass

from chalicelib.domain.enrollment import Enrollment
from chalicelib.domain.sellers import Seller


@dataclass(frozen=True)
class SaveSeller:
    seller: Seller


@dataclass(frozen=True)
class CreateEnrollment:
    """Create the first enrolment; fails (and the event is retried) if one appeared meanwhile."""

    enrollment: Enrollment


Change = SaveSeller | CreateEnrollment
