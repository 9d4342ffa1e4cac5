"""Details of the order, shipment, return, contact and survey events (DESIGN section 3).

Each record declares the type of every field its FIELDS check gives, for the type checker.
"""
from datetime import datetime
from typing import TYPE_CHECKING

from chalicelib.domain import identifiers
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.marketplaces import marketplace
from chalicelib.domain.money import MINOR_DIGITS, Money
from chalicelib.domain.orders import CHANNELS as FULFILMENT_CHANNELS
from chalicelib.domain.routing import CHANNELS, TOPICS
from chalicelib.services.inbound_fields import (flag, list_of, nullable, object_of, one_of, text, timestamp,
                                                whole_number)
from chalicelib.services.inbound_record import Record

if TYPE_CHECKING:
    from chalicelib.services.envelope import Envelope

ID = text(identifiers.ID.pattern, 1, identifiers.MAX_LENGTH)
ASIN = text(identifiers.ASIN.pattern)
UNITS = whole_number(1, 100_000)


class WireMoney(Record):
    """Money on the wire, {"amount": "12.34", "currency": "EUR"}; Money.parse checks the decimals."""

    EXTRA_FORBIDDEN = True
    FIELDS = {"amount": text(r"-?[0-9]{1,12}(\.[0-9]{1,4})?"), "currency": one_of(MINOR_DIGITS)}
    amount: str
    currency: str


class OrderPlaced(Record):
    FIELDS = {"order_id": ID, "fulfillment_channel": one_of(FULFILMENT_CHANNELS), "seller_fulfilled_prime": flag,
              "units": UNITS, "order_total": object_of(WireMoney), "asins": list_of(ASIN, 1, 100)}
    order_id: str
    fulfillment_channel: str
    seller_fulfilled_prime: bool
    units: int
    order_total: WireMoney
    asins: list[str]

    def check_against(self, envelope: "Envelope") -> None:
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


class OrderShipped(Record):
    FIELDS = {"order_id": ID, "units": UNITS, "tracking_id": nullable(text(min_length=1, max_length=64)),
              "tracking_valid": flag}
    order_id: str
    units: int
    tracking_id: str | None
    tracking_valid: bool


class ReturnRequested(Record):
    FIELDS = {"order_id": ID, "return_id": ID, "prepaid_label": flag}
    order_id: str
    return_id: str
    prepaid_label: bool


class ContactCreated(Record):
    FIELDS = {"contact_id": ID, "order_id": nullable(ID), "asin": nullable(ASIN), "channel": one_of(CHANNELS),
              "language": text(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", max_length=35), "topic": one_of(TOPICS),
              "message": text(max_length=10_000)}
    contact_id: str
    order_id: str | None
    asin: str | None
    channel: str
    language: str
    topic: str
    message: str

    def check_against(self, envelope: "Envelope") -> None:
        if self.order_id is None and self.asin is None:
            raise InvalidInput("a contact needs an order_id or, before any order, an asin")


class ContactResponded(Record):
    FIELDS = {"contact_id": ID, "responded_at": timestamp}
    contact_id: str
    responded_at: datetime


class ContactResolved(Record):
    FIELDS = {"contact_id": ID, "resolution": text(min_length=1, max_length=200)}
    contact_id: str
    resolution: str


class SurveyAnswered(Record):
    FIELDS = {"contact_id": ID, "solved": flag}
    contact_id: str
    solved: bool


ORDER_DETAILS: dict[str, type[Record]] = {
    "OrderPlaced": OrderPlaced, "OrderShipped": OrderShipped, "ReturnRequested": ReturnRequested,
    "ContactCreated": ContactCreated, "ContactResponded": ContactResponded,
    "ContactResolved": ContactResolved, "SurveyAnswered": SurveyAnswered,
}
