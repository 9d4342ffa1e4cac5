"""Reading JSON text from outside (queue bodies, HTTP bodies) without ever failing other than with InvalidInput.

`json.loads` raises RecursionError on deep nesting, and what it returns may be too deep for whatever walks it
next (pydantic, logging, json.dumps). So the text is measured first: its size, then its nesting depth, counted
without recursion. Every reader of an outside body goes through `read_json`.
"""
import json
import re
from itertools import accumulate
from typing import Any

from chalicelib.domain.errors import InvalidInput

MAX_DEPTH = 16  # an envelope or request body nests 3 levels at most (envelope, detail, order_total)
MAX_EVENT_BYTES = 128 * 1024  # a contact's message of 10,000 characters, each escaped as \\ud83d\\ude00, fits
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")


def read_json(text: str | bytes | None, max_bytes: int = MAX_EVENT_BYTES) -> Any:
    """The JSON value of `text`, or InvalidInput saying why it cannot be read (size, depth, syntax, encoding)."""
    if isinstance(text, bytes):
        text = _decoded(text)
    if not isinstance(text, str):
        raise InvalidInput("body is not JSON text")
    if len(text) > max_bytes or len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        raise InvalidInput(f"body is larger than {max_bytes} bytes")
    if _depth(text) > MAX_DEPTH:
        raise InvalidInput(f"body nests deeper than {MAX_DEPTH} levels")
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as error:  # JSONDecodeError is a ValueError
        raise InvalidInput(f"body is not JSON: {error}") from None


def _decoded(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput("body is not UTF-8 text") from None


def _depth(text: str) -> int:
    """The deepest nesting of arrays and objects, brackets inside strings aside."""
    steps = (1 if bracket in "[{" else -1 for bracket in _BRACKETS.findall(_STRING.sub('""', text)))
    return max(accumulate(steps), default=0)
