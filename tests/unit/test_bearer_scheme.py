"""The Authorization header (RFC 7235, RFC 7519): the scheme `Bearer` in any case; a token without it is
rejected; `exp`, `nbf` and `iat` are numbers, not strings PyJWT would convert."""
import time

import jwt
import pytest

from chalicelib import settings
from chalicelib.entrypoints.auth import Unauthorized, jwt_auth
from tests.support.auth import TokenFactory

ARN = "arn:aws:execute-api:us-east-1:123456789012:abc123/api/GET/sellers/S1/enrollments"


def authorize(header: str) -> dict:
    return jwt_auth({"type": "TOKEN", "authorizationToken": header, "methodArn": ARN}, None)


def signed(**claims) -> str:
    now = int(time.time())
    body = {"sub": "S1", "role": "seller", "iat": now, "exp": now + 600, **claims}
    return jwt.encode(body, settings.current().auth_secret, algorithm="HS256")


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER", "bEaReR"])
def test_the_scheme_is_case_insensitive(scheme):
    assert authorize(f"{scheme} {TokenFactory().token()}")["principalId"] == "S1"


@pytest.mark.parametrize("header", ["{token}", "Token {token}", "Basic {token}", "Bearer", "Bearer ", "",
                                    "Bearer{token}", "Bearer\u00a0{token}"], ids=repr)
def test_a_token_without_the_bearer_scheme_is_rejected(header):
    with pytest.raises(Unauthorized):
        authorize(header.format(token=TokenFactory().token()))


@pytest.mark.parametrize("claim, value", [("exp", "4102444800"), ("nbf", "0"), ("iat", "1790000000"),
                                          ("exp", True), ("iat", [1]), ("nbf", {"t": 0}), ("iat", None)], ids=repr)
def test_time_claims_that_are_not_numbers_are_rejected(claim, value):
    with pytest.raises(Unauthorized):
        authorize(f"Bearer {signed(**{claim: value})}")


def test_numeric_time_claims_are_accepted():
    now = time.time()
    assert authorize(f"Bearer {signed(nbf=now - 10, iat=now)}")["principalId"] == "S1"
