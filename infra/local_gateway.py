"""Makes Chalice's local API Gateway answer as our deployed API Gateway does when no view runs.

In AWS, API Gateway answers these itself, with the GatewayResponses of RestAPI in
infra/template.yaml (Chalice's {"Code", "Message"} error shape):

  UNAUTHORIZED        no Authorization header, or the authorizer failed with the message
                      "Unauthorized" (our `Unauthorized`)  -> 401 Unauthorized
  AUTHORIZER_FAILURE  the authorizer failed in any other way -> 401 Unauthorized
  ACCESS_DENIED       the authorizer's policy does not allow the route -> 403 Forbidden
  MISSING_AUTHENTICATION_TOKEN  no such route -> 404 NotFoundError

Chalice's local gateway instead lets the authorizer's exception escape (the HTTP server
drops the connection; chalice.test.Client raises) and uses its own bodies and a 403 for an
unknown route. `install()` patches chalice.local so the runner (`python -m infra.local up`)
and chalice.test.Client answer with the bodies below. Keep them equal to the template's.
"""
import json
import logging
import uuid

from chalice import local

UNAUTHORIZED_BODY = json.dumps({"Code": "Unauthorized", "Message": "missing, expired or invalid token"}).encode()
FORBIDDEN_BODY = json.dumps({"Code": "Forbidden", "Message": "this token may not access this resource"}).encode()
NO_ROUTE_BODY = json.dumps({"Code": "NotFoundError", "Message": "no such route"}).encode()
_PATCHED = "_csba_gateway_responses"
log = logging.getLogger("infra.local.gateway")


class RouteNotFound(local.LocalGatewayException):
    """API Gateway's MISSING_AUTHENTICATION_TOKEN response, as our template maps it."""
    CODE = 404


def install() -> None:
    """Patch the local gateway (idempotent: a second call changes nothing)."""
    authorizer, matcher = local.LocalGatewayAuthorizer, local.RouteMatcher
    if getattr(authorizer.authorize, _PATCHED, False):
        return
    original_authorize, original_match = authorizer.authorize, matcher.match_route

    def authorize(self, raw_path, lambda_event, lambda_context):
        request_id = lambda_context.aws_request_id
        try:
            return original_authorize(self, raw_path, lambda_event, lambda_context)
        except local.NotAuthorizedError:
            raise unauthorized(request_id) from None
        except local.ForbiddenError:
            raise forbidden(request_id) from None
        except Exception as error:  # any authorizer failure is a 401 in AWS (UNAUTHORIZED / AUTHORIZER_FAILURE)
            if str(error) != "Unauthorized":
                log.exception("authorizer failed; API Gateway answers AUTHORIZER_FAILURE (401)")
            raise unauthorized(request_id) from None

    def match_route(self, url):
        try:
            return original_match(self, url)
        except ValueError:
            raise RouteNotFound(_headers(str(uuid.uuid4()), "MissingAuthenticationTokenException"),
                                NO_ROUTE_BODY) from None

    setattr(authorize, _PATCHED, True)
    authorizer.authorize, matcher.match_route = authorize, match_route


def unauthorized(request_id: str) -> local.NotAuthorizedError:
    """The 401 our API Gateway answers for a missing, expired or invalid token."""
    return local.NotAuthorizedError(_headers(request_id, "UnauthorizedException"), UNAUTHORIZED_BODY)


def forbidden(request_id: str) -> local.ForbiddenError:
    """The 403 our API Gateway answers when the token's policy does not allow the route."""
    return local.ForbiddenError(_headers(request_id, "AccessDeniedException"), FORBIDDEN_BODY)


def _headers(request_id: str, error_type: str) -> dict[str, str]:
    return {"x-amzn-RequestId": request_id, "x-amzn-ErrorType": error_type,
            "Content-Type": "application/json"}
