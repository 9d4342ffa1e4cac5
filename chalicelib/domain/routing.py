"""Where a buyer's contact goes (DESIGN section 4), and the messages sent there."""
from datetime import datetime, timedelta

from msgspec import Struct

from chalicelib.domain.marketplaces import Marketplace
from chalicelib.domain.orders import Order

RESPONSE_DEADLINE = timedelta(hours=24)
TOPICS = ("where_is_my_order", "late_delivery", "damaged", "defective", "wrong_item", "not_as_described",
          "return_request", "refund_status", "cancel", "invoice", "customization", "product_question", "other")
PREVENTABLE_TOPICS = frozenset(TOPICS[:6])
EXCLUDED_TOPICS = frozenset({"invoice", "customization"})
CHANNELS = ("phone", "chat", "email")
CSBA, FBA, SELLER = "csba", "fba", "seller"


class Route(Struct, frozen=True):
    """Where a contact goes, and why when it is the seller's."""

    destination: str  # csba | fba (both to Amazon CS) | seller
    reason: str | None = None  # why the seller answers it

    @property
    def to_amazon(self) -> bool:
        return self.destination in (CSBA, FBA)


def route(order: Order | None, topic: str, marketplace: Marketplace, enrolled_now: bool) -> Route:
    """Amazon CS for CSBA orders (topic not excluded) and AFN orders; the seller otherwise, with a reason."""
    if order is None:
        covered = marketplace.covers_pre_order_contacts and enrolled_now
        return Route(CSBA) if covered else Route(SELLER, "pre_order_not_covered")
    if order.is_fba:
        return Route(FBA)
    if not order.csba:
        return Route(SELLER, order.not_covered_reason)
    if topic in EXCLUDED_TOPICS:
        return Route(SELLER, "excluded_topic")
    return Route(CSBA)


def cs_language(buyer_language: str, marketplace: Marketplace) -> str:
    """The buyer's language (BCP 47 primary subtag) if the marketplace's CS speaks it, else its default."""
    primary = buyer_language.split("-")[0].lower()
    return primary if primary in marketplace.languages else marketplace.default_language


def skill(marketplace: Marketplace, language: str, channel: str) -> str:
    return f"{marketplace.country}-{language}-{channel}"


def respond_by(created_at: datetime) -> datetime:
    return created_at + RESPONSE_DEADLINE


def is_preventable(topic: str) -> bool:
    return topic in PREVENTABLE_TOPICS
