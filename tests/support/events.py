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
