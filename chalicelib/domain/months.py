"""Calendar months as callers name them: YYYY-MM in ASCII digits, none before the month CSBA began."""
import re

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.policy import PROGRAM_START

MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
FIRST_MONTH = PROGRAM_START.strftime("%Y-%m")


def parse_month(text: object, what: str = "month") -> str:
    """`text` if it names a month from CSBA's first on, else InvalidInput saying why."""
    if not isinstance(text, str) or not MONTH.fullmatch(text):
        raise InvalidInput(f"{what} must be YYYY-MM, not {text!r}")
    if text < FIRST_MONTH:
        raise InvalidInput(f"{what} {text} is before CSBA began ({FIRST_MONTH})")
    return text
