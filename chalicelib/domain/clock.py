"""Time helpers: every instant is an aware UTC datetime; on the wire RFC 3339 with a zone."""
from datetime import datetime, timezone


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def to_wire(instant: datetime | None) -> str | None:
    if instant is None:
        return None
    return instant.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


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
