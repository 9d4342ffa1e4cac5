"""A buyer's contact through its life: routed, answered, resolved, rated.

Transitions return the counter deltas they cause, so counting happens as events
arrive. Only CSBA contacts count; the first response counts once; only the latest
survey answer per contact counts, in the month (and ISO week) of its first answer.
"""
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from chalicelib.domain.clock import month_of
from chalicelib.domain.routing import CSBA
from chalicelib.domain.weeks import week_of

OPEN, RESPONDED, RESOLVED = "open", "responded", "resolved"
Deltas = dict[str, int]


@dataclass(frozen=True)
class Contact:
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
    survey_week: str | None = None  # None with a survey_month: first answered before weekly counters existed

    @property
    def counted(self) -> bool:
        return self.destination == CSBA

    @property
    def awaiting_response(self) -> bool:
        return self.counted and self.responded_at is None and not self.escalated

    def created_deltas(self) -> Deltas:
        if not self.counted:
            return {}
        return {"contacts": 1, "contacts_preventable": int(self.preventable)}

    def respond(self, at: datetime) -> tuple["Contact", Deltas]:
        """The first response is measured; later ones change nothing."""
        if self.responded_at is not None:
            return self, {}
        status = RESOLVED if self.status == RESOLVED else RESPONDED
        answered = replace(self, responded_at=at, status=status)
        if not self.counted:
            return answered, {}
        minutes = max(0, round((at - self.created_at) / timedelta(minutes=1)))
        within = int(at - self.created_at <= timedelta(hours=24))
        return answered, {"responses": 1, "responses_within_24h": within, "response_minutes_total": minutes}

    def resolve(self, resolution: str) -> "Contact":
        return replace(self, status=RESOLVED, resolution=resolution)

    def answer_survey(self, solved: bool, at: datetime) -> tuple["Contact", Deltas, str]:
        """(contact, deltas, month the deltas belong to); an older answer than the one kept is ignored."""
        if self.survey_at is not None and at <= self.survey_at:
            return self, {}, self.survey_month
        month = self.survey_month or month_of(at)
        week = self.survey_week if self.survey_month else week_of(at)
        updated = replace(self, survey_solved=solved, survey_at=at, survey_month=month, survey_week=week)
        if not self.counted:
            return updated, {}, month
        if self.survey_solved is None:
            return updated, {"survey_answers": 1, "survey_no": int(not solved)}, month
        return updated, {"survey_no": int(not solved) - int(not self.survey_solved)}, month

    def escalate(self) -> "Contact":
        return replace(self, escalated=True)
