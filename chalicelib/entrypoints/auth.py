"""The Chalice built-in authorizer: verifies the bearer JWT and grants the routes of its role.

A rejected token raises `Unauthorized`, which API Gateway answers with 401 (the message
must be exactly "Unauthorized"); a valid token gets a policy naming only the routes of
its role and, for a seller, of its own id, so API Gateway answers 403 elsewhere.
"""
from chalice import AuthResponse, AuthRoute, Blueprint
from chalice.app import AuthRequest
from aws_lambda_powertools import Logger

from chalicelib import settings
from chalicelib.adapters.tokens import TokenRejected, verify
from chalicelib.domain.identity import allowed_routes

auth = Blueprint(__name__)
logger = Logger(child=True)


class Unauthorized(Exception):
    def __init__(self, reason: str):
        super().__init__("Unauthorized")
        self.reason = reason


@auth.authorizer(ttl_seconds=300)
def jwt_auth(auth_request: AuthRequest) -> AuthResponse:
    try:
        caller = verify(auth_request.token, settings.current())
    except TokenRejected as rejected:
        logger.info("token rejected", extra={"reason": str(rejected)})
        raise Unauthorized(str(rejected)) from None
    routes: list[str | AuthRoute] = [AuthRoute(path, methods) for path, methods in allowed_routes(caller)]
    return AuthResponse(routes=routes, principal_id=caller.sub, context={"role": caller.role})
