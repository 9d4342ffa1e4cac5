"""What the app answers, cut to the model's fields and normalised (Decimal rates), and a readable diff."""
from decimal import Decimal

from tests.model.monthly import COUNT_NAMES

REPORT_FIELDS = ("seller_id", "marketplace_id", "month", "provisional", "rates", "health", "marketplace_average",
                 "top_decile", "trailing_cpu", "next_tier")
INVOICE_FIELDS = ("invoice_id", "seller_id", "marketplace_id", "month", "policy_version", "currency", "tier",
                  "subtotal", "total")


def report_view(body: dict) -> dict:
    view = {name: body.get(name) for name in REPORT_FIELDS}
    view["counts"] = {name: body["counts"].get(name) for name in COUNT_NAMES}
    return view


def invoice_view(body: dict) -> dict:
    view = {name: body.get(name) for name in INVOICE_FIELDS}
    view["lines"] = [{**line, "rate": Decimal(str(line["rate"]))} for line in body["lines"]]
    view["tax"] = {**body["tax"], "rate": Decimal(str(body["tax"]["rate"]))}
    return view


def differences(actual, expected, where: str = "") -> list[str]:
    """Every path where the two differ, with both values."""
    if isinstance(actual, dict) and isinstance(expected, dict):
        found = []
        for key in sorted(set(actual) | set(expected), key=str):
            found += differences(actual.get(key, "<absent>"), expected.get(key, "<absent>"), f"{where}.{key}")
        return found
    if isinstance(actual, list) and isinstance(expected, list) and len(actual) == len(expected):
        return [d for n, (a, e) in enumerate(zip(actual, expected)) for d in differences(a, e, f"{where}[{n}]")]
    same = actual == expected and isinstance(actual, bool) == isinstance(expected, bool)
    return [] if same else [f"{where}: app {actual!r}, model {expected!r}"]
