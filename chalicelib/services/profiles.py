"""The seller's profile: status, residence, VAT id, and whether the id was accepted (and why not)."""
from chalicelib.domain.errors import NotFound
from chalicelib.domain.tax import vat_id_problem


def profile(store, seller_id: str) -> dict:
    seller = store.get_seller(seller_id)
    if seller is None:
        raise NotFound(f"unknown seller {seller_id}")
    return {"seller_id": seller.seller_id, "status": seller.status, "country": seller.country,
            "vat_id": seller.vat_id, "vat_id_valid": seller.vat_id_valid,
            "vat_id_problem": vat_id_problem(seller.country, seller.vat_id)}
