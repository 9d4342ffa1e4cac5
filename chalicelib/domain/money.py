"""Exact money: Decimal amounts, integer minor units in storage, half-up rounding."""
import re
from decimal import ROUND_HALF_UP, Decimal

from msgspec import Struct

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.wire import JsonObject

MINOR_DIGITS = {"EUR": 2, "GBP": 2, "USD": 2, "JPY": 0}
WIRE_AMOUNT = re.compile(r"-?[0-9]+(\.[0-9]+)?")  # ASCII digits only: Decimal would read "\uff11.00" as 1.00


def minor_digits(currency: str) -> int:
    try:
        return MINOR_DIGITS[currency]
    except KeyError:
        raise InvalidInput(f"unsupported currency {currency!r}") from None


class Money(Struct, frozen=True, order=True):
    """An amount in whole minor units of a currency (cents; yen for JPY)."""

    minor: int
    currency: str

    @classmethod
    def parse(cls, amount: str, currency: str) -> "Money":
        """From the wire form; refuses more decimals than the currency has."""
        digits = minor_digits(currency)
        if not isinstance(amount, str) or not WIRE_AMOUNT.fullmatch(amount):
            raise InvalidInput(f"amount {amount!r} is not a decimal number in ASCII digits")
        value = Decimal(amount)
        scaled = value.scaleb(digits)
        if scaled != scaled.to_integral_value():
            raise InvalidInput(f"amount {amount!r} has more than {digits} decimals for {currency}")
        return cls(int(scaled), currency)

    @classmethod
    def of(cls, value: Decimal, currency: str) -> "Money":
        """Round an exact Decimal half-up to the currency's minor unit."""
        digits = minor_digits(currency)
        return cls(int(value.scaleb(digits).quantize(Decimal(1), rounding=ROUND_HALF_UP)), currency)

    @classmethod
    def zero(cls, currency: str) -> "Money":
        return cls(0, currency)

    @property
    def amount(self) -> Decimal:
        return Decimal(self.minor).scaleb(-minor_digits(self.currency))

    def __add__(self, other: "Money") -> "Money":
        self._same_currency(other)
        return Money(self.minor + other.minor, self.currency)

    def __sub__(self, other: "Money") -> "Money":
        self._same_currency(other)
        return Money(self.minor - other.minor, self.currency)

    def _same_currency(self, other: "Money") -> None:
        if other.currency != self.currency:
            raise InvalidInput(f"cannot combine {self.currency} with {other.currency}")

    def to_wire(self) -> JsonObject:
        digits = minor_digits(self.currency)
        return {"amount": f"{self.amount:.{digits}f}", "currency": self.currency}
