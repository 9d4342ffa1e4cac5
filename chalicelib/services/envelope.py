"""The inbound event envelope (DESIGN section 3), validated with pydantic.

Each event type has its own detail model; `parse_envelope` turns any defect into
InvalidInput with a readable reason, which the consumer dead-letters without retry.
"""
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.identifiers import EVENT_ID, MAX_LENGTH, anchored
from chalicelib.domain.marketplaces import is_served
from chalicelib.domain.sellers import STATUSES
from chalicelib.json_text import read_json
from chalicelib.services.wire_types import Timestamp, one_of

ID = Field(min_length=1, max_length=MAX_LENGTH, pattern=anchored(EVENT_ID))  # 64, as every id (domain/identifiers.py)


class Detail(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, strict=False)


class SellerRegistered(Detail):
    country: str = Field(pattern=r"^[A-Z]{2}$")
    vat_id: str | None = Field(default=..., max_length=32)


class SellerStatusChanged(Detail):
    status: one_of(STATUSES)


from chalicelib.services.order_details import ORDER_DETAILS  # noqa: E402 - details of the order events

DETAILS: dict[str, type[Detail]] = {
    "SellerRegistered": SellerRegistered,
    "SellerStatusChanged": SellerStatusChanged,
    **ORDER_DETAILS,
}


class Envelope(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    event_id: str = ID
    type: str
    occurred_at: Timestamp
    marketplace_id: str
    seller_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
    detail: dict[str, Any]

    @field_validator("marketplace_id")
    @classmethod
    def served(cls, value: str) -> str:
        if not is_served(value):
            raise ValueError(f"CSBA is not offered in marketplace {value!r}")
        return value


def parse_envelope(body: str) -> tuple[Envelope, Detail]:
    """The envelope and its typed detail, or InvalidInput naming what is wrong."""
    raw = read_json(body)
    envelope = _validated(Envelope, raw, "envelope")
    model = DETAILS.get(envelope.type)
    if model is None:
        raise InvalidInput(f"unknown event type {envelope.type!r}")
    detail = _validated(model, envelope.detail, f"{envelope.type}.detail")
    if hasattr(detail, "check_against"):
        detail.check_against(envelope)
    return envelope, detail


def _validated(model: type[BaseModel], raw: Any, where: str):
    if not isinstance(raw, dict):
        raise InvalidInput(f"{where} must be a JSON object")
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or where}: {e['msg']}" for e in error.errors())
        raise InvalidInput(f"invalid {where}: {problems}") from None
