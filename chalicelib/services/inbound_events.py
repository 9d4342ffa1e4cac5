"""The inbound marketplace events (DESIGN section 3): the envelope, each event type's detail, and `parse`.

Each model declares its fields with their checks (services/checked_fields.py); `DETAILS` names the detail model of
each type. `parse` reads a queue body once, into the envelope and its typed detail, or into the readable reason it
is invalid (dead-lettered without retry); either keeps the ids the body had, for the log lines.
"""
from datetime import datetime
from typing import Annotated, Any

from msgspec import Struct

from chalicelib.domain import identifiers
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.marketplaces import is_served, marketplace
from chalicelib.domain.money import MINOR_DIGITS, Money
from chalicelib.domain.orders import CHANNELS as FULFILMENT_CHANNELS
from chalicelib.domain.routing import CHANNELS, TOPICS
from chalicelib.domain.sellers import STATUSES
from chalicelib.domain.wire import JsonObject
from chalicelib.json_text import read_json
from chalicelib.services.checked_fields import (Record, flag, list_of, nullable, object_of, one_of, text, timestamp,
                                                whole_number)

ID = text(identifiers.ID.pattern, 1, identifiers.MAX_LENGTH)
ASIN = text(identifiers.ASIN.pattern)
UNITS = whole_number(1, 100_000)


def served(value: Any) -> str:
    if not is_served(marketplace_id := text()(value)):
        raise ValueError(f"CSBA is not offered in marketplace {value!r}")
    return marketplace_id


def json_object(value: Any) -> JsonObject:
    if not isinstance(value, dict):
        raise ValueError("Input should be a valid dictionary")
    return value


class Envelope(Record):
    EXTRA_FORBIDDEN = True
    event_id: Annotated[str, text(identifiers.EVENT_ID.pattern, 1, identifiers.MAX_LENGTH)]  # 64, as every id
    type: Annotated[str, text()]
    occurred_at: Annotated[datetime, timestamp]
    marketplace_id: Annotated[str, served]
    seller_id: Annotated[str, text(identifiers.SELLER_ID.pattern, 1, identifiers.MAX_LENGTH)]
    detail: Annotated[JsonObject, json_object]


class Detail(Record):
    """The detail of an event type; `check_against` holds the rules that need its envelope too."""

    def check_against(self, envelope: Envelope) -> None:
        """InvalidInput if the detail does not fit its envelope (none of these rules by default)."""


class SellerRegistered(Detail):
    country: Annotated[str, text(r"[A-Z]{2}")]
    vat_id: Annotated[str | None, nullable(text(max_length=32))]


class SellerStatusChanged(Detail):
    status: Annotated[str, one_of(STATUSES)]


class WireMoney(Record):
    """Money on the wire, {"amount": "12.34", "currency": "EUR"}; Money.parse checks the decimals."""

    EXTRA_FORBIDDEN = True
    amount: Annotated[str, text(r"-?[0-9]{1,12}(\.[0-9]{1,4})?")]
    currency: Annotated[str, one_of(MINOR_DIGITS)]


class OrderPlaced(Detail):
    order_id: Annotated[str, ID]
    fulfillment_channel: Annotated[str, one_of(FULFILMENT_CHANNELS)]
    seller_fulfilled_prime: Annotated[bool, flag]
    units: Annotated[int, UNITS]
    order_total: Annotated[WireMoney, object_of(WireMoney)]
    asins: Annotated[list[str], list_of(ASIN, 1, 100)]

    def check_against(self, envelope: Envelope) -> None:
        self.total(envelope.marketplace_id)

    def total(self, marketplace_id: str) -> Money:
        """The order total in the marketplace's currency; another currency is a malformed event."""
        expected = marketplace(marketplace_id).currency
        if self.order_total.currency != expected:
            raise InvalidInput(f"order_total is in {self.order_total.currency}, the marketplace bills {expected}")
        total = Money.parse(self.order_total.amount, expected)
        if total.minor < 0:
            raise InvalidInput("order_total must not be negative")
        return total


class OrderShipped(Detail):
    order_id: Annotated[str, ID]
    units: Annotated[int, UNITS]
    tracking_id: Annotated[str | None, nullable(text(min_length=1, max_length=64))]
    tracking_valid: Annotated[bool, flag]


class ReturnRequested(Detail):
    order_id: Annotated[str, ID]
    return_id: Annotated[str, ID]
    prepaid_label: Annotated[bool, flag]


class ContactCreated(Detail):
    contact_id: Annotated[str, ID]
    order_id: Annotated[str | None, nullable(ID)]
    asin: Annotated[str | None, nullable(ASIN)]
    channel: Annotated[str, one_of(CHANNELS)]
    language: Annotated[str, text(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", max_length=35)]
    topic: Annotated[str, one_of(TOPICS)]
    message: Annotated[str, text(max_length=10_000)]

    def check_against(self, envelope: Envelope) -> None:
        if self.order_id is None and self.asin is None:
            raise InvalidInput("a contact needs an order_id or, before any order, an asin")


class ContactResponded(Detail):
    contact_id: Annotated[str, ID]
    responded_at: Annotated[datetime, timestamp]


class ContactResolved(Detail):
    contact_id: Annotated[str, ID]
    resolution: Annotated[str, text(min_length=1, max_length=200)]


class SurveyAnswered(Detail):
    contact_id: Annotated[str, ID]
    solved: Annotated[bool, flag]


DETAILS: dict[str, type[Detail]] = {
    "SellerRegistered": SellerRegistered, "SellerStatusChanged": SellerStatusChanged,
    "OrderPlaced": OrderPlaced, "OrderShipped": OrderShipped, "ReturnRequested": ReturnRequested,
    "ContactCreated": ContactCreated, "ContactResponded": ContactResponded,
    "ContactResolved": ContactResolved, "SurveyAnswered": SurveyAnswered,
}


class Event(Struct, frozen=True):
    """A valid inbound event: its envelope, its typed detail, and the ids its log lines carry."""

    envelope: Envelope
    detail: Detail
    ids: dict[str, str]


class Rejected(Struct, frozen=True):
    """A body that is no valid event: the reason it is dead-lettered with, and what ids it had, for the log lines."""

    reason: str
    ids: dict[str, str]


def parse(body: str | None) -> Event | Rejected:
    """The event in a queue body, or why it is rejected: the body is read once, here."""
    try:
        raw = read_json(body)
    except InvalidInput as unreadable:
        return Rejected(str(unreadable), {})
    ids = _log_ids(raw)
    try:
        envelope = Envelope.read(raw, "envelope")
        model = DETAILS.get(envelope.type)
        if model is None:
            raise InvalidInput(f"unknown event type {envelope.type!r}")
        detail = model.read(envelope.detail, f"{envelope.type}.detail")
        detail.check_against(envelope)
    except InvalidInput as invalid:
        return Rejected(str(invalid), ids)
    return Event(envelope, detail, ids)


def _log_ids(raw: Any) -> dict[str, str]:
    """event_id, event_type and contact_id, as far as the (maybe invalid) envelope has them as text."""
    envelope = raw if isinstance(raw, dict) else {}
    detail = envelope["detail"] if isinstance(envelope.get("detail"), dict) else {}
    ids = {"event_id": envelope.get("event_id"), "event_type": envelope.get("type"),
           "contact_id": detail.get("contact_id")}
    return {key: value[:200] for key, value in ids.items() if isinstance(value, str)}
