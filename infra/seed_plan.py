"""What `python -m infra.local seed` puts in the local stack: data only (infra/seed_events.py reads it).

Each shop is a seller in a marketplace with the shape of its months; every month before the current
one (CLOSED_MONTHS of them) is closed and invoiced, the current one runs to yesterday. Each shop's
n-th order, shipment and contact follow the rules below, so the history is the same on every run.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Shop:
    seller_id: str
    country: str  # the marketplace's country (chalicelib.domain.marketplaces)
    orders: int  # per month
    units: int  # per order
    price: str  # an order's total, in the marketplace's currency
    untracked_every: int  # every n-th shipment has no valid tracking (0: all tracked)
    contacts: int  # per month, about its orders
    language: str  # the buyers'
    vat_id: str | None = None  # the seller's (the same in each of its shops)
    residence: str | None = None  # the seller's country, if not the marketplace's


SHOPS = (
    Shop("S1", "DE", orders=34, units=2, price="59.90", untracked_every=8, contacts=4, language="de-DE",
         vat_id="DE123456789"),
    Shop("S1", "FR", orders=8, units=1, price="24.50", untracked_every=0, contacts=2, language="fr-FR",
         vat_id="DE123456789", residence="DE"),
    Shop("S2", "JP", orders=10, units=1, price="3200", untracked_every=0, contacts=2, language="ja-JP"),
    Shop("S3", "UK", orders=30, units=3, price="18.00", untracked_every=12, contacts=3, language="en-GB",
         vat_id="GB123456789"),
    Shop("S4", "US", orders=24, units=1, price="35.00", untracked_every=5, contacts=4, language="en-US"),
)
CLOSED_MONTHS = 3
REGISTERED_DAYS_BEFORE = 200  # before the first month: past every trial
MCF_EVERY = 10  # each 10th order is multi-channel (MCF): not a CSBA order, its contacts go to the seller
# A shop's c-th contact of a month: about order (c * 7) of that month, this topic ("invoice" is excluded
# from CSBA, so the seller answers it), answered after 2 + 5c hours, solved unless c % 3 == 2.
TOPICS = ("where_is_my_order", "damaged", "late_delivery", "invoice", "product_question", "return_request")
ASINS = ("B000SEED01", "B000SEED02", "B000SEED03")


@dataclass(frozen=True)
class Case:
    """An order placed `days_ago` with a contact about it; then the agent's refund (if `refund`)."""
    key: str
    seller_id: str
    country: str
    total: str
    topic: str
    days_ago: float
    refund: str | None = None  # amount
    reason: str = "damaged"
    returnless: bool = True


CASES = (
    Case("damaged-mug", "S1", "DE", "59.90", "damaged", 5, refund="20.00"),
    Case("big-espresso-machine", "S1", "DE", "249.00", "damaged", 4, refund="180.00"),  # over 100: a supervisor
    Case("wrong-colour", "S2", "JP", "3200", "wrong_item", 6, refund="3200", reason="wrong_item", returnless=False),
    Case("never-arrived", "S4", "US", "35.00", "where_is_my_order", 8, refund="35.00", reason="not_received"),
    Case("overdue", "S4", "US", "42.00", "late_delivery", 1.25),  # unanswered past 24 h: the sweep escalates it
    Case("fresh-question", "S3", "UK", "18.00", "product_question", 0.1),  # waiting, not yet overdue
)
SUPPORT_NOTES = (("S1", ASINS[0], "Fragile: ships double boxed. Replacement parts from our DE warehouse in 2 days."),
                 ("S4", ASINS[1], "Batteries not included; a refund without return is fine under 40 USD."))
# After the close: orders of the last closed month arrive late for this shop, and its month is re-closed for
# that seller alone (a credit note and a revised invoice: the console's corrections).
LATE_SHOP, LATE_ORDERS = ("S3", "UK"), 3
# The seller answers the first buyer waiting in its inbox (a reply the messaging rules accept).
INBOX_REPLY = ("S1", "Thank you for your message. The invoice for your order is in Your Orders, under Invoice.")
