"""Translates each Change into its item of the event's DynamoDB transaction."""
import json
from datetime import timedelta
from typing import TYPE_CHECKING

from pynamodb.expressions.condition import Condition
from pynamodb.expressions.update import Action
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.adapters import mapping, seller_mapping, shards
from chalicelib.adapters.binding import Tables
from chalicelib.adapters.records import InvoiceRecord, OutboxRecord
from chalicelib.domain.clock import to_wire, utc_now
from chalicelib.domain.weeks import monday_of, shard_of
from chalicelib.services import outbox
from chalicelib.services.changes import (AddToCounters, AddToWeekCounters, Change, CreateEnrollment, CreateInvoice,
                                         CreateOrder,
                                         CreateRefund, CreditInvoice, CreateReply,
                                         IssueRefund, QueueMessage, ReserveRefundable, SaveContact, SaveSeller,
                                         ShipUnits)

if TYPE_CHECKING:  # an annotation only: the events path does not load billing (bench figure 1)
    from chalicelib.domain.billing import Invoice

OUTBOX_TTL = timedelta(days=30)
WEEK_COUNTERS_TTL = timedelta(days=400)  # a window reads 4 weeks back; a re-run of weekly_insights, up to a year
CLAIM_LEASE = outbox.CLAIM_LEASE  # the committer holds its messages' claims from the commit
WrittenRecord = tuple[Model, bool]  # a record a change writes, and whether it is the whole item (else its key)


def write(tx: TransactWrite, t: Tables, change: Change) -> WrittenRecord | None:
    """Adds `change` to the transaction. Returns what it writes of an item: the record, and whether the record is the
    whole item as it will be stored (a save, whose version the commit sets) or only its key (an update in place)."""
    if isinstance(change, SaveSeller):
        return _save(tx, seller_mapping.seller_record(t, change.seller))
    if isinstance(change, CreateEnrollment):
        return _save(tx, seller_mapping.enrollment_record(t, change.enrollment))
    if isinstance(change, CreateOrder):
        return _save(tx, mapping.order_record(t, change.order), t.OrderRecord.order_id.does_not_exist())
    if isinstance(change, ShipUnits):
        _ship_units(tx, t, change)
        return mapping.order_record(t, change.order), True  # the order as the change states it after the add
    if isinstance(change, SaveContact):
        return _save(tx, mapping.contact_record(t, change.contact))
    if isinstance(change, AddToCounters):
        _add_to_counters(tx, t, change)
    elif isinstance(change, AddToWeekCounters):
        _add_to_week_counters(tx, t, change)
    elif isinstance(change, QueueMessage):
        tx.save(outbox_record(t, change), condition=t.OutboxRecord.message_key.does_not_exist())
    elif isinstance(change, CreateInvoice):
        tx.save(invoice_record(t, change.invoice), condition=t.InvoiceRecord.invoice_id.does_not_exist())
    elif isinstance(change, CreditInvoice):
        _credit_invoice(tx, t, change.invoice_id)
    elif isinstance(change, (CreateRefund, ReserveRefundable, IssueRefund)):
        return _refund_write(tx, t, change)
    elif isinstance(change, CreateReply):
        tx.save(mapping.reply_record(t, change.reply), condition=t.ReplyRecord.reply_id.does_not_exist())
    else:
        raise TypeError(f"unknown change {change!r}")
    return None


def _save(tx: TransactWrite, record: Model, condition: Condition | None = None) -> WrittenRecord:
    tx.save(record, condition=condition)
    return record, True


def _ship_units(tx: TransactWrite, t: Tables, change: ShipUnits) -> None:
    # shipped + units <= the order's units, checked by DynamoDB against the current value: concurrent shipments
    order, shipped = t.OrderRecord, t.OrderRecord.shipped_units
    limit = change.order.units - change.units
    tx.update(order(change.order.order_id), actions=[shipped.add(change.units)],
              condition=order.order_id.exists() & (shipped.does_not_exist() | (shipped <= limit)))


def _add_to_counters(tx: TransactWrite, t: Tables, change: AddToCounters) -> None:
    record_class = t.CounterRecord
    record = record_class(f"{change.seller_id}#{change.marketplace_id}", change.month)
    actions: list[Action] = [record_class.seller_id.set(change.seller_id),
                             record_class.marketplace_id.set(change.marketplace_id),
                             record_class.market_month.set(shards.counter_key(change.marketplace_id, change.month,
                                                                              change.seller_id))]
    actions += [getattr(record_class, name).add(delta) for name, delta in change.deltas]
    tx.update(record, actions=actions)


def _add_to_week_counters(tx: TransactWrite, t: Tables, change: AddToWeekCounters) -> None:
    """Adds to the seller's counters of an ISO week (CS Insights), kept 400 days (TTL)."""
    record_class = t.WeekCounterRecord
    record = record_class(week_counter_key(change.marketplace_id, change.week, change.seller_id), change.seller_id)
    expires = int((monday_of(change.week) + WEEK_COUNTERS_TTL).timestamp())
    tx.update(record, actions=[record_class.expires_at.set(expires),
                               *(getattr(record_class, name).add(delta) for name, delta in change.deltas)])


def week_counter_key(marketplace_id: str, week: str, seller_id: str) -> str:
    return f"{marketplace_id}#{week}#{shard_of(seller_id)}"


def outbox_record(t: Tables, message: QueueMessage) -> OutboxRecord:
    now = utc_now()
    return t.OutboxRecord(message.key, queue=message.destination.value, body=json.dumps(message.body, sort_keys=True),
                          created_at=to_wire(now), pending=shards.pending_key(message.key),
                          claimed_until=to_wire(now + CLAIM_LEASE),
                          expires_at=int((now + OUTBOX_TTL).timestamp()))


def _refund_write(tx: TransactWrite, t: Tables,
                  change: CreateRefund | ReserveRefundable | IssueRefund) -> WrittenRecord | None:
    if isinstance(change, CreateRefund):
        tx.save(mapping.refund_record(t, change.refund), condition=t.RefundRecord.refund_id.does_not_exist())
    elif isinstance(change, ReserveRefundable):
        # refunded + amount <= total, checked by DynamoDB against the current value: concurrent refunds
        # of one order can never together pass its total.
        order = t.OrderRecord
        tx.update(order(change.order_id), actions=[order.refunded_minor.add(change.amount_minor)],
                  condition=order.refunded_minor <= change.total_minor - change.amount_minor)
        return order(change.order_id), False
    else:
        refund = change.refund
        if refund.issued_at is None or refund.approved_by is None:
            raise ValueError(f"refund {refund.refund_id} is issued without its approval")
        tx.update(t.RefundRecord(refund.refund_id),
                  actions=[t.RefundRecord.status.set(refund.status), t.RefundRecord.issued_at.set(refund.issued_at),
                           t.RefundRecord.approved_by.set(refund.approved_by)],
                  condition=t.RefundRecord.status == "pending_approval")
    return None


def invoice_record(t: Tables, invoice: "Invoice") -> InvoiceRecord:
    return t.InvoiceRecord(invoice.invoice_id, seller_id=invoice.seller_id,
                           month_market=f"{invoice.month}#{invoice.marketplace_id}",
                           body=json.dumps(invoice.to_wire(), sort_keys=True), total_minor=invoice.total.minor,
                           created_at=utc_now())


def _credit_invoice(tx: TransactWrite, t: Tables, invoice_id: str) -> None:
    # Only the current revision may be credited: two corrections racing on it cannot both pass.
    record = t.InvoiceRecord
    tx.update(record(invoice_id), actions=[record.status.set("credited")],
              condition=record.invoice_id.exists() & (record.status.does_not_exist() | (record.status == "issued")))
