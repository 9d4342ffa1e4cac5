"""A seller's product support notes: the text Amazon CS agents see with each contact about the product."""
from datetime import datetime

from msgspec import Struct

from chalicelib.domain.errors import InvalidInput, NotFound
from chalicelib.domain.identifiers import ASIN
from chalicelib.domain.wire import JsonObject
from chalicelib.services.ports import CaseStore

MAX_TEXT = 4000


class SupportNote(Struct, frozen=True):
    asin: str
    text: str
    updated_at: datetime


def put_note(store: CaseStore, seller_id: str, asin: str, body: JsonObject, now: datetime) -> SupportNote:
    """Create or replace the seller's note on a product; `body` is the request's {"text": ...}."""
    note = SupportNote(checked_asin(asin), _checked_text(body.get("text")), now)
    if store.get_seller(seller_id) is None:
        raise NotFound(f"unknown seller {seller_id}")
    store.save_support_note(seller_id, note.asin, note.text, note.updated_at)
    return note


def checked_asin(asin: str) -> str:
    """The ASIN if it has Amazon's format (10 upper-case letters or digits), else InvalidInput."""
    if not ASIN.fullmatch(asin):
        raise InvalidInput(f"asin {asin!r} is not an ASIN: 10 upper-case letters or digits")
    return asin


def _checked_text(text: object) -> str:
    if not isinstance(text, str):
        raise InvalidInput("text is required and must be a string")
    if not text.strip():
        raise InvalidInput("text must not be empty or blank")
    if len(text) > MAX_TEXT:
        raise InvalidInput(f"text is {len(text)} characters long; at most {MAX_TEXT} are allowed")
    return text
