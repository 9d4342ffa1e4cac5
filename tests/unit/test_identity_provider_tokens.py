"""RS256 tokens of a real identity provider (DESIGN 8), through the authorizer, against a JWKS served on
loopback: issuer and audience of the stage, the role from a configurable claim (a string or a list of
groups), and a JWKS that is unreachable, slow or answers garbage rejects the token (401), never crashes."""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from chalicelib.adapters import tokens
from chalicelib.entrypoints.auth import Unauthorized, jwt_auth
from infra.moto_server import free_port

KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
ISSUER, AUDIENCE = "https://idp.example.test/csba", "csba-dev"
ARN = "arn:aws:execute-api:us-east-1:123456789012:abc123/api/GET/contacts/C1"


def jwks(key=KEY) -> bytes:
    public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    return json.dumps({"keys": [{**public, "kid": "k1", "use": "sig", "alg": "RS256"}]}).encode()


class Provider(BaseHTTPRequestHandler):
    answer, delay = jwks(), 0.0

    def do_GET(self):  # noqa: N802 - http.server's name
        time.sleep(self.delay)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(self.answer)

    def log_message(self, *args):
        pass


@pytest.fixture
def provider(monkeypatch):
    """A JWKS endpoint on loopback and the stage settings that trust it."""
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Provider)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setattr(Provider, "answer", jwks())
    monkeypatch.setattr(Provider, "delay", 0.0)
    monkeypatch.setenv("CSBA_AUTH_SECRET", "")
    monkeypatch.setenv("CSBA_JWKS_URL", f"http://127.0.0.1:{server.server_port}/.well-known/jwks.json")
    monkeypatch.setenv("CSBA_TOKEN_ISSUER", ISSUER)
    monkeypatch.setenv("CSBA_TOKEN_AUDIENCE", AUDIENCE)
    tokens._jwks_client.cache_clear()
    yield Provider
    tokens._jwks_client.cache_clear()
    server.shutdown()
    server.server_close()


def token(key=KEY, kid="k1", **claims) -> str:
    now = int(time.time())
    body = {"sub": "A1", "role": "agent", "iss": ISSUER, "aud": AUDIENCE, "iat": now, "exp": now + 600, **claims}
    return jwt.encode({k: v for k, v in body.items() if v is not None}, key, algorithm="RS256", headers={"kid": kid})


def authorize(raw: str, scheme: str = "Bearer") -> dict:
    event = {"type": "TOKEN", "authorizationToken": f"{scheme} {raw}", "methodArn": ARN}
    return jwt_auth(event, None)


def test_a_token_of_the_stages_issuer_and_audience_is_accepted(provider):
    answer = authorize(token())
    assert answer["principalId"] == "A1" and answer["context"] == {"role": "agent"}


@pytest.mark.parametrize("claims", [{"iss": "https://evil.example.test/csba"}, {"aud": "csba-prod"}, {"iss": None},
                                    {"aud": None}, {"aud": ["other", "another"]}], ids=str)
def test_a_token_for_another_issuer_or_audience_is_rejected(provider, claims):
    with pytest.raises(Unauthorized):
        authorize(token(**claims))


def test_a_token_signed_by_another_key_is_rejected(provider):
    with pytest.raises(Unauthorized):
        authorize(token(key=OTHER_KEY))


@pytest.mark.parametrize("answer", [b"<html>502 Bad Gateway</html>", b"", b"[1, 2]", b'{"keys": "none"}',
                                    b'{"keys": [{"kty": "RSA", "kid": "k1", "n": "!!", "e": "AQAB"}]}',
                                    b'{"keys": [{"kid": "k1"}]}', b"\xff\xfe", b"[" * 5000], ids=lambda a: repr(a[:40]))
def test_a_jwks_answering_garbage_rejects_the_token_and_does_not_crash_the_authorizer(provider, answer):
    provider.answer = answer
    with pytest.raises(Unauthorized):
        authorize(token())


def test_an_unreachable_jwks_rejects_the_token(provider, monkeypatch):
    monkeypatch.setenv("CSBA_JWKS_URL", f"http://127.0.0.1:{free_port()}/.well-known/jwks.json")
    with pytest.raises(Unauthorized):
        authorize(token())


def test_a_jwks_that_does_not_answer_rejects_the_token_after_a_few_seconds_not_thirty(provider):
    provider.delay = 20.0
    started = time.monotonic()
    with pytest.raises(Unauthorized):
        authorize(token())
    assert tokens.JWKS_TIMEOUT_SECONDS <= 5 and time.monotonic() - started < 15


@pytest.mark.parametrize("claim, value, role", [
    ("groups", ["staff", "supervisor"], "supervisor"), ("groups", ["agent", "supervisor"], "supervisor"),
    ("groups", ["agent"], "agent"), ("groups", ["seller"], "seller"), ("custom:role", "agent", "agent")])
def test_the_role_is_read_from_the_claim_the_stage_names(provider, monkeypatch, claim, value, role):
    monkeypatch.setenv("CSBA_ROLE_CLAIM", claim)
    answer = authorize(token(role=None, sub="S1", **{claim: value}))
    assert answer["context"] == {"role": role}


@pytest.mark.parametrize("value", [["seller", "agent"], ["staff"], [], "admin", 7, None], ids=repr)
def test_groups_naming_no_role_or_a_seller_and_staff_are_rejected(provider, monkeypatch, value):
    monkeypatch.setenv("CSBA_ROLE_CLAIM", "groups")
    with pytest.raises(Unauthorized):
        authorize(token(role="agent", groups=value))


def test_without_issuer_and_audience_configured_a_deployed_stage_accepts_no_token(provider, monkeypatch):
    monkeypatch.setenv("CSBA_TOKEN_AUDIENCE", "")
    with pytest.raises(Unauthorized):
        authorize(token())
