"""Refunds by CS agents: request (idempotent by refund_id), read, approve; RefundIssued sent exactly once."""
from datetime import datetime

from chalicelib.domain import refunds as rules
from chalicelib.domain.clock import month_of, to_wire
from chalicelib.domain.errors import Conflict, NotFound, RuleBroken
from chalicelib.domain.orders import Order
from chalicelib.domain.refunds import Refund, RefundRequest
from chalicelib.services import outbox
from chalicelib.services.changes import (Change, CreateRefund, IssueRefund, QueueMessage, ReserveRefundable,
                                         counters)
from chalicelib.services.destinations import Destination
from chalicelib.services.outbox import Publisher
from chalicelib.services.ports import ConditionFailed, Store
from chalicelib.services.stale import StaleWrite

MAX_ATTEMPTS = 5


def request_refund(store: Store, publisher: Publisher, request: RefundRequest, agent: str,
                   now: datetime) -> Refund:
    """A new refund (issued, or pending a supervisor above the auto-approval limit), or the same one again."""
    for _ in range(MAX_ATTEMPTS):
        existing = store.get_refund(request.refund_id)
        if existing is not None:
            return _same_again(store, publisher, existing, request)
        order = _order_of(store, request)
        refund = rules.decide(request, order, agent, now)
        issue = _issue_changes(refund) if refund.status == rules.ISSUED else []
        try:
            store.commit([CreateRefund(refund), ReserveRefundable(order.order_id, request.amount.minor,
                                                                  order.total.minor), *issue])
        except ConditionFailed as failed:
            if isinstance(failed.change, ReserveRefundable):
                raise RuleBroken("another refund took the rest of this order's total", code="exceeds_refundable")
            continue  # the same refund_id written meanwhile, or a conflicting write: read again and decide again
        outbox.deliver(store, publisher, outbox.queued(issue))
        return refund
    raise StaleWrite(f"refund {request.refund_id} kept conflicting with other writes; try again")


def approve(store: Store, publisher: Publisher, refund_id: str, supervisor: str, now: datetime) -> Refund:
    """Issue a pending refund; approving an issued one returns it unchanged."""
    refund = get_refund(store, refund_id)
    if refund.status == rules.ISSUED:
        outbox.redeliver(store, publisher, [payment_key(refund)])
        return refund
    approved = refund.approve(supervisor, now)
    issue = _issue_changes(approved)
    try:
        store.commit([IssueRefund(approved), *issue])
    except ConditionFailed:
        return approve(store, publisher, refund_id, supervisor, now)  # approved meanwhile: now issued
    outbox.deliver(store, publisher, outbox.queued(issue))
    return approved


def get_refund(store: Store, refund_id: str) -> Refund:
    refund = store.get_refund(refund_id)
    if refund is None:
        raise NotFound(f"unknown refund {refund_id}")
    return refund


def payment_key(refund: Refund) -> str:
    return f"refund:{refund.refund_id}"


def _issue_changes(refund: Refund) -> list[Change]:
    """The refund's counters and its RefundIssued message."""
    amount, issued_at = refund.request.amount, refund.issued_at
    if issued_at is None:
        raise ValueError(f"refund {refund.refund_id} is not issued")
    body = {"type": "RefundIssued", "idempotency_key": payment_key(refund), "seller_id": refund.seller_id,
            "marketplace_id": refund.marketplace_id, "amount": amount.to_wire(), "refund_id": refund.refund_id,
            "order_id": refund.request.order_id, "contact_id": refund.request.contact_id,
            "reason": refund.request.reason, "returnless": refund.request.returnless,
            "issued_at": to_wire(issued_at)}
    return [*counters(refund.seller_id, refund.marketplace_id, month_of(issued_at),
                      {"refunds": 1, "refunds_amount_minor": amount.minor}),
            QueueMessage(payment_key(refund), Destination.PAYMENTS, body)]


def _same_again(store: Store, publisher: Publisher, existing: Refund, request: RefundRequest) -> Refund:
    if existing.request != request:
        raise Conflict(f"refund {request.refund_id} exists with a different body")
    outbox.redeliver(store, publisher, [payment_key(existing)])
    return existing


def _order_of(store: Store, request: RefundRequest) -> Order:
    order = store.get_order(request.order_id)
    if order is None:
        raise NotFound(f"unknown order {request.order_id}")
    contact = store.get_contact(request.contact_id)
    if contact is None:
        raise NotFound(f"unknown contact {request.contact_id}")
    if contact.order_id != order.order_id:
        raise RuleBroken(f"contact {contact.contact_id} is not about order {order.order_id}",
                         code="contact_not_for_order")
    return order
