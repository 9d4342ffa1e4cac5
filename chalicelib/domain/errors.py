"""Domain errors. Entry points map them to HTTP codes or queue outcomes in one place each."""
from chalicelib.domain.wire import JsonObject


class CsbaError(Exception):
    """Base of every error the domain raises on purpose."""

    code = "csba_error"

    def __init__(self, message: str, code: str | None = None):
        super().__init__(message)
        if code:
            self.code = code

    @property
    def message(self) -> str:
        return str(self)


class InvalidInput(CsbaError):
    """The caller sent something malformed: HTTP 400, queue DLQ."""

    code = "invalid_input"


class UnknownMarketplace(InvalidInput):
    code = "unknown_marketplace"


class NotFound(CsbaError):
    code = "not_found"


class Forbidden(CsbaError):
    code = "forbidden"


class Conflict(CsbaError):
    """The request clashes with the current state (HTTP 409)."""

    code = "conflict"


class NamedConflict(Conflict):
    """A conflict the caller acts on by its `code` (HTTP 409 with that code, e.g. handled_by_csba)."""


class RuleBroken(CsbaError):
    """A business rule refuses the request (HTTP 422); `code` names the rule."""

    code = "rule_broken"


class MessagePolicy(RuleBroken):
    """A message to a buyer breaks the messaging rules: HTTP 422 listing each violation."""

    code = "message_policy"

    def __init__(self, violations: list[JsonObject]):
        rules = ", ".join(dict.fromkeys(v["rule"] for v in violations))
        super().__init__(f"the message breaks Amazon's messaging rules ({rules}); nothing was sent")
        self.details = {"violations": violations}


class NotYetKnown(CsbaError):
    """An event refers to something not seen yet; retry it later."""

    code = "not_yet_known"
