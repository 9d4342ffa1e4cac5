"""Orders and whether CSBA covers them, decided once when the order is placed."""
from copy import replace
from datetime import datetime

from msgspec import Struct

from chalicelib.domain.enrollment import Enrollment, enrolled
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.money import Money

MFN, AFN, MCF = "MFN", "AFN", "MCF"
CHANNELS = (MFN, AFN, MCF)


class Order(Struct, frozen=True):
    """An order as placed, whether CSBA covers it (decided once, at OrderPlaced), what was refunded and shipped."""

    order_id: str
    seller_id: str
    marketplace_id: str
    placed_at: datetime
    fulfillment_channel: str
    seller_fulfilled_prime: bool
    units: int
    total: Money
    asins: tuple[str, ...]
    csba: bool
    not_covered_reason: str | None
    in_trial: bool
    refunded: Money
    shipped_units: int = 0

    @property
    def is_fba(self) -> bool:
        return self.fulfillment_channel == AFN

    def ship(self, units: int) -> "Order":
        """The order after a shipment of `units`; the units shipped may not add up to more than the order's."""
        if self.shipped_units + units > self.units:
            raise InvalidInput(f"a shipment of {units} units would make {self.shipped_units + units} units shipped "
                               f"for order {self.order_id} of {self.units} units")
        return replace(self, shipped_units=self.shipped_units + units)


def coverage(channel: str, seller_fulfilled_prime: bool, enrollment: Enrollment | None,
             placed_at: datetime) -> tuple[bool, str | None]:
    """(is it a CSBA order, why not): MFN, not Seller-Fulfilled Prime, seller enrolled when placed."""
    if channel == AFN:
        return False, "fba"
    if channel == MCF:
        return False, "mcf"
    if seller_fulfilled_prime:
        return False, "seller_fulfilled_prime"
    if not enrolled(enrollment, placed_at):
        return False, "not_enrolled"
    return True, None


def place(order_id: str, seller_id: str, marketplace_id: str, placed_at: datetime, channel: str,
          sfp: bool, units: int, total: Money, asins: tuple[str, ...], enrollment: Enrollment | None) -> Order:
    csba, reason = coverage(channel, sfp, enrollment, placed_at)
    in_trial = csba and enrollment is not None and enrollment.in_trial_at(placed_at)
    return Order(order_id, seller_id, marketplace_id, placed_at, channel, sfp, units, total, asins,
                 csba, reason, in_trial, Money.zero(total.currency))
