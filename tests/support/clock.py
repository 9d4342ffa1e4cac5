"""A fixed "now" for the event validation and the insight routes (the window depends on today)."""
from datetime import datetime, timezone


def freeze(monkeypatch, now: str) -> datetime:
    """From here on the app's checks of "in the future" and its insight routes see `now` (RFC 3339)."""
    from chalicelib.entrypoints import insight_routes
    from chalicelib.services import checked_fields

    instant = datetime.fromisoformat(now.replace("Z", "+00:00"))

    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):
            return instant.astimezone(tz or timezone.utc)

    monkeypatch.setattr(checked_fields, "datetime", Frozen)
    monkeypatch.setattr(insight_routes, "utc_now", lambda: instant)
    return instant
