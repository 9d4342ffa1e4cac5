"""A buyer's contact through its life: routed, answered, resolved, rated.

Transitions return the counter deltas they cause, per month, so counting happens as
events arrive, in any order. Only CSBA contacts count; the earliest response is the one
measured; only the latest survey answer per contact counts, in the month of the earliest.
Each move names the month and the ISO week of the same instant: the weekly counters of CS
Insights follow the monthly ones.
Contacts routed to the seller count apart (`seller_*`): the contact in the month it was
created, and the seller's first reply through the inbox in that same month, so the month's
share answered within 24 hours compares the month's contacts with their own replies.
"""
from copy import replace
from datetime import datetime, timedelta

from msgspec import Struct

from chalicelib.domain.clock import month_of
from chalicelib.domain.routing import CSBA, SELLER
from chalicelib.domain.weeks import week_of

OPEN, RESPONDED, RESOLVED = "open", "responded", "resolved"
AWAITING_REPLY, REPLIED = "awaiting_reply", "replied"  # the seller's inbox: awaiting_reply | replied | resolved
Deltas = dict[str, int]
Period = tuple[str, str | None]  # (month, ISO week) of an instant; week None: not counted weekly
Moves = list[tuple[Period, Deltas]]  # (period, counter deltas) pairs


def period_of(at: datetime) -> Period:
    return month_of(at), week_of(at)


class Contact(Struct, frozen=True):
    """A buyer's contact about an order or a product: where it was routed, its answer, its survey."""

    contact_id: str
    seller_id: str
    marketplace_id: str
    order_id: str | None
    asin: str | None
    channel: str
    buyer_language: str
    language: str
    topic: str
    preventable: bool
    created_at: datetime
    respond_by: datetime
    destination: str
    reason: str | None
    status: str = OPEN
    responded_at: datetime | None = None
    resolution: str | None = None
    survey_solved: bool | None = None
    survey_at: datetime | None = None
    survey_month: str | None = None
    escalated: bool = False
    version: int | None = None
    message: str | None = None  # the buyer's words
    replied_at: datetime | None = None  # the seller's first reply through the inbox
    survey_week: str | None = None  # None with a survey_month: first answered before weekly counters existed

    @property
    def counted(self) -> bool:
        return self.destination == CSBA

    @property
    def awaiting_response(self) -> bool:
        return self.counted and self.responded_at is None and not self.escalated

    @property
    def in_inbox(self) -> bool:
        return self.destination == SELLER

    @property
    def inbox_status(self) -> str:
        return RESOLVED if self.status == RESOLVED else REPLIED if self.replied_at else AWAITING_REPLY

    def created_deltas(self) -> Deltas:
        if self.in_inbox:
            return {"seller_contacts": 1}
        if not self.counted:
            return {}
        return {"contacts": 1, "contacts_preventable": int(self.preventable)}

    def reply(self, at: datetime) -> tuple["Contact", Deltas]:
        """The seller's reply: the first one is measured (in the contact's month), later ones change nothing."""
        if self.replied_at is not None:
            return self, {}
        within = int(at - self.created_at <= timedelta(hours=24))
        return replace(self, replied_at=at), {"seller_replies": 1, "seller_replies_within_24h": within}

    def respond(self, at: datetime) -> tuple["Contact", Moves]:
        """The earliest response is measured, whatever order responses arrive in: a later one changes
        nothing; an earlier one replaces the measured one (its counts move to the earlier one's month)."""
        if self.responded_at is not None and at >= self.responded_at:
            return self, []
        answered = replace(self, responded_at=at, status=RESOLVED if self.status == RESOLVED else RESPONDED)
        if not self.counted:
            return answered, []
        moves = [(period_of(at), self._response(at, 1))]
        if self.responded_at is not None:
            moves.append((period_of(self.responded_at), self._response(self.responded_at, -1)))
        return answered, moves

    def _response(self, at: datetime, sign: int) -> Deltas:
        minutes = max(0, round((at - self.created_at) / timedelta(minutes=1)))
        within = int(at - self.created_at <= timedelta(hours=24))
        return {"responses": sign, "responses_within_24h": sign * within, "response_minutes_total": sign * minutes}

    def resolve(self, resolution: str) -> "Contact":
        return replace(self, status=RESOLVED, resolution=resolution)

    def answer_survey(self, solved: bool, at: datetime) -> tuple["Contact", Moves]:
        """The latest answer counts, in the month of the earliest (answers arrive unordered): an older
        answer than the one kept changes no value, but may move the count to its earlier month."""
        month = min(filter(None, (self.survey_month, month_of(at))))
        before_weeks = self.survey_month is not None and self.survey_week is None  # rated before weekly counters
        week = None if before_weeks else min(filter(None, (self.survey_week, week_of(at))))
        latest = self.survey_at is None or at > self.survey_at
        updated = replace(self, survey_solved=solved if latest else self.survey_solved,
                          survey_at=at if latest else self.survey_at, survey_month=month, survey_week=week)
        if updated == self or not self.counted:
            return updated, []
        now_counted = {"survey_answers": 1, "survey_no": int(not updated.survey_solved)}
        if self.survey_month is None:
            return updated, [((month, week), now_counted)]
        before = {"survey_answers": -1, "survey_no": -int(not self.survey_solved)}
        if (month, week) == (self.survey_month, self.survey_week):
            return updated, [((month, week), {k: now_counted[k] + before[k] for k in now_counted})]
        return updated, [((self.survey_month, self.survey_week), before), ((month, week), now_counted)]

    def escalate(self) -> "Contact":
        return replace(self, escalated=True)
