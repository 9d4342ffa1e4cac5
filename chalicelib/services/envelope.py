"""The inbound event envelope (DESIGN section 3), checked field by field (services/inbound_fields.py says why not
with pydantic).

Each event type has its own detail record; `parse_envelope` turns any defect into InvalidInput with a readable
reason naming the fields, which the consumer dead-letters without retry.
"""
from datetime import datetime
from typing import Any, TypeVar

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.identifiers import EVENT_ID, MAX_LENGTH, SELLER_ID
from chalicelib.domain.marketplaces import is_served
from chalicelib.domain.sellers import STATUSES
from chalicelib.domain.wire import JsonObject
from chalicelib.json_text import read_json
from chalicelib.services.inbound_fields import nullable, one_of, text, timestamp
from chalicelib.services.inbound_record import Invalid, Record
from chalicelib.services.order_details import ORDER_DETAILS

Kind = TypeVar("Kind", bound=Record)


def served(value: Any) -> str:
    if not is_served(marketplace_id := text()(value)):
        raise ValueError(f"CSBA is not offered in marketplace {value!r}")
    return marketplace_id


def json_object(value: Any) -> JsonObject:
    if not isinstance(value, dict):
        raise ValueError("Input should be a valid dictionary")
    return value


class SellerRegistered(Record):
    FIELDS = {"country": text(r"[A-Z]{2}"), "vat_id": nullable(text(max_length=32))}
    country: str
    vat_id: str | None


class SellerStatusChanged(Record):
    FIELDS = {"status": one_of(STATUSES)}
    status: str


DETAILS: dict[str, type[Record]] = {
    "SellerRegistered": SellerRegistered,
    "SellerStatusChanged": SellerStatusChanged,
    **ORDER_DETAILS,
}


class Envelope(Record):
    EXTRA_FORBIDDEN = True
    FIELDS = {
        "event_id": text(EVENT_ID.pattern, 1, MAX_LENGTH),  # 64, as every id (it was 128)
        "type": text(),
        "occurred_at": timestamp,
        "marketplace_id": served,
        "seller_id": text(SELLER_ID.pattern, 1, MAX_LENGTH),
        "detail": json_object,
    }
    event_id: str
    type: str
    occurred_at: datetime
    marketplace_id: str
    seller_id: str
    detail: JsonObject


def parse_envelope(body: str | None) -> tuple[Envelope, Record]:
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


def _validated(model: type[Kind], raw: Any, where: str) -> Kind:
    if not isinstance(raw, dict):
        raise InvalidInput(f"{where} must be a JSON object")
    try:
        return model.from_raw(raw)
    except Invalid as error:
        problems = "; ".join(f"{field or where}: {problem}" for field, problem in error.problems)
        raise InvalidInput(f"invalid {where}: {problems}") from None
