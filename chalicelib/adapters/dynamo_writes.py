"""Translates each Change into its item of the event's DynamoDB transaction."""
import json
from datetime import timedelta

from pynamodb.transactions import TransactWrite

from chalicelib.adapters import mapping
from chalicelib.adapters.binding import Tables
from chalicelib.domain.clock import to_wire, utc_now
from chalicelib.services.changes import (AddToCounters, Change, CreateEnrollment, CreateOrder, QueueMessage,
                                         SaveContact, SaveSeller)

OUTBOX_TTL = timedelta(days=30)


def write(tx: TransactWrite, t: Tables, change: Change) -> None:
    if isinstance(change, SaveSeller):
        tx.save(mapping.seller_record(t, change.seller))
    elif isinstance(change, CreateEnrollment):
        tx.save(mapping.enrollment_record(t, change.enrollment))
    elif isinstance(change, CreateOrder):
        tx.save(mapping.order_record(t, change.order), condition=t.OrderRecord.order_id.does_not_exist())
    elif isinstance(change, SaveContact):
        tx.save(mapping.contact_record(t, change.contact))
    elif isinstance(change, AddToCounters):
        _add_to_counters(tx, t, change)
    elif isinstance(change, QueueMessage):
        tx.save(outbox_record(t, change), condition=t.OutboxRecord.message_key.does_not_exist())
    else:
        raise TypeError(f"unknown change {change!r}")


def _add_to_counters(tx: TransactWrite, t: Tables, change: AddToCounters) -> None:
    record_class = t.CounterRecord
    record = record_class(f"{change.seller_id}#{change.marketplace_id}", change.month)
    actions = [record_class.seller_id.set(change.seller_id), record_class.marketplace_id.set(change.marketplace_id),
               record_class.market_month.set(f"{change.marketplace_id}#{change.month}")]
    actions += [getattr(record_class, name).add(delta) for name, delta in change.deltas]
    tx.update(record, actions=actions)


def outbox_record(t: Tables, message: QueueMessage):
    now = utc_now()
    return t.OutboxRecord(message.key, queue=message.queue, body=json.dumps(message.body, sort_keys=True),
                          created_at=to_wire(now), pending="1",
                          expires_at=int((now + OUTBOX_TTL).timestamp()))
