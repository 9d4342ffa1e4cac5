"""HTTP plumbing shared by every route: error mapping (the one place), caller identity, JSON bodies."""
import functools
from typing import TYPE_CHECKING, Any, Callable

from aws_lambda_powertools import Logger
from chalice import Blueprint, Response

from chalicelib.domain import errors
from chalicelib.domain.identifiers import DOCUMENT_MAX_LENGTH, ID, MAX_LENGTH, is_id
from chalicelib.domain.identity import Caller
from chalicelib.domain.wire import JsonObject
from chalicelib.json_text import read_json

if TYPE_CHECKING:
    from chalicelib.services.stale import StaleWrite

logger = Logger(child=True)

STATUS = [  # most specific first; a marketplace CSBA does not serve breaks a rule on HTTP (422)
    (errors.UnknownMarketplace, 422), (errors.InvalidInput, 400), (errors.Forbidden, 403), (errors.NotFound, 404),
    (errors.Conflict, 409), (errors.RuleBroken, 422),
]
STALE_WRITE = 409  # someone else changed the record meanwhile: a state conflict
# Longer than any id (invoice ids reach 128): refused before any lookup, as DynamoDB refuses keys above 2048 bytes
# with a ValidationException (a 500) that the embedded moto does not reproduce.
MAX_PATH_PARAMETER = DOCUMENT_MAX_LENGTH
MAX_BODY_BYTES = 64 * 1024  # the largest body is a support note of 4,000 characters; API Gateway's own limit is 10 MB
PATH_IDS = {"seller_id": MAX_LENGTH, "contact_id": MAX_LENGTH, "refund_id": MAX_LENGTH,
            "invoice_id": DOCUMENT_MAX_LENGTH}  # an ASIN: services/support_notes.py
CODES = {400: "BadRequestError", 403: "ForbiddenError", 404: "NotFoundError", 409: "ConflictError"}


def error_response(error: Exception, status: int | None = None) -> Response:
    status = status or next(code for kind, code in STATUS if isinstance(error, kind))
    named = isinstance(error, errors.CsbaError) and (status == 422 or isinstance(error, errors.NamedConflict))
    code = error.code if named and isinstance(error, errors.CsbaError) else CODES[status]
    logger.info("request refused", extra={"status": status, "code": code, "reason": str(error)})
    details = getattr(error, "details", None) or {}  # e.g. a message_policy refusal's violations
    return Response(body={"Code": code, "Message": str(error), **details}, status_code=status)


def mapped(view: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the domain's refusals into their HTTP status with a {"Code", "Message"} body."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            _check_path_parameters(kwargs)
            return view(*args, **kwargs)
        except errors.CsbaError as error:
            return error_response(error)
        except _stale_write() as error:  # called only for an exception that gets here
            return error_response(error, STALE_WRITE)

    return wrapper


def _stale_write() -> "type[StaleWrite]":
    """StaleWrite, imported when a route's exception is matched (`import app` loads no service module)."""
    from chalicelib.services.stale import StaleWrite

    return StaleWrite


def _check_path_parameters(parameters: dict[str, Any]) -> None:
    for name, value in parameters.items():
        if len(str(value)) > MAX_PATH_PARAMETER:
            raise errors.InvalidInput(f"{name} is longer than {MAX_PATH_PARAMETER} characters")
        if name in PATH_IDS and not is_id(str(value), ID, PATH_IDS[name]):
            raise errors.InvalidInput(f"{name} {str(value)!r} is not a valid identifier")


def caller(blueprint: Blueprint) -> Caller:
    context = blueprint.current_request.context.get("authorizer") or {}
    return Caller(sub=context.get("principalId", ""), role=context.get("role", ""))


def require_owner(blueprint: Blueprint, seller_id: str) -> None:
    """Defence in depth behind the authorizer's policy: a seller reaches only its own data."""
    who = caller(blueprint)
    if not (who.is_seller and who.sub == seller_id):
        raise errors.Forbidden("this token may not access another seller's data")


def json_body(blueprint: Blueprint) -> JsonObject:
    """The request's JSON object; any body that cannot be read (size, depth, syntax, encoding) is a 400."""
    body = read_json(blueprint.current_request.raw_body or b"", max_bytes=MAX_BODY_BYTES)
    if not isinstance(body, dict):
        raise errors.InvalidInput("the request body must be a JSON object")
    return body


def query_params(blueprint: Blueprint) -> dict[str, str]:
    return dict(blueprint.current_request.query_params or {})
