"""Identifiers as callers name them: one rule wherever they arrive (HTTP paths and bodies, events, jobs, tokens).

Every id a caller names is 1 to 64 characters, a letter or digit first (docs/openapi.yaml's and docs/asyncapi.yaml's
`Id`). A seller id has no '.'; an event id may also hold ':', '#' and '/' (producers' composite keys). Invoice and
credit note ids, built from a seller id (`INV-<seller>-<marketplace>-<YYYY-MM>-<r>`), reach 128.
"""
import re
from typing import TypeGuard

MAX_LENGTH = 64
DOCUMENT_MAX_LENGTH = 128
ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
SELLER_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
EVENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:#/-]*")
ASIN = re.compile(r"[A-Z0-9]{10}")  # Amazon's product id: 10 upper-case letters or digits


def is_id(value: object, kind: re.Pattern[str] = ID, max_length: int = MAX_LENGTH) -> TypeGuard[str]:
    """Whether `value` is an id of that kind: text of 1..max_length characters, matched whole."""
    return isinstance(value, str) and 0 < len(value) <= max_length and kind.fullmatch(value) is not None


def anchored(kind: re.Pattern[str]) -> str:
    """The pattern matched from start to end, as pydantic's `pattern` and JSON Schema want it."""
    return f"^{kind.pattern}$"
