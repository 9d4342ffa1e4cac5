"""Refunds CS agents issue on CSBA orders (DESIGN section 5): every rule, each refusal with its code."""
from copy import replace
from datetime import datetime, timedelta

from msgspec import Struct

from chalicelib.domain.errors import RuleBroken
from chalicelib.domain.money import Money
from chalicelib.domain.orders import Order

REASONS = ("not_received", "damaged", "defective", "wrong_item", "not_as_described", "returned", "goodwill")
RETURNLESS_REASONS = frozenset({"not_received", "damaged", "defective"})
REFUND_WINDOW = timedelta(days=90)
AUTO_APPROVAL_LIMIT = {"EUR": 10_000, "GBP": 10_000, "USD": 10_000, "JPY": 15_000}  # minor units
ISSUED, PENDING = "issued", "pending_approval"


class RefundRequest(Struct, frozen=True):
    """What a refund asks for: the amount of one order to give back, and why."""

    refund_id: str
    contact_id: str
    order_id: str
    amount: Money
    reason: str
    returnless: bool


class Refund(Struct, frozen=True):
    """A refund request as recorded: whose it is, who asked and approved it, and whether it was issued."""

    request: RefundRequest
    seller_id: str
    marketplace_id: str
    status: str
    requested_by: str
    created_at: datetime
    issued_at: datetime | None = None
    approved_by: str | None = None

    @property
    def refund_id(self) -> str:
        return self.request.refund_id

    def approve(self, supervisor: str, at: datetime) -> "Refund":
        """Issued by `supervisor`, four eyes: not the one who requested it (an issued refund stays as it is)."""
        if self.status == ISSUED:
            return self
        if supervisor == self.requested_by:
            raise RuleBroken("the supervisor who requested a refund may not approve it", code="self_approval")
        return replace(self, status=ISSUED, issued_at=at, approved_by=supervisor)


def decide(request: RefundRequest, order: Order, agent: str, now: datetime) -> Refund:
    """The refund this request gives, issued or waiting for a supervisor; RuleBroken names the rule it breaks.

    The refundable balance is checked again atomically when the refund is written.
    """
    _check(request, order, now)
    issued = request.amount.minor <= AUTO_APPROVAL_LIMIT[request.amount.currency]
    return Refund(request, order.seller_id, order.marketplace_id, ISSUED if issued else PENDING, agent, now,
                  issued_at=now if issued else None)


def refundable(order: Order) -> Money:
    return order.total - order.refunded


def _check(request: RefundRequest, order: Order, now: datetime) -> None:
    if not order.csba:
        raise RuleBroken(f"order {order.order_id} is not a CSBA order", code="not_csba_order")
    if request.amount.currency != order.total.currency:
        raise RuleBroken(f"the order was paid in {order.total.currency}, not {request.amount.currency}",
                         code="currency_mismatch")
    if request.amount.minor <= 0:
        raise RuleBroken("the amount must be above zero", code="amount_not_positive")
    if request.amount > refundable(order):
        raise RuleBroken(f"at most {refundable(order).to_wire()['amount']} {order.total.currency} is left to "
                         "refund on this order", code="exceeds_refundable")
    if now - order.placed_at > REFUND_WINDOW:
        raise RuleBroken("refunds are possible within 90 days of the order", code="outside_window")
    if request.returnless and request.reason not in RETURNLESS_REASONS:
        raise RuleBroken("a returnless refund is only for not_received, damaged or defective",
                         code="returnless_not_allowed")
