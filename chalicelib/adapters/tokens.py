"""JWT verification: HS256 with CSBA_AUTH_SECRET locally, RS256 from the identity provider's JWKS deployed."""
from functools import lru_cache

from chalicelib.domain.identity import ROLES, SELLER_ID, Caller
from chalicelib.lazy import deferred
from chalicelib.settings import Settings

jwt = deferred("jwt")  # PyJWT loads cryptography (about 30 ms): only functions that check a token pay for it

LEEWAY_SECONDS = 5


class TokenRejected(Exception):
    """The token is missing, malformed, expired or wrongly signed (HTTP 401)."""


def verify(token: str, settings: Settings) -> Caller:
    """The caller a bearer token names, or TokenRejected saying why."""
    raw = token.removeprefix("Bearer ").strip() if token else ""
    if not raw:
        raise TokenRejected("no token")
    try:
        key, algorithm = _key_for(raw, settings)
        claims = jwt.decode(raw, key, algorithms=[algorithm], leeway=LEEWAY_SECONDS,
                            options={"require": ["sub", "role", "exp"]})
    except jwt.PyJWTError as error:
        raise TokenRejected(f"{type(error).__name__}: {error}") from None
    return _caller(claims)


def _key_for(raw: str, settings: Settings):
    if settings.auth_secret:
        return settings.auth_secret, "HS256"
    if not settings.jwks_url:
        raise jwt.InvalidKeyError("no verification key configured")
    return _jwks_client(settings.jwks_url).get_signing_key_from_jwt(raw).key, "RS256"


@lru_cache(maxsize=4)
def _jwks_client(url: str) -> "jwt.PyJWKClient":
    return jwt.PyJWKClient(url, cache_keys=True)


def _caller(claims: dict) -> Caller:
    role, sub = claims.get("role"), claims.get("sub")
    if role not in ROLES:
        raise TokenRejected(f"unknown role {role!r}")
    if not isinstance(sub, str) or not SELLER_ID.match(sub):
        raise TokenRejected("malformed sub claim")
    return Caller(sub=sub, role=role)


def issue_local_token(settings: Settings, sub: str, role: str, lifetime_seconds: int = 3600) -> str:
    """A token signed with the local secret (the runner's `token` subcommand and tests)."""
    import time

    now = int(time.time())
    return jwt.encode({"sub": sub, "role": role, "iat": now, "exp": now + lifetime_seconds},
                      settings.auth_secret, algorithm="HS256")
