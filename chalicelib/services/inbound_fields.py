"""Plain checks of the inbound event envelopes' fields (DESIGN section 3).

Why not pydantic here, as for the HTTP bodies and billing jobs: importing pydantic and building the envelope
models cost about 110 ms of CPU on the first invocation of `marketplace_events`, measured in the bare interpreter
of the deployment package (bench figure 1), more than the rest of that function's own code. These checks are a
few lines each and do what the pydantic models did: the same types (strict integers and booleans, ASCII
patterns matched whole, zoned RFC 3339 text within CSBA's lifetime), every problem reported with its field,
unknown envelope fields refused, unknown detail fields ignored (services/inbound_record.py).
"""
import re
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, TypeVar

from chalicelib.domain.months import PROGRAM_START
from chalicelib.services.inbound_record import Invalid, Record, checked

Value = TypeVar("Value")
Kind = TypeVar("Kind", bound=Record)

RFC_3339 = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?"
                      r"(Z|[+-][0-9]{2}:[0-9]{2})$")  # ASCII digits: \d would take any script's
FUTURE_TOLERANCE_DAYS = 1


def rfc_3339_text(value: Any) -> str:
    """Only zoned RFC 3339 text: a number, or digits as text, are not read as epoch seconds."""
    if not isinstance(value, str) or not RFC_3339.fullmatch(value):
        raise ValueError("must be an RFC 3339 date-time with a zone, such as 2026-10-03T12:00:00Z")
    return value


def plausible(value: datetime) -> datetime:
    value = value.astimezone(timezone.utc)
    if value.date() < PROGRAM_START:
        raise ValueError(f"is before CSBA existed ({PROGRAM_START.isoformat()})")
    if (value - datetime.now(timezone.utc)).days >= FUTURE_TOLERANCE_DAYS:
        raise ValueError("is in the future")
    return value


def timestamp(value: Any) -> datetime:
    """An instant in UTC from zoned RFC 3339 text (fractions beyond microseconds are cut, as pydantic does)."""
    return plausible(datetime.fromisoformat(rfc_3339_text(value)))


def text(pattern: str | None = None, min_length: int = 0, max_length: int | None = None) -> Callable[[Any], str]:
    """A string of that length whose whole text matches `pattern`."""
    whole = re.compile(pattern) if pattern else None

    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError("Input should be a valid string")
        if len(value) < min_length:
            raise ValueError(f"String should have at least {min_length} characters")
        if max_length is not None and len(value) > max_length:
            raise ValueError(f"String should have at most {max_length} characters")
        if whole is not None and not whole.fullmatch(value):
            raise ValueError(f"String should match pattern '^{pattern}$'")
        return value

    return check


def one_of(allowed: Iterable[str]) -> Callable[[Any], str]:
    """A string among `allowed`, whose error lists them."""
    choices, is_text = tuple(allowed), text()

    def check(value: Any) -> str:
        if (choice := is_text(value)) not in choices:
            raise ValueError(f"must be one of {', '.join(choices)}")
        return choice

    return check


def flag(value: Any) -> bool:
    """true or false, nothing else (not 1, not "yes")."""
    if type(value) is not bool:
        raise ValueError("Input should be a valid boolean")
    return value


def whole_number(low: int, high: int) -> Callable[[Any], int]:
    """An integer low..high, nothing else (not 3.0, not "3", not true)."""
    def check(value: Any) -> int:
        if type(value) is not int:
            raise ValueError("Input should be a valid integer")
        if not low <= value <= high:
            raise ValueError(f"Input should be between {low} and {high}")
        return value

    return check


def nullable(check: Callable[[Any], Value]) -> Callable[[Any], Value | None]:
    """`check`, or null (the field must still be present)."""
    return lambda value: None if value is None else check(value)


def list_of(item: Callable[[Any], Value], min_length: int, max_length: int) -> Callable[[Any], list[Value]]:
    def check(value: Any) -> list[Value]:
        if not isinstance(value, list):
            raise ValueError("Input should be a valid list")
        if not min_length <= len(value) <= max_length:
            raise ValueError(f"List should have {min_length} to {max_length} items")
        problems: list[tuple[str, str]] = []
        items = [checked(item, element, str(i), problems) for i, element in enumerate(value)]
        if problems:
            raise Invalid(problems)
        return items

    return check


def object_of(record: type[Kind]) -> Callable[[Any], Kind]:
    """A nested JSON object, checked by its record's fields."""
    return record.from_raw
