"""What one event changes, described without storage details.

A service returns a list of these; the store writes them together with the event's
"processed" mark in one transaction, so an event takes effect entirely once or not at all.
"""
from datetime import datetime
from typing import TYPE_CHECKING

from msgspec import Struct
from msgspec.structs import force_setattr

from chalicelib.domain.clock import month_of
from chalicelib.domain.contacts import Contact
from chalicelib.domain.enrollment import Enrollment
from chalicelib.domain.orders import Order
from chalicelib.domain.refunds import Refund
from chalicelib.domain.replies import Reply
from chalicelib.domain.sellers import Seller
from chalicelib.domain.weeks import week_of
from chalicelib.domain.wire import JsonObject
from chalicelib.services.destinations import Destination

if TYPE_CHECKING:  # an annotation only: the events path does not load billing (bench figure 1)
    from chalicelib.domain.billing import Invoice


class SaveSeller(Struct, frozen=True):
    """Create or update the seller (a stale version is refused)."""

    seller: Seller


class CreateEnrollment(Struct, frozen=True):
    """Create the first enrolment; fails (and the event is retried) if one appeared meanwhile."""

    enrollment: Enrollment


class CreateOrder(Struct, frozen=True):
    """Create the order; refused if it exists."""

    order: Order


class ShipUnits(Struct, frozen=True):
    """Add `units` to the order's shipped units, refused if they would pass its units; `order` as it is after."""

    order: Order
    units: int


class SaveContact(Struct, frozen=True):
    """Create (version None) or update under the version read."""

    contact: Contact


class AddToCounters(Struct, frozen=True):
    """Atomic adds to one seller-month's counters (a delta may be negative: a changed survey answer)."""

    seller_id: str
    marketplace_id: str
    month: str
    deltas: tuple[tuple[str, int], ...]


class AddToWeekCounters(Struct, frozen=True):
    """The same adds to the seller's counters of one ISO week (CS Insights), in the same transaction."""

    seller_id: str
    marketplace_id: str
    week: str
    deltas: tuple[tuple[str, int], ...]


class QueueMessage(Struct, frozen=True):
    """A message to send after the commit; kept in the outbox until the send is confirmed."""

    key: str  # the consumer's idempotency key
    destination: Destination
    body: JsonObject

    def __post_init__(self) -> None:  # a stored value becomes its Destination; an unknown one fails here
        force_setattr(self, "destination", Destination(self.destination))


class CreateRefund(Struct, frozen=True):
    """Create the refund; refused if the refund_id exists (a concurrent request with the same key)."""

    refund: Refund


class ReserveRefundable(Struct, frozen=True):
    """Add `amount_minor` to the order's refunded total, refused if that would pass the order total."""

    order_id: str
    amount_minor: int
    total_minor: int


class IssueRefund(Struct, frozen=True):
    """A pending refund becomes issued; refused unless it is still pending."""

    refund: Refund


class CreateInvoice(Struct, frozen=True):
    """Write the invoice under its deterministic id; refused if it exists (the close ran before)."""

    invoice: "Invoice"


class CreditInvoice(Struct, frozen=True):
    """Mark the current invoice credited (its body stays as issued); refused unless it exists and is current."""

    invoice_id: str


class CreateReply(Struct, frozen=True):
    """Record a seller's reply under its reply_id; refused if that id exists (the same request again)."""

    reply: Reply


Change = (SaveSeller | CreateEnrollment | CreateOrder | ShipUnits | SaveContact | AddToCounters | AddToWeekCounters
          | QueueMessage | CreateRefund | ReserveRefundable | IssueRefund | CreateInvoice | CreditInvoice | CreateReply)


def counters(seller_id: str, marketplace_id: str, month: str, deltas: dict[str, int]) -> list[AddToCounters]:
    """Zero or one AddToCounters: nothing to add, nothing to write."""
    kept = tuple(sorted((k, v) for k, v in deltas.items() if v))
    return [AddToCounters(seller_id, marketplace_id, month, kept)] if kept else []


def week_counters(seller_id: str, marketplace_id: str, week: str, deltas: dict[str, int]) -> list[AddToWeekCounters]:
    """Zero or one AddToWeekCounters: nothing to add, nothing to write."""
    kept = tuple(sorted((k, v) for k, v in deltas.items() if v))
    return [AddToWeekCounters(seller_id, marketplace_id, week, kept)] if kept else []


def counted_at(seller_id: str, marketplace_id: str, at: datetime, deltas: dict[str, int]) -> list[Change]:
    """The adds of something that happened at `at`: to its month's counters and to its ISO week's."""
    return [*counters(seller_id, marketplace_id, month_of(at), deltas),
            *week_counters(seller_id, marketplace_id, week_of(at), deltas)]
