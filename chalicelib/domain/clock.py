"""Time helpers: every instant is an aware UTC datetime; on the wire RFC 3339 with a zone."""
from datetime import datetime, timezone
from typing import overload


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@overload
def to_wire(instant: datetime) -> str: ...


@overload
def to_wire(instant: None) -> None: ...


def to_wire(instant: datetime | None) -> str | None:
    if instant is None:
        return None
    return instant.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


@overload
def from_wire(text: str) -> datetime: ...


@overload
def from_wire(text: None) -> None: ...


def from_wire(text: str | None) -> datetime | None:
    if text is None:
        return None
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        raise ValueError(f"timestamp {text!r} has no zone")
    return parsed.astimezone(timezone.utc)


def month_of(instant: datetime) -> str:
    """The calendar month (UTC) of an instant, as YYYY-MM."""
    return instant.astimezone(timezone.utc).strftime("%Y-%m")


def add_months(month: str, count: int) -> str:
    """YYYY-MM shifted by `count` calendar months (negative: back)."""
    year, number = int(month[:4]), int(month[5:7])
    index = year * 12 + (number - 1) + count
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_before(instant: datetime) -> str:
    """The calendar month (UTC) before the one `instant` falls in: what a close at `instant` closes."""
    return add_months(month_of(instant), -1)
