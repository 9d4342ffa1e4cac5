"""Which envelopes count (DESIGN section 3): the first copy of each event_id, if it is valid.

Written from the contract's table: a known type, a served marketplace, the detail's fields
present with their types, positive units, an order total in the marketplace's currency with
at most its minor digits. Over-shipment needs the order, so `history` checks it.
"""
import json
import re
from datetime import datetime, timezone

from tests.model.policy_data import MARKETPLACES, TOPICS

_BOOL, _INT, _STR, _OPT_STR = "bool", "int", "str", "str|None"
FIELDS = {
    "SellerRegistered": {"country": _STR, "vat_id": _OPT_STR},
    "SellerStatusChanged": {"status": _STR},
    "OrderPlaced": {"order_id": _STR, "fulfillment_channel": _STR, "seller_fulfilled_prime": _BOOL,
                    "units": _INT, "order_total": "money", "asins": "list"},
    "OrderShipped": {"order_id": _STR, "units": _INT, "tracking_id": _OPT_STR, "tracking_valid": _BOOL},
    "ReturnRequested": {"order_id": _STR, "return_id": _STR, "prepaid_label": _BOOL},
    "ContactCreated": {"contact_id": _STR, "order_id": _OPT_STR, "asin": _OPT_STR, "channel": _STR,
                       "language": _STR, "topic": _STR, "message": _STR},
    "ContactResponded": {"contact_id": _STR, "responded_at": _STR},
    "ContactResolved": {"contact_id": _STR, "resolution": _STR},
    "SurveyAnswered": {"contact_id": _STR, "solved": _BOOL},
}
CHOICES = {"status": {"active", "under_review", "restricted", "suspended"},
           "fulfillment_channel": {"MFN", "AFN", "MCF"}, "channel": {"phone", "chat", "email"}, "topic": TOPICS}


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)


def first_valid_copies(envelopes: list) -> list[dict]:
    """The events that count, each once, in the order given (which does not matter to the model)."""
    seen, kept = set(), []
    for raw in envelopes:
        event = json.loads(raw) if isinstance(raw, str) else raw
        if event["event_id"] in seen:
            continue
        seen.add(event["event_id"])
        if is_valid(event):
            kept.append(event)
    return kept


def is_valid(event: dict) -> bool:
    fields = FIELDS.get(event.get("type"))
    if fields is None or event.get("marketplace_id") not in MARKETPLACES:
        return False
    detail = event.get("detail")
    if not isinstance(detail, dict) or any(name not in detail for name in fields):
        return False
    currency, digits = MARKETPLACES[event["marketplace_id"]][1:3]
    return all(_fits(kind, detail[name], currency, digits) and detail[name] in CHOICES.get(name, [detail[name]])
               for name, kind in fields.items())


def _fits(kind: str, value, currency: str, digits: int) -> bool:
    if kind == _BOOL:
        return isinstance(value, bool)
    if kind == _INT:
        return isinstance(value, int) and not isinstance(value, bool) and value > 0
    if kind == _STR:
        return isinstance(value, str) and value != ""
    if kind == _OPT_STR:
        return value is None or isinstance(value, str)
    if kind == "list":
        return isinstance(value, list) and len(value) > 0
    pattern = r"\d+" + (rf"(\.\d{{1,{digits}}})?" if digits else "")
    return value.get("currency") == currency and re.fullmatch(pattern, str(value.get("amount"))) is not None
