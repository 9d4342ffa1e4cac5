"""What the events of a batch will read, known before any is processed, so one request can fetch it all.

Mirrors what the event handlers read (seller_events, order_events, contact_events). It works on the raw
bodies: a malformed record simply adds no key (it is dead-lettered when processed), and a key missed
here is still read, on its own, when its event asks for it.
"""
from typing import Iterable, Iterator, Mapping

from chalicelib.domain import routing
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.marketplaces import Marketplace, is_served, marketplace
from chalicelib.domain.orders import Order
from chalicelib.domain.wire import JsonObject
from chalicelib.json_text import read_json
from chalicelib.services.ports import CONTACT, ENROLLMENT, NOTE, ORDER, SELLER, Item, Key

MAX_ID = 128
SELLER_EVENTS = ("SellerRegistered", "SellerStatusChanged", "OrderPlaced")
ENROLMENT_EVENTS = ("SellerRegistered", "OrderPlaced")  # and ContactCreated before any order
ORDER_EVENTS = ("OrderShipped", "ReturnRequested", "ContactCreated")
CONTACT_EVENTS = ("ContactResponded", "ContactResolved", "SurveyAnswered")


def keys(bodies: Iterable[str | None]) -> set[Key]:
    """Sellers, enrolments, orders and contacts the events read (support notes come second: notes_keys)."""
    return {key for event in _events(bodies) for key in _reads(event)}


def notes_keys(bodies: Iterable[str | None], found: Mapping[Key, Item]) -> set[Key]:
    """The seller's support notes that the batch's contacts routed to Amazon CS carry: the ASINs of their
    orders (as `found` has them), or the ASIN a pre-order contact asks about."""
    wanted: set[Key] = set()
    for event in _events(bodies):
        seller, market, detail = _id(event.get("seller_id")), _market(event.get("marketplace_id")), event["detail"]
        if event["type"] != "ContactCreated" or not (seller and market):
            continue
        order_id = _id(detail.get("order_id"))
        order = found.get((ORDER, order_id)) if order_id else None
        if isinstance(order, Order) and routing.route(order, str(detail.get("topic")), market, False).to_amazon:
            wanted.update((NOTE, seller, asin) for asin in order.asins)
        elif detail.get("order_id") is None and _id(detail.get("asin")) and market.covers_pre_order_contacts:
            wanted.add((NOTE, seller, detail["asin"]))
    return wanted


def _reads(event: JsonObject) -> Iterator[Key]:
    kind, detail = event["type"], event["detail"]
    seller, market = _id(event.get("seller_id")), _market(event.get("marketplace_id"))
    if seller and kind in SELLER_EVENTS:
        yield SELLER, seller
    pre_order_contact = kind == "ContactCreated" and detail.get("order_id") is None
    if seller and market and (kind in ENROLMENT_EVENTS or pre_order_contact):
        yield ENROLLMENT, seller, market.marketplace_id
    if kind in ORDER_EVENTS and _id(detail.get("order_id")):
        yield ORDER, detail["order_id"]
    if kind in CONTACT_EVENTS and _id(detail.get("contact_id")):
        yield CONTACT, detail["contact_id"]


def _events(bodies: Iterable[str | None]) -> Iterator[JsonObject]:
    for body in bodies:
        try:
            event = read_json(body)
        except InvalidInput:
            continue
        if isinstance(event, dict) and isinstance(event.get("type"), str) and isinstance(event.get("detail"), dict):
            yield event


def _id(value: object) -> str | None:
    return value if isinstance(value, str) and 0 < len(value) <= MAX_ID else None


def _market(value: object) -> Marketplace | None:
    return marketplace(value) if isinstance(value, str) and is_served(value) else None
