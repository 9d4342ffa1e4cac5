"""Plain checks of the inbound event envelopes' fields (DESIGN section 3), and the record they fill.

Why not pydantic here, as for the HTTP bodies and billing jobs: importing pydantic and building the envelope
models cost about 110 ms of CPU on the first invocation of `marketplace_events`, measured in the bare interpreter
of the deployment package (bench figure 1), more than the rest of that function's own code. These checks are a
few lines each and do what the pydantic models did: the same types (strict integers and booleans, ASCII
patterns matched whole, zoned RFC 3339 text within CSBA's lifetime), every problem reported with its field,
unknown envelope fields refused, unknown detail fields ignored.
"""
import re
from datetime import datetime, timezone
from typing import Any, Callable, Iterable

from chalicelib.domain.policy import PROGRAM_START

Check = Callable[[Any], Any]
RFC_3339 = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?"
                      r"(Z|[+-][0-9]{2}:[0-9]{2})$")  # ASCII digits: \d would take any script's
FUTURE_TOLERANCE_DAYS = 1


class Invalid(ValueError):
    """The problems of a value, each (where, what); `where` is "" for the value itself."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("; ".join(f"{where}: {what}" if where else what for where, what in problems))
        self.problems = problems


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


def text(pattern: str | None = None, min_length: int = 0, max_length: int | None = None) -> Check:
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


def one_of(allowed: Iterable[str]) -> Check:
    """A string among `allowed`, whose error lists them."""
    allowed, is_text = tuple(allowed), text()

    def check(value: Any) -> str:
        if is_text(value) not in allowed:
            raise ValueError(f"must be one of {', '.join(allowed)}")
        return value

    return check


def flag(value: Any) -> bool:
    """true or false, nothing else (not 1, not "yes")."""
    if type(value) is not bool:
        raise ValueError("Input should be a valid boolean")
    return value


def whole_number(low: int, high: int) -> Check:
    """An integer low..high, nothing else (not 3.0, not "3", not true)."""
    def check(value: Any) -> int:
        if type(value) is not int:
            raise ValueError("Input should be a valid integer")
        if not low <= value <= high:
            raise ValueError(f"Input should be between {low} and {high}")
        return value

    return check


def nullable(check: Check) -> Check:
    """`check`, or null (the field must still be present)."""
    return lambda value: None if value is None else check(value)


def list_of(item: Check, min_length: int, max_length: int) -> Check:
    def check(value: Any) -> list:
        if not isinstance(value, list):
            raise ValueError("Input should be a valid list")
        if not min_length <= len(value) <= max_length:
            raise ValueError(f"List should have {min_length} to {max_length} items")
        problems: list[tuple[str, str]] = []
        items = [_field(item, element, str(i), problems) for i, element in enumerate(value)]
        if problems:
            raise Invalid(problems)
        return items

    return check


def object_of(record: type["Record"]) -> Check:
    """A nested JSON object, checked by its record's fields."""
    return record.from_raw


def _field(check: Check, value: Any, where: str, problems: list[tuple[str, str]]) -> Any:
    try:
        return check(value)
    except Invalid as inner:
        problems += [(f"{where}.{inner_where}" if inner_where else where, what) for inner_where, what in inner.problems]
    except ValueError as error:
        problems.append((where, str(error)))
    return None


class Record:
    """Fields checked by FIELDS (name: check, all required); set once, then read-only."""

    FIELDS: dict[str, Check] = {}
    EXTRA_FORBIDDEN = False

    def __init__(self, **values: Any):
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and vars(other) == vars(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in vars(self).items())})"

    @classmethod
    def from_raw(cls, raw: Any) -> "Record":
        """The record of a JSON object, or Invalid with every problem found."""
        if not isinstance(raw, dict):
            raise ValueError("Input should be a valid dictionary")
        problems: list[tuple[str, str]] = []
        if cls.EXTRA_FORBIDDEN:
            problems += [(str(name), "Extra inputs are not permitted") for name in raw if name not in cls.FIELDS]
        values = {}
        for name, check in cls.FIELDS.items():
            if name not in raw:
                problems.append((name, "Field required"))
            else:
                values[name] = _field(check, raw[name], name, problems)
        if problems:
            raise Invalid(problems)
        return cls(**values)
