"""Who is calling: the claims a verified token carries, and what each role may reach."""

from msgspec import Struct

from chalicelib.domain.errors import Forbidden

SELLER, AGENT, SUPERVISOR = "seller", "agent", "supervisor"
ROLES = (SELLER, AGENT, SUPERVISOR)
STAFF = (SUPERVISOR, AGENT)  # Amazon CS: cases and refunds; the stronger first
SUPERVISORS = (SUPERVISOR,)  # approve refunds


class Caller(Struct, frozen=True):
    """Who makes a request, as the authorizer verified it: the token's subject and role."""

    sub: str
    role: str

    @property
    def is_seller(self) -> bool:
        return self.role == SELLER

    def require(self, roles: tuple[str, ...]) -> "Caller":
        """This caller if its role is one of `roles`, else Forbidden (defence in depth behind the authorizer)."""
        if self.role not in roles:
            names = sorted(roles, key=ROLES.index)
            named = " or ".join(filter(None, (", ".join(names[:-1]), names[-1])))
            raise Forbidden(f"this route is for {named} tokens")
        return self


def allowed_routes(caller: Caller) -> list[tuple[str, list[str]]]:
    """(path pattern, methods) the caller may invoke; API Gateway denies the rest with 403."""
    checks = ("/message-checks", ["POST"])  # every role checks a text against the messaging rules
    if caller.is_seller:
        return [(f"/sellers/{caller.sub}", ["GET", "PUT", "DELETE", "POST"]),
                (f"/sellers/{caller.sub}/*", ["GET", "PUT", "DELETE", "POST"]), checks]
    refund_methods = ["GET", "POST"] if caller.role in SUPERVISORS else ["GET"]
    return [("/contacts/*", ["GET"]), ("/refunds", ["POST"]), ("/refunds/*", refund_methods), checks]
