"""Records of checked fields, filled from JSON objects, and the checks of their fields: the base of the inbound
events (services/inbound_events.py). Every problem is reported with where it is; `Record.read` writes them out.

Why not pydantic, as for the HTTP bodies and billing jobs: importing it and building the envelope models cost about
110 ms of CPU on the first invocation of `marketplace_events` (bench figure 1), more than the rest of that
function's own code. These checks do what those models did: the same types (strict integers and booleans, ASCII
patterns matched whole, zoned RFC 3339 text within CSBA's lifetime), every problem reported with its field, unknown
fields refused where a record says so (the envelope), ignored elsewhere (the details).
"""
import inspect
import re
from datetime import datetime, timezone
from typing import Any, Callable, ClassVar, Iterable, Self, TypeVar

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.months import PROGRAM_START

Check = Callable[[Any], Any]  # the value, as kept; ValueError (or Invalid, for nested values) says what is wrong
Problems = list[tuple[str, str]]  # each (where, what); `where` is "" for the value itself
Value = TypeVar("Value")
Kind = TypeVar("Kind", bound="Record")

RFC_3339 = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?"
                      r"(Z|[+-][0-9]{2}:[0-9]{2})$")  # ASCII digits: \d would take any script's
FUTURE_TOLERANCE_DAYS = 1


class Invalid(ValueError):
    """The problems of a value, found by its checks."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(problems)
        self.problems = problems


def checked(check: Check, value: Any, where: str, problems: Problems) -> Any:
    """`check(value)`, or None with its problems added to `problems`, under `where`."""
    try:
        return check(value)
    except Invalid as inner:
        problems += [(f"{where}.{inner_where}" if inner_where else where, what) for inner_where, what in inner.problems]
    except ValueError as error:
        problems.append((where, str(error)))
    return None


class Record:
    """Fields declared `name: Annotated[type, check]`, all required, in that order; set once, then read-only."""

    FIELDS: ClassVar[dict[str, Check]] = {}
    EXTRA_FORBIDDEN: ClassVar[bool] = False

    def __init_subclass__(cls) -> None:
        hints = inspect.get_annotations(cls)
        if unchecked := [name for name, hint in hints.items() if not hasattr(hint, "__metadata__")]:
            raise TypeError(f"{cls.__name__} declares {', '.join(unchecked)} without a check")
        cls.FIELDS = {name: hint.__metadata__[0] for name, hint in hints.items()}

    def __init__(self, **values: Any) -> None:
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and vars(other) == vars(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in vars(self).items())})"

    @classmethod
    def from_raw(cls, raw: Any) -> Self:
        """The record of a JSON object, or Invalid with every problem found."""
        if not isinstance(raw, dict):
            raise ValueError("Input should be a valid dictionary")
        problems: Problems = []
        if cls.EXTRA_FORBIDDEN:
            problems += [(str(name), "Extra inputs are not permitted") for name in raw if name not in cls.FIELDS]
        values = {}
        for name, check in cls.FIELDS.items():
            if name not in raw:
                problems.append((name, "Field required"))
            else:
                values[name] = checked(check, raw[name], name, problems)
        if problems:
            raise Invalid(problems)
        return cls(**values)

    @classmethod
    def read(cls, raw: Any, where: str) -> Self:
        """The record of `raw`, or InvalidInput whose reason names every problem under `where` (the one place
        problems are written out, as the dead letters' reasons give them)."""
        if not isinstance(raw, dict):
            raise InvalidInput(f"{where} must be a JSON object")
        try:
            return cls.from_raw(raw)
        except Invalid as error:
            problems = "; ".join(f"{field or where}: {problem}" for field, problem in error.problems)
            raise InvalidInput(f"invalid {where}: {problems}") from None


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
        problems: Problems = []
        items = [checked(item, element, str(i), problems) for i, element in enumerate(value)]
        if problems:
            raise Invalid(problems)
        return items

    return check


def object_of(record: type[Kind]) -> Callable[[Any], Kind]:
    """A nested JSON object, checked by its record's fields."""
    return record.from_raw

