"""Details of the order, shipment, return, contact and survey events (DESIGN section 3)."""
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.marketplaces import marketplace
from chalicelib.domain.money import Money
from chalicelib.domain.orders import CHANNELS as FULFILMENT_CHANNELS
from chalicelib.domain.routing import CHANNELS, TOPICS
from chalicelib.services.wire_types import Id, Timestamp, WireMoney, one_of

Asin = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{10}$")]
Units = Annotated[int, Field(strict=True, gt=0, le=100_000)]


class Detail(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class OrderPlaced(Detail):
    order_id: Id
    fulfillment_channel: one_of(FULFILMENT_CHANNELS)
    seller_fulfilled_prime: bool = Field(strict=True)
    units: Units
    order_total: WireMoney
    asins: list[Asin] = Field(min_length=1, max_length=100)

    def check_against(self, envelope) -> None:
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
    order_id: Id
    units: Units
    tracking_id: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None
    tracking_valid: bool = Field(strict=True)


class ReturnRequested(Detail):
    order_id: Id
    return_id: Id
    prepaid_label: bool = Field(strict=True)


class ContactCreated(Detail):
    contact_id: Id
    order_id: Id | None
    asin: Asin | None
    channel: one_of(CHANNELS)
    language: Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$", max_length=35)]
    topic: one_of(TOPICS)
    message: Annotated[str, StringConstraints(max_length=10_000)]

    def check_against(self, envelope) -> None:
        if self.order_id is None and self.asin is None:
            raise InvalidInput("a contact needs an order_id or, before any order, an asin")


class ContactResponded(Detail):
    contact_id: Id
    responded_at: Timestamp


class ContactResolved(Detail):
    contact_id: Id
    resolution: Annotated[str, StringConstraints(min_length=1, max_length=200)]


class SurveyAnswered(Detail):
    contact_id: Id
    solved: bool = Field(strict=True)


ORDER_DETAILS: dict[str, type[Detail]] = {
    "OrderPlaced": OrderPlaced, "OrderShipped": OrderShipped, "ReturnRequested": ReturnRequested,
    "ContactCreated": ContactCreated, "ContactResponded": ContactResponded,
    "ContactResolved": ContactResolved, "SurveyAnswered": SurveyAnswered,
}
