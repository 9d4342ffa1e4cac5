"""A record of checked fields (services/inbound_fields.py), filled from a JSON object; every problem is reported."""
from typing import Any, Callable, Self

Check = Callable[[Any], Any]  # the value, as kept; ValueError (or Invalid, for nested values) says what is wrong


class Invalid(ValueError):
    """The problems of a value, each (where, what); `where` is "" for the value itself."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{where}: {what}" if where else what for where, what in problems))
        self.problems = problems


def checked(check: Check, value: Any, where: str, problems: list[tuple[str, str]]) -> Any:
    """`check(value)`, or None with its problems added to `problems`, under `where`."""
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
        problems: list[tuple[str, str]] = []
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
