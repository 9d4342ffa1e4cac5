"""The body of POST /refunds, validated (400 with the field and the problem)."""
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.money import Money
from chalicelib.domain.refunds import REASONS, RefundRequest

Id = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]


class WireMoney(BaseModel):
    model_config = ConfigDict(extra="forbid")
    amount: Annotated[str, StringConstraints(pattern=r"^-?\d{1,12}(\.\d{1,4})?$")]
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


class RefundBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    refund_id: Id
    contact_id: Id
    order_id: Id
    amount: WireMoney
    reason: str
    returnless: bool = Field(strict=True)

    @field_validator("reason")
    @classmethod
    def known_reason(cls, value: str) -> str:
        if value not in REASONS:
            raise ValueError(f"reason must be one of {', '.join(REASONS)}")
        return value


def parse_refund_request(body: dict) -> RefundRequest:
    try:
        parsed = RefundBody.model_validate(body)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise InvalidInput(f"invalid refund request: {problems}") from None
    amount = Money.parse(parsed.amount.amount, parsed.amount.currency)
    return RefundRequest(parsed.refund_id, parsed.contact_id, parsed.order_id, amount, parsed.reason,
                         parsed.returnless)
