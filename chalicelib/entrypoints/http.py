"""HTTP plumbing shared by every route: error mapping (the one place), caller identity, JSON bodies."""
import functools
from typing import Any, Callable

from aws_lambda_powertools import Logger
from chalice import Blueprint, Response

from chalicelib.domain import errors
from chalicelib.domain.identity import Caller
from chalicelib.lazy import deferred

logger = Logger(child=True)
ports = deferred("chalicelib.services.ports")  # for StaleWrite, whose module loads the services' types

STATUS = [  # most specific first; a marketplace CSBA does not serve breaks a rule on HTTP (422)
    (errors.UnknownMarketplace, 422), (errors.InvalidInput, 400), (errors.Forbidden, 403), (errors.NotFound, 404),
    (errors.Conflict, 409), (errors.RuleBroken, 422),
]
STALE_WRITE = 409  # someone else changed the record meanwhile: a state conflict
CODES = {400: "BadRequestError", 403: "ForbiddenError", 404: "NotFoundError", 409: "ConflictError"}


def error_response(error: Exception, status: int | None = None) -> Response:
    status = status or next(code for kind, code in STATUS if isinstance(error, kind))
    code = error.code if status == 422 else CODES[status]
    logger.info("request refused", extra={"status": status, "code": code, "reason": str(error)})
    return Response(body={"Code": code, "Message": str(error)}, status_code=status)


def mapped(view: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the domain's refusals into their HTTP status with a {"Code", "Message"} body."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        except errors.CsbaError as error:
            return error_response(error)
        except ports.StaleWrite as error:  # evaluated only for an exception that gets here: no import before
            return error_response(error, STALE_WRITE)

    return wrapper


def caller(blueprint: Blueprint) -> Caller:
    context = blueprint.current_request.context.get("authorizer") or {}
    return Caller(sub=context.get("principalId", ""), role=context.get("role", ""))


def require_owner(blueprint: Blueprint, seller_id: str) -> None:
    """Defence in depth behind the authorizer's policy: a seller reaches only its own data."""
    who = caller(blueprint)
    if not (who.is_seller and who.sub == seller_id):
        raise errors.Forbidden("this token may not access another seller's data")


def json_body(blueprint: Blueprint) -> dict:
    body = blueprint.current_request.json_body
    if not isinstance(body, dict):
        raise errors.InvalidInput("the request body must be a JSON object")
    return body


def query_params(blueprint: Blueprint) -> dict[str, str]:
    return dict(blueprint.current_request.query_params or {})
