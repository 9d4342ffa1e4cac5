"""Translation between domain objects and PynamoDB records (sellers and enrolments: seller_mapping.py)."""
from chalicelib.adapters import records, shards
from chalicelib.adapters.binding import Tables
from chalicelib.adapters.seller_mapping import versioned
from chalicelib.domain.clock import from_wire, to_wire
from chalicelib.domain.contacts import Contact
from chalicelib.domain.money import Money
from chalicelib.domain.orders import Order
from chalicelib.domain.refunds import Refund, RefundRequest
from chalicelib.domain.replies import Reply


def order_from(record: records.OrderRecord) -> Order:
    return Order(record.order_id, record.seller_id, record.marketplace_id, record.placed_at,
                 record.fulfillment_channel, record.seller_fulfilled_prime, int(record.units),
                 Money(int(record.total_minor), record.currency), tuple(record.asins), record.csba,
                 record.not_covered_reason, record.in_trial, Money(int(record.refunded_minor or 0), record.currency),
                 int(record.shipped_units or 0))


def order_record(tables: Tables, order: Order) -> records.OrderRecord:
    return tables.OrderRecord(
        order.order_id, seller_id=order.seller_id, marketplace_id=order.marketplace_id, placed_at=order.placed_at,
        fulfillment_channel=order.fulfillment_channel, seller_fulfilled_prime=order.seller_fulfilled_prime,
        units=order.units, total_minor=order.total.minor, currency=order.total.currency, asins=list(order.asins),
        csba=order.csba, not_covered_reason=order.not_covered_reason, in_trial=order.in_trial,
        refunded_minor=order.refunded.minor if order.refunded else 0, shipped_units=order.shipped_units)


CONTACT_FIELDS = ("seller_id", "marketplace_id", "order_id", "asin", "channel", "buyer_language", "language",
                  "topic", "preventable", "created_at", "destination", "reason", "status", "responded_at",
                  "resolution", "survey_solved", "survey_at", "survey_month", "escalated", "message", "replied_at",
                  "survey_week")


def contact_from(record: records.ContactRecord) -> Contact:
    values = {name: getattr(record, name) for name in CONTACT_FIELDS}
    return Contact(record.contact_id, respond_by=from_wire(record.respond_by), version=record.version, **values)


def contact_record(tables: Tables, contact: Contact) -> records.ContactRecord:
    values = {name: getattr(contact, name) for name in CONTACT_FIELDS}
    awaiting = shards.awaiting_key(contact.contact_id) if contact.awaiting_response else None  # sparse index key
    return versioned(tables.ContactRecord(
        contact.contact_id, respond_by=to_wire(contact.respond_by),
        created_key=f"{to_wire(contact.created_at)}#{contact.contact_id}",
        awaiting_response=awaiting, **values), contact.version)


def refund_from(record: records.RefundRecord) -> Refund:
    request = RefundRequest(record.refund_id, record.contact_id, record.order_id,
                            Money(int(record.amount_minor), record.currency), record.reason, record.returnless)
    return Refund(request, record.seller_id, record.marketplace_id, record.status, record.requested_by,
                  record.created_at, record.issued_at, record.approved_by)


def refund_record(tables: Tables, refund: Refund) -> records.RefundRecord:
    request = refund.request
    return tables.RefundRecord(
        refund.refund_id, contact_id=request.contact_id, order_id=request.order_id, seller_id=refund.seller_id,
        marketplace_id=refund.marketplace_id, amount_minor=request.amount.minor, currency=request.amount.currency,
        reason=request.reason, returnless=request.returnless, status=refund.status,
        requested_by=refund.requested_by, approved_by=refund.approved_by, created_at=refund.created_at,
        issued_at=refund.issued_at)


def reply_from(record: records.ReplyRecord) -> Reply:
    return Reply(record.reply_id, record.contact_id, record.seller_id, record.text, record.sent_at, record.within_24h)


def reply_record(tables: Tables, reply: Reply) -> records.ReplyRecord:
    return tables.ReplyRecord(reply.reply_id, contact_id=reply.contact_id, seller_id=reply.seller_id, text=reply.text,
                              sent_at=reply.sent_at, within_24h=reply.within_24h)
