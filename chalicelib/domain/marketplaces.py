"""The marketplaces CSBA serves: ids, country, currency and CS languages.

`covers_pre_order_contacts` is the per-marketplace policy flag for contacts
about a product before any order (DESIGN section 4); Amazon runs it off today.
"""

from msgspec import Struct

from chalicelib.domain.errors import UnknownMarketplace


class Marketplace(Struct, frozen=True):
    """A marketplace CSBA serves: its country, currency and languages."""

    marketplace_id: str
    country: str
    currency: str
    languages: tuple[str, ...]
    default_language: str
    covers_pre_order_contacts: bool = False


MARKETPLACES: dict[str, Marketplace] = {
    m.marketplace_id: m
    for m in (
        Marketplace("ATVPDKIKX0DER", "US", "USD", ("en", "es"), "en"),
        Marketplace("A1F83G8C2ARO7P", "UK", "GBP", ("en",), "en"),
        Marketplace("A1PA6795UKMFR9", "DE", "EUR", ("de", "en"), "de"),
        Marketplace("A13V1IB3VIYZZH", "FR", "EUR", ("fr", "en"), "fr"),
        Marketplace("APJ6JRA9NG5V4", "IT", "EUR", ("it", "en"), "it"),
        Marketplace("A1RKKUPIHCS9HS", "ES", "EUR", ("es", "en"), "es"),
        Marketplace("A1VC38T7YXB528", "JP", "JPY", ("ja", "en"), "ja"),
    )
}


def marketplace(marketplace_id: str) -> Marketplace:
    """The marketplace with this id, or UnknownMarketplace (CSBA does not serve it)."""
    try:
        return MARKETPLACES[marketplace_id]
    except KeyError:
        raise UnknownMarketplace(f"CSBA is not offered in marketplace {marketplace_id!r}") from None


def is_served(marketplace_id: str) -> bool:
    return marketplace_id in MARKETPLACES
