"""The body of POST /refunds, validated (400 with the field and the problem)."""
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.money import Money
from chalicelib.domain.refunds import REASONS, RefundRequest
from chalicelib.domain.wire import JsonObject
from chalicelib.services.wire_types import Id, WireMoney, choice_of

class RefundBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    refund_id: Id
    contact_id: Id
    order_id: Id
    amount: WireMoney
    reason: Annotated[str, choice_of(REASONS)]
    returnless: bool = Field(strict=True)


def parse_refund_request(body: JsonObject) -> RefundRequest:
    try:
        parsed = RefundBody.model_validate(body)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise InvalidInput(f"invalid refund request: {problems}") from None
    amount = Money.parse(parsed.amount.amount, parsed.amount.currency)
    return RefundRequest(parsed.refund_id, parsed.contact_id, parsed.order_id, amount, parsed.reason,
                         parsed.returnless)
