"""The seller's list of contacts CSBA handled, and the agent's case view of one contact."""
import base64
import binascii
import json
import re
from typing import Mapping

from msgspec import Struct

from chalicelib.domain.contacts import OPEN, RESOLVED, RESPONDED, Contact
from chalicelib.domain.errors import InvalidInput, NotFound
from chalicelib.domain.marketplaces import marketplace
from chalicelib.domain.orders import Order
from chalicelib.domain.refunds import Refund
from chalicelib.services.ports import CaseStore, Position, ProductNote

STATUSES = (OPEN, RESPONDED, RESOLVED)
DEFAULT_LIMIT, MAX_LIMIT = 25, 100
CURSOR_KEYS = frozenset({"seller_id", "created_key", "contact_id"})
CURSOR_TEXT = re.compile(r"^[A-Za-z0-9_-]{0,1024}$")  # empty: no cursor, the first page


class Case(Struct, frozen=True):
    contact: Contact
    order: Order | None
    product_notes: list[ProductNote]
    refunds: list[Refund]


def list_contacts(store: CaseStore, seller_id: str, params: Mapping[str, str]) -> tuple[list[Contact], str | None]:
    """A page of the seller's CSBA contacts, newest first, and the cursor of the next page (None at the end).

    `params` are the query string's marketplace_id, status, limit and cursor; an empty value counts as absent.
    """
    given = {name: value for name, value in params.items() if value}
    market = marketplace(given["marketplace_id"]).marketplace_id if "marketplace_id" in given else None
    status, limit = _status(given.get("status")), page_limit(given.get("limit"))
    after = decode_cursor(given["cursor"], seller_id) if "cursor" in given else None
    if store.get_seller(seller_id) is None:
        raise NotFound(f"unknown seller {seller_id}")
    contacts, last = store.csba_contacts(seller_id, market, status, limit, after)
    return contacts, encode_cursor(last)


def case(store: CaseStore, contact_id: str) -> Case:
    """What an agent needs to handle a contact: the contact, its order, the seller's notes, the refunds."""
    contact = store.get_contact(contact_id)
    if contact is None:
        raise NotFound(f"unknown contact {contact_id}")
    order = store.get_order(contact.order_id) if contact.order_id else None
    asins = list(order.asins) if order else [contact.asin] if contact.asin else []
    return Case(contact, order, store.support_notes(contact.seller_id, asins), store.refunds_of_contact(contact_id))


def encode_cursor(key: Position | None) -> str | None:
    """The opaque cursor of a position in the list: base64url (unpadded) of the key's JSON."""
    if key is None:
        return None
    text = json.dumps(key, sort_keys=True, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, seller_id: str) -> Position:
    """The key a cursor of this seller's list carries; InvalidInput for anything this API did not issue."""
    refused = InvalidInput("cursor is not one this API issued for this list; start again without it")
    if not CURSOR_TEXT.fullmatch(cursor):
        raise refused
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise refused from None
    if not (isinstance(key, dict) and set(key) == CURSOR_KEYS and key["seller_id"] == seller_id
            and all(isinstance(value, str) and 0 < len(value) <= 300 for value in key.values())):
        raise refused
    return key


def _status(status: str | None) -> str | None:
    if status is not None and status not in STATUSES:
        raise InvalidInput(f"status must be one of {', '.join(STATUSES)}")
    return status


def page_limit(limit: str | None) -> int:
    if limit is None:
        return DEFAULT_LIMIT
    if not (limit.isascii() and limit.isdigit() and 1 <= int(limit) <= MAX_LIMIT):
        raise InvalidInput(f"limit must be a whole number from 1 to {MAX_LIMIT}")
    return int(limit)
