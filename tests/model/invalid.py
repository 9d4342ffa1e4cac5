"""Spoiling a valid event into one the contract calls invalid (DESIGN section 3), under a fresh event_id."""
import copy


def spoil(rnd, ids, event: dict) -> dict:
    bad = copy.deepcopy(event)
    bad["event_id"] = ids("bad-")
    detail = bad["detail"]
    kind = rnd.choice(["marketplace", "type", "missing", "negative", "currency", "digits", "over_shipped"])
    if kind == "marketplace":
        bad["marketplace_id"] = "A2EUQ1WTGCTBG2"  # Canada: not served
    elif kind == "type":
        bad["type"] = "OrderTeleported"
    elif kind == "missing":
        detail.pop(sorted(detail)[0])
    elif kind == "negative" and "units" in detail:
        detail["units"] = -detail["units"]
    elif kind == "currency" and bad["type"] == "OrderPlaced":
        detail["order_total"]["currency"] = "USD" if detail["order_total"]["currency"] != "USD" else "EUR"
    elif kind == "digits" and bad["type"] == "OrderPlaced":
        detail["order_total"]["amount"] = "12.345"
    elif kind == "over_shipped" and bad["type"] == "OrderShipped":
        detail["units"] += 100  # more than any order of the generator has
    else:
        bad["type"] = "OrderTeleported"
    return bad
