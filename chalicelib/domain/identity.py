"""Who is calling: the claims a verified token carries, and what each role may reach."""
import re
from dataclasses import dataclass

ROLES = ("seller", "agent", "supervisor")
SELLER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


@dataclass(frozen=True)
class Caller:
    sub: str
    role: str

    @property
    def is_seller(self) -> bool:
        return self.role == "seller"


def allowed_routes(caller: Caller) -> list[tuple[str, list[str]]]:
    """(path pattern, methods) the caller may invoke; API Gateway denies the rest with 403."""
    checks = ("/message-checks", ["POST"])  # every role checks a text against the messaging rules
    if caller.is_seller:
        return [(f"/sellers/{caller.sub}", ["GET", "PUT", "DELETE", "POST"]),
                (f"/sellers/{caller.sub}/*", ["GET", "PUT", "DELETE", "POST"]), checks]
    refund_methods = ["GET", "POST"] if caller.role == "supervisor" else ["GET"]
    return [("/contacts/*", ["GET"]), ("/refunds", ["POST"]), ("/refunds/*", refund_methods), checks]
