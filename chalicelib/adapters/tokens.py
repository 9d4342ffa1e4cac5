"""JWT verification: HS256 with CSBA_AUTH_SECRET locally, RS256 from the identity provider's JWKS deployed.

Deployed, a token must name the stage's issuer and audience (CSBA_TOKEN_ISSUER, CSBA_TOKEN_AUDIENCE); the
role is read from the claim CSBA_ROLE_CLAIM names (`role` by default), a string or a list of groups. A JWKS
that is slow, unreachable or answers garbage rejects the token (401) within JWKS_TIMEOUT_SECONDS.
"""
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from chalicelib.domain.identifiers import SELLER_ID, is_id
from chalicelib.domain.identity import ROLES, SELLER, STAFF, Caller
from chalicelib.domain.wire import JsonObject
from chalicelib.settings import Settings

if TYPE_CHECKING:
    import jwt
    from jwt.algorithms import AllowedPublicKeys

# PyJWT loads cryptography (about 30 ms of CPU): the functions below import it, so only those checking a token pay

LEEWAY_SECONDS = 5
JWKS_TIMEOUT_SECONDS = 3  # PyJWKClient's default is 30: an unreachable JWKS would hold every request
TIME_CLAIMS = ("exp", "nbf", "iat")  # NumericDate (RFC 7519): PyJWT would also take "1790000000"


class TokenRejected(Exception):
    """The token is missing, malformed, expired or wrongly signed, or its keys cannot be had (HTTP 401)."""


def verify(authorization: str, settings: Settings) -> Caller:
    """The caller an Authorization header's bearer token names, or TokenRejected saying why."""
    import jwt

    raw = _bearer(authorization)
    try:
        key, algorithm = _key_for(raw, settings)
        claims = jwt.decode(raw, key, algorithms=[algorithm], leeway=LEEWAY_SECONDS, **_expected(settings, algorithm))
    except jwt.PyJWTError as error:
        raise TokenRejected(f"{type(error).__name__}: {error}") from None
    _numeric_times(claims)
    return _caller(claims, settings.role_claim)


def _bearer(authorization: str | None) -> str:
    """The token of `Bearer <token>`, the scheme in any case (RFC 7235); anything else is rejected."""
    scheme, _, raw = (authorization or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        raise TokenRejected("no bearer token")
    return raw.strip()


def _expected(settings: Settings, algorithm: str) -> dict[str, Any]:  # Any: keyword arguments of jwt.decode
    import jwt

    required = ["sub", "exp"]
    if algorithm == "HS256":
        return {"options": {"require": required}}
    if not (settings.token_issuer and settings.token_audience):
        raise jwt.InvalidKeyError("no token issuer and audience configured for this stage")
    return {"options": {"require": required + ["iss", "aud"]}, "issuer": settings.token_issuer,
            "audience": settings.token_audience}


def _key_for(raw: str, settings: Settings) -> "tuple[str | jwt.PyJWK | AllowedPublicKeys, str]":
    import jwt

    if settings.auth_secret:
        return settings.auth_secret, "HS256"
    if not settings.jwks_url:
        raise jwt.InvalidKeyError("no verification key configured")
    try:
        return _jwks_client(settings.jwks_url).get_signing_key_from_jwt(raw).key, "RS256"
    except (ValueError, KeyError, TypeError, RecursionError) as error:  # a JWKS answering what is not a key set
        raise TokenRejected(f"the identity provider's keys are unusable: {type(error).__name__}") from None


@lru_cache(maxsize=4)
def _jwks_client(url: str) -> "jwt.PyJWKClient":
    import jwt

    return jwt.PyJWKClient(url, cache_keys=True, timeout=JWKS_TIMEOUT_SECONDS)


def _numeric_times(claims: JsonObject) -> None:
    for name in TIME_CLAIMS:
        value = claims.get(name)
        if name in claims and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise TokenRejected(f"the {name} claim must be a number")


def _caller(claims: JsonObject, role_claim: str) -> Caller:
    role, sub = _role(claims.get(role_claim)), claims.get("sub")
    if role not in ROLES:
        raise TokenRejected(f"no known role in claim {role_claim!r}")
    if not is_id(sub, SELLER_ID):
        raise TokenRejected("malformed sub claim")
    return Caller(sub=sub, role=role)


def _role(value: object) -> str | None:
    """A role, or from a list of groups the strongest staff role, or `seller` alone (never mixed with staff)."""
    if not isinstance(value, list):
        return value if isinstance(value, str) else None
    named = {group for group in value if isinstance(group, str) and group in ROLES}
    staff = [role for role in STAFF if role in named]
    if staff:
        return None if SELLER in named else staff[0]  # the stronger when a list of groups names both
    return SELLER if named == {SELLER} else None


def issue_local_token(settings: Settings, sub: str, role: str, lifetime_seconds: int = 3600) -> str:
    """A token signed with the local secret (the runner's `token` subcommand and tests)."""
    import time

    import jwt

    now = int(time.time())
    return jwt.encode({"sub": sub, "role": role, "iat": now, "exp": now + lifetime_seconds},
                      settings.auth_secret, algorithm="HS256")
