"""The storage interface services depend on; DynamoDB and in-memory stores implement it."""
from datetime import datetime
from enum import Enum
from typing import Any, Callable, Collection, Protocol, Sequence, TypedDict

from chalicelib.domain.contacts import Contact
from chalicelib.domain.enrollment import Enrollment
from chalicelib.domain.orders import Order
from chalicelib.domain.refunds import Refund
from chalicelib.domain.replies import Reply
from chalicelib.domain.sellers import Seller
from chalicelib.services.changes import Change, QueueMessage
from chalicelib.services.stale import StaleWrite


# What a batch of events reads, named by kind and key; prefetch answers each with its item or None.
SELLER, ENROLLMENT, ORDER, CONTACT, NOTE = "seller", "enrollment", "order", "contact", "note"
Key = tuple[str, ...]  # (SELLER, seller_id), (ENROLLMENT, seller_id, marketplace_id), (ORDER, order_id),
#                        (CONTACT, contact_id), (NOTE, seller_id, asin): a note's item is its text
Item = Seller | Enrollment | Order | Contact | str | None  # what a key names (None: not stored)


class Untold(Enum):
    UNTOLD = "untold"


UNTOLD = Untold.UNTOLD  # a written item whose new state the store cannot tell (unconfirmed, or changed in place)
Written = dict[Key, Item | Untold]  # what a commit wrote of the items above: {key: the item as now stored, or UNTOLD}


class ProductNote(TypedDict):
    """A seller's support note on one ASIN, as agents see it with a contact (and the message to Amazon CS)."""

    asin: str
    text: str


Position = dict[str, str]  # where a page of a seller's contacts ends: seller_id, created_key, contact_id


class ConditionFailed(StaleWrite):
    """A transaction was refused because the condition of `change` failed (None: the event's processed mark)."""

    def __init__(self, change: Change | None) -> None:
        super().__init__(f"condition failed: {type(change).__name__ if change else 'already processed'}")
        self.change = change


class EventReads(Protocol):
    """What an inbound event's handler may read: a batch's read-ahead answers these (services/read_ahead.py)."""

    def get_seller(self, seller_id: str) -> Seller | None: ...

    def get_enrollment(self, seller_id: str, marketplace_id: str) -> Enrollment | None: ...

    def seller_and_enrollment(self, seller_id: str, marketplace_id: str) -> tuple[Seller | None,
                                                                                 Enrollment | None]: ...

    def get_order(self, order_id: str) -> Order | None: ...

    def get_contact(self, contact_id: str) -> Contact | None: ...

    def support_notes(self, seller_id: str, asins: list[str]) -> list[ProductNote]:
        """The seller's notes on these ASINs, in the order given; ASINs without a note are left out."""


Handler = Callable[[EventReads, Any, Any], list[Change]]  # (reads, envelope, detail) -> the event's changes


class Store(EventReads, Protocol):
    """What events and their messages read and write: an event handler's reads, and more."""

    def get_refund(self, refund_id: str) -> Refund | None: ...

    def was_processed(self, event_id: str) -> bool: ...

    def outbox_keys_of(self, event_id: str) -> list[str]: ...

    def pending_messages(self, keys: list[str]) -> list[QueueMessage]: ...

    def mark_sent(self, key: str) -> None:
        """The message was sent: it leaves the outbox (nothing reads a sent message again)."""

    def claim(self, key: str, now_iso: str, until_iso: str) -> bool:
        """Hold the pending message `key` for sending until `until_iso`; False if it was sent, or another
        sender's claim runs past `now_iso` (services/outbox.py)."""

    def release(self, key: str) -> None:
        """Give up a claim after a failed send."""

    def mark_all_sent(self, keys: Sequence[str]) -> list[str]:
        """mark_sent for each, in as few requests as the store allows; returns the keys it could not mark
        (they stay pending, and the daily sweep sends them again under the same idempotency key)."""

    def prefetch(self, keys: Collection[Key]) -> dict[Key, Item]:
        """The items of these keys in as few requests as the store allows: {key: item, or None if absent}.

        A key the store could not answer (throttled, unavailable) is left out: read it on its own.
        """

    def list_enrollments(self, seller_id: str) -> list[Enrollment]: ...

    def save_enrollment(self, enrollment: Enrollment) -> Enrollment:
        """Write if the stored version is still `enrollment.version` (None: must not exist); else StaleWrite."""

    def commit_event(self, event_id: str, event_type: str, changes: Sequence[Change],
                     written: Written | None = None) -> bool:
        """Apply every change and mark the event processed, atomically; False if already processed.

        `written`, if given, learns what the commit writes of the items an event reads (the Keys above): each
        UNTOLD while the outcome is unknown (a failed commit leaves them so), then as the store holds it now,
        version included."""

    def commit(self, changes: Sequence[Change]) -> None:
        """Apply every change atomically, or none: ConditionFailed names the change refused."""


class GroupedStore(Store, Protocol):
    """A store that also commits several events in one transaction (the consumer's BatchStore wraps one)."""

    def written_by(self, changes: Sequence[Change]) -> Written:
        """What committing `changes` would write of the items events read, as the changes state them (an item saved
        whole at the version it was read at, the commit setting the next; UNTOLD if changed in place). Writes nothing:
        a batch holds these while their transaction is open (services/batch_commits.py)."""

    def commit_events(self, events: Sequence[tuple[str, str]], changes: Sequence[Change],
                      written: Written | None = None) -> None:
        """Mark every (event_id, event_type) processed and apply `changes`, atomically; ConditionFailed if refused.
        `written` learns what the transaction writes, as commit_event's does."""


class CaseStore(Store, Protocol):
    """The reads and writes of the HTTP side: contact lists, case view, support notes, replies, the sweep."""

    def csba_contacts(self, seller_id: str, marketplace_id: str | None, status: str | None, limit: int,
                      after: Position | None) -> tuple[list[Contact], Position | None]:
        """Up to `limit` of the seller's CSBA contacts, newest first, after `after`; and where to resume
        (None: the list is exhausted)."""

    def inbox_contacts(self, seller_id: str, marketplace_id: str | None, status: str | None, limit: int,
                       after: Position | None) -> tuple[list[Contact], Position | None]:
        """As csba_contacts, of the contacts routed to the seller; `status` is the inbox status."""

    def overdue_contacts(self, at_iso: str) -> list[str]:
        """Ids of CSBA contacts still awaiting a first response whose respond_by is before `at_iso`."""

    def save_support_note(self, seller_id: str, asin: str, text: str, updated_at: datetime) -> None:
        """Create or replace the seller's note on this ASIN."""

    def refunds_of_contact(self, contact_id: str) -> list[Refund]:
        """The contact's refunds, oldest first."""

    def get_reply(self, reply_id: str) -> Reply | None: ...

    def stale_pending_messages(self, older_than_iso: str) -> list[QueueMessage]:
        """Messages still pending that were queued before `older_than_iso`, oldest first."""

    def claim_unsent(self, key: str, now_iso: str, older_than_iso: str) -> QueueMessage | None:
        """The message under `key` if it is pending since before `older_than_iso` and nobody claimed it since
        (claimed now, so concurrent repeated requests send it once); else None."""
