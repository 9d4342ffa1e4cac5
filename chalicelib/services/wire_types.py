"""Field types shared by the inbound event details and the HTTP request bodies."""
import re
from datetime import datetime, timezone
from typing import Annotated, Any, Iterable

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, StringConstraints

from chalicelib.domain.money import MINOR_DIGITS
from chalicelib.domain.policy import PROGRAM_START

RFC_3339 = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?"
                      r"(Z|[+-][0-9]{2}:[0-9]{2})$")  # ASCII digits: \d would take any script's
FUTURE_TOLERANCE_DAYS = 1


def _rfc_3339_text(value: Any) -> str:
    """Only zoned RFC 3339 text: pydantic alone would read 1790000000 or "1790000000" as epoch seconds."""
    if not isinstance(value, str) or not RFC_3339.fullmatch(value):
        raise ValueError("must be an RFC 3339 date-time with a zone, such as 2026-10-03T12:00:00Z")
    return value


def _plausible(value: datetime) -> datetime:
    value = value.astimezone(timezone.utc)
    if value.date() < PROGRAM_START:
        raise ValueError(f"is before CSBA existed ({PROGRAM_START.isoformat()})")
    if (value - datetime.now(timezone.utc)).days >= FUTURE_TOLERANCE_DAYS:
        raise ValueError("is in the future")
    return value


Timestamp = Annotated[datetime, BeforeValidator(_rfc_3339_text), AfterValidator(_plausible)]
Id = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]


def one_of(allowed: Iterable[str]):
    """A string type accepting only `allowed`, whose error lists them."""
    allowed = tuple(allowed)

    def check(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"must be one of {', '.join(allowed)}")
        return value

    return Annotated[str, AfterValidator(check)]


def choice_of(allowed: Iterable[str]) -> AfterValidator:
    """The check of a string field accepting only `allowed` (`Annotated[str, choice_of(...)]`); its error lists them."""
    choices = tuple(allowed)

    def check(value: str) -> str:
        if value not in choices:
            raise ValueError(f"must be one of {', '.join(choices)}")
        return value

    return AfterValidator(check)


class WireMoney(BaseModel):
    """Money on the wire, {"amount": "12.34", "currency": "EUR"}; Money.parse checks the decimals."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    amount: Annotated[str, StringConstraints(pattern=r"^-?[0-9]{1,12}(\.[0-9]{1,4})?$")]
    currency: Annotated[str, choice_of(MINOR_DIGITS)]
