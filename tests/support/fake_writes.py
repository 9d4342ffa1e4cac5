"""How the in-memory store applies each Change, with the conditions DynamoStore's transaction items carry."""
from copy import replace
from typing import Any

from chalicelib.domain.clock import to_wire, utc_now
from chalicelib.domain.corrections import CREDITED, ISSUED, InvoiceDocument
from chalicelib.domain.money import Money
from chalicelib.domain.refunds import PENDING
from chalicelib.services.changes import (AddToCounters, AddToWeekCounters, Change, CreateEnrollment, CreateInvoice,
                                         CreateOrder, CreateRefund, CreateReply, CreditInvoice, IssueRefund,
                                         QueueMessage, ReserveRefundable, SaveContact, SaveSeller, ShipUnits)
from chalicelib.services.outbox import CLAIM_LEASE
from chalicelib.services.ports import CONTACT, ENROLLMENT, ORDER, SELLER, UNTOLD, Item, Key, Untold
from chalicelib.services.stale import StaleWrite


def write(store: Any, change: Change) -> None:
    """Apply one change to `store`'s tables; StaleWrite where DynamoDB would refuse its condition."""
    if isinstance(change, SaveSeller):
        versioned(store.sellers, change.seller.seller_id, change.seller)
    elif isinstance(change, CreateEnrollment):
        store.save_enrollment(change.enrollment)
    elif isinstance(change, CreateOrder):
        create(store.orders, change.order.order_id, change.order)
    elif isinstance(change, ShipUnits):
        stored = store.orders[change.order.order_id]
        if stored.shipped_units + change.units > stored.units:
            raise StaleWrite(change.order.order_id)
        store.orders[change.order.order_id] = replace(stored, shipped_units=stored.shipped_units + change.units)
    elif isinstance(change, SaveContact):
        versioned(store.contacts, change.contact.contact_id, change.contact)
    elif isinstance(change, (AddToCounters, AddToWeekCounters)):
        _add(store, change)
    elif isinstance(change, QueueMessage):
        create(store.outbox, change.key, (change, to_wire(utc_now())))
        store.claims[change.key] = to_wire(utc_now() + CLAIM_LEASE)  # the committer's, as DynamoStore's
    else:
        _write_document(store, change)


def stated(change: Change) -> list[tuple[Key, Item | Untold]]:
    """The item a change writes, if events read its kind, as the change states it (UNTOLD: changed in place)."""
    if isinstance(change, SaveSeller):
        return [((SELLER, change.seller.seller_id), change.seller)]
    if isinstance(change, CreateEnrollment):
        return [((ENROLLMENT, change.enrollment.seller_id, change.enrollment.marketplace_id), change.enrollment)]
    if isinstance(change, (CreateOrder, ShipUnits)):
        return [((ORDER, change.order.order_id), change.order)]
    if isinstance(change, ReserveRefundable):
        return [((ORDER, change.order_id), UNTOLD)]
    if isinstance(change, SaveContact):
        return [((CONTACT, change.contact.contact_id), change.contact)]
    return []


def _add(store: Any, change: AddToCounters | AddToWeekCounters) -> None:
    if isinstance(change, AddToCounters):
        row = store.counters.setdefault((change.seller_id, change.marketplace_id, change.month), {})
    else:
        row = store.weekly.setdefault((change.seller_id, change.marketplace_id, change.week), {})
    for name, delta in change.deltas:
        row[name] = row.get(name, 0) + delta


def _write_document(store: Any, change: Change) -> None:
    """Refunds, invoices and replies."""
    if isinstance(change, CreateRefund):
        create(store.refunds, change.refund.refund_id, change.refund)
    elif isinstance(change, ReserveRefundable):
        order = store.orders.get(change.order_id)
        refunded = order.refunded.minor if order and order.refunded else 0
        if order is None or refunded > change.total_minor - change.amount_minor:
            raise StaleWrite(change.order_id)
        store.orders[change.order_id] = replace(order, refunded=Money(refunded + change.amount_minor,
                                                                      order.total.currency))
    elif isinstance(change, IssueRefund):
        stored = store.refunds.get(change.refund.refund_id)
        if stored is None or stored.status != PENDING:
            raise StaleWrite(change.refund.refund_id)
        store.refunds[change.refund.refund_id] = replace(stored, status=change.refund.status,
                                                         issued_at=change.refund.issued_at,
                                                         approved_by=change.refund.approved_by)
    elif isinstance(change, CreateInvoice):
        create(store.invoices, change.invoice.invoice_id, InvoiceDocument(change.invoice))
    elif isinstance(change, CreditInvoice):
        stored = store.invoices.get(change.invoice_id)
        if stored is None or stored.status != ISSUED:
            raise StaleWrite(change.invoice_id)
        store.invoices[change.invoice_id] = replace(stored, status=CREDITED)
    elif isinstance(change, CreateReply):
        create(store.replies, change.reply.reply_id, change.reply)
    else:
        raise TypeError(change)


def create(table: dict, key: object, value: object) -> None:
    if key in table:
        raise StaleWrite(str(key))
    table[key] = value


def versioned(table: dict, key: object, value: Any) -> Any:
    stored = table.get(key)
    if (stored.version if stored else None) != value.version:
        raise StaleWrite(str(key))
    table[key] = replace(value, version=(value.version or 0) + 1)
    return table[key]
