"""Calendar months as callers name them: YYYY-MM in ASCII digits, none before the month CSBA began."""
import re
from datetime import date

from chalicelib.domain.errors import InvalidInput

PROGRAM_START = date(2021, 11, 16)  # the day CSBA began
MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
FIRST_MONTH = PROGRAM_START.strftime("%Y-%m")


def check_month(text: object, what: str = "month") -> str:
    """`text` if it is YYYY-MM (any year), else InvalidInput saying so."""
    if not isinstance(text, str) or not MONTH.fullmatch(text):
        raise InvalidInput(f"{what} must be YYYY-MM, not {text!r}")
    return text


def parse_month(text: object, what: str = "month") -> str:
    """`text` if it names a month from CSBA's first on, else InvalidInput saying why."""
    month = check_month(text, what)
    if month < FIRST_MONTH:
        raise InvalidInput(f"{what} {month} is before CSBA began ({FIRST_MONTH})")
    return month


def first_day(month: str) -> date:
    """The first day of a YYYY-MM month; InvalidInput when malformed."""
    check_month(month)
    return date(int(month[:4]), int(month[5:]), 1)
