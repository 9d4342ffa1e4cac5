"""The storage interface services depend on; DynamoDB and in-memory stores implement it."""
from typing import Protocol, Sequence

from chalicelib.domain.enrollment import Enrollment
from chalicelib.domain.sellers import Seller
from chalicelib.services.changes import Change


class StaleWrite(Exception):
    """Someone else changed the record since it was read: read again and retry."""


class ConditionFailed(StaleWrite):
    """A transaction was refused because the condition of `change` failed (None: the event's processed mark)."""

    def __init__(self, change):
        super().__init__(f"condition failed: {type(change).__name__ if change else 'already processed'}")
        self.change = change


class Store(Protocol):
    def get_seller(self, seller_id: str) -> Seller | None: ...

    def get_enrollment(self, seller_id: str, marketplace_id: str) -> Enrollment | None: ...

    def list_enrollments(self, seller_id: str) -> list[Enrollment]: ...

    def save_enrollment(self, enrollment: Enrollment) -> Enrollment:
        """Write if the stored version is still `enrollment.version` (None: must not exist); else StaleWrite."""

    def commit_event(self, event_id: str, event_type: str, changes: Sequence[Change]) -> bool:
        """Apply every change and mark the event processed, atomically; False if already processed."""

    def commit(self, changes: Sequence[Change]) -> None:
        """Apply every change atomically, or none: ConditionFailed names the change refused."""
