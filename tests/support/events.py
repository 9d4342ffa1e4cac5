"""Envelope builders for inbound marketplace events."""
import itertools

DE = "A1PA6795UKMFR9"
UK = "A1F83G8C2ARO7P"
JP = "A1VC38T7YXB528"
US = "ATVPDKIKX0DER"
_ids = itertools.count(1)


def envelope(type_: str, detail: dict, *, seller_id: str = "S1", marketplace_id: str = DE,
             occurred_at: str = "2026-10-03T12:00:00Z", event_id: str | None = None) -> dict:
    return {"event_id": event_id or f"e-{next(_ids)}", "type": type_, "occurred_at": occurred_at,
            "marketplace_id": marketplace_id, "seller_id": seller_id, "detail": detail}


def seller_registered(seller_id: str = "S1", marketplace_id: str = DE, country: str = "DE",
                      vat_id: str | None = None, **kwargs) -> dict:
    return envelope("SellerRegistered", {"country": country, "vat_id": vat_id},
                    seller_id=seller_id, marketplace_id=marketplace_id, **kwargs)


def seller_status_changed(status: str, seller_id: str = "S1", marketplace_id: str = DE, **kwargs) -> dict:
    return envelope("SellerStatusChanged", {"status": status}, seller_id=seller_id,
                    marketplace_id=marketplace_id, **kwargs)


def order_placed(order_id: str, *, channel: str = "MFN", sfp: bool = False, units: int = 1,
                 total: str = "20.00", currency: str = "EUR", asins=("B000000001",), **kwargs) -> dict:
    return envelope("OrderPlaced", {"order_id": order_id, "fulfillment_channel": channel,
                                    "seller_fulfilled_prime": sfp, "units": units,
                                    "order_total": {"amount": total, "currency": currency}, "asins": list(asins)},
                    **kwargs)


def order_shipped(order_id: str, units: int = 1, tracking_valid: bool = True, **kwargs) -> dict:
    return envelope("OrderShipped", {"order_id": order_id, "units": units, "tracking_valid": tracking_valid,
                                     "tracking_id": "TRK1" if tracking_valid else None}, **kwargs)


def return_requested(order_id: str, return_id: str, prepaid_label: bool = True, **kwargs) -> dict:
    return envelope("ReturnRequested", {"order_id": order_id, "return_id": return_id,
                                        "prepaid_label": prepaid_label}, **kwargs)


def contact_created(contact_id: str, order_id: str | None = None, *, asin: str | None = None,
                    topic: str = "where_is_my_order", channel: str = "email", language: str = "de-DE",
                    **kwargs) -> dict:
    return envelope("ContactCreated", {"contact_id": contact_id, "order_id": order_id, "asin": asin,
                                       "channel": channel, "language": language, "topic": topic,
                                       "message": "Wo ist meine Bestellung?"}, **kwargs)


def contact_responded(contact_id: str, responded_at: str, **kwargs) -> dict:
    return envelope("ContactResponded", {"contact_id": contact_id, "responded_at": responded_at},
                    occurred_at=responded_at, **kwargs)


def contact_resolved(contact_id: str, resolution: str = "answered", **kwargs) -> dict:
    return envelope("ContactResolved", {"contact_id": contact_id, "resolution": resolution}, **kwargs)


def survey_answered(contact_id: str, solved: bool, **kwargs) -> dict:
    return envelope("SurveyAnswered", {"contact_id": contact_id, "solved": solved}, **kwargs)
