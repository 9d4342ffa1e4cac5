"""Bearer headers for tests, signed with the local secret (or deliberately not)."""
import time

import jwt

from chalicelib import settings
from chalicelib.adapters.tokens import issue_local_token


class TokenFactory:
    def token(self, sub: str = "S1", role: str = "seller") -> str:
        return issue_local_token(settings.current(), sub, role)

    def headers(self, sub: str = "S1", role: str = "seller") -> dict:
        return {"Authorization": f"Bearer {self.token(sub, role)}"}

    def expired(self, sub: str = "S1", role: str = "seller") -> dict:
        claims = {"sub": sub, "role": role, "exp": int(time.time()) - 3600}
        return {"Authorization": "Bearer " + jwt.encode(claims, settings.current().auth_secret, algorithm="HS256")}

    def wrongly_signed(self, sub: str = "S1", role: str = "seller") -> dict:
        claims = {"sub": sub, "role": role, "exp": int(time.time()) + 3600}
        return {"Authorization": "Bearer " + jwt.encode(claims, "not-the-secret-" * 4, algorithm="HS256")}
