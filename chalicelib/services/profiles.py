"""The seller's profile: status, residence, VAT id, and whether the id was accepted (and why not)."""
from chalicelib.domain.errors import NotFound
from chalicelib.domain.sellers import Seller
from chalicelib.domain.tax import vat_id_problem
from chalicelib.services.ports import Store


def profile(store: Store, seller_id: str) -> tuple[Seller, str | None]:
    """The seller, and why its VAT id was not accepted (None: accepted, or none given)."""
    seller = store.get_seller(seller_id)
    if seller is None:
        raise NotFound(f"unknown seller {seller_id}")
    return seller, vat_id_problem(seller.country, seller.vat_id)
