"""PynamoDB records, one per table of infra/template.yaml, bound to the stage's table names by binding.Tables.

Money and counts are integers (NumberAttribute would turn Decimal into float); instants
are UTC datetimes stored as ISO 8601 strings.
"""
from datetime import datetime

from pynamodb.attributes import (BooleanAttribute, ListAttribute, MapAttribute, NumberAttribute,
                                 UnicodeAttribute, UTCDateTimeAttribute, VersionAttribute)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model


class SellerRecord(Model):
    class Meta:
        table_name = "sellers"

    seller_id = UnicodeAttribute(hash_key=True)
    country = UnicodeAttribute()
    vat_id = UnicodeAttribute(null=True)
    vat_id_valid = BooleanAttribute()
    status = UnicodeAttribute()
    status_changed_at = UTCDateTimeAttribute()
    registered_at = UTCDateTimeAttribute()
    residence_at = UTCDateTimeAttribute(null=True)  # the kept residence's registration (absent: stored before)
    version = VersionAttribute()


class IntervalMap(MapAttribute[str, datetime | None]):
    start = UTCDateTimeAttribute()
    end = UTCDateTimeAttribute(null=True)


class EnrollmentRecord(Model):
    class Meta:
        table_name = "enrollments"

    seller_id = UnicodeAttribute(hash_key=True)
    marketplace_id = UnicodeAttribute(range_key=True)
    trial_ends_at = UTCDateTimeAttribute()
    history = ListAttribute(of=IntervalMap)
    version = VersionAttribute()


class ProcessedEventRecord(Model):
    class Meta:
        table_name = "processed-events"

    event_id = UnicodeAttribute(hash_key=True)
    event_type = UnicodeAttribute()
    processed_at = UTCDateTimeAttribute()
    # pynamodb types `of` as the element's type, but a list of UnicodeAttribute holds str (so in asins below)
    outbox_keys = ListAttribute[str](of=UnicodeAttribute, null=True)  # type: ignore[arg-type]
    expires_at = NumberAttribute()  # epoch seconds: DynamoDB TTL



class OrderRecord(Model):
    class Meta:
        table_name = "orders"

    order_id = UnicodeAttribute(hash_key=True)
    seller_id = UnicodeAttribute()
    marketplace_id = UnicodeAttribute()
    placed_at = UTCDateTimeAttribute()
    fulfillment_channel = UnicodeAttribute()
    seller_fulfilled_prime = BooleanAttribute()
    units = NumberAttribute()
    total_minor = NumberAttribute()
    currency = UnicodeAttribute()
    asins = ListAttribute[str](of=UnicodeAttribute)  # type: ignore[arg-type]
    csba = BooleanAttribute()
    not_covered_reason = UnicodeAttribute(null=True)
    in_trial = BooleanAttribute()
    refunded_minor = NumberAttribute(default=0)
    shipped_units = NumberAttribute(null=True)  # absent on orders stored before it was kept


class ContactsBySeller(GlobalSecondaryIndex["ContactRecord"]):
    class Meta:
        index_name = "by-seller"
        projection = AllProjection()

    seller_id = UnicodeAttribute(hash_key=True)
    created_key = UnicodeAttribute(range_key=True)


class AwaitingResponse(GlobalSecondaryIndex["ContactRecord"]):
    class Meta:
        index_name = "awaiting-response"
        projection = KeysOnlyProjection()

    awaiting_response = UnicodeAttribute(hash_key=True)
    respond_by = UnicodeAttribute(range_key=True)


class ContactRecord(Model):
    class Meta:
        table_name = "contacts"

    contact_id = UnicodeAttribute(hash_key=True)
    seller_id = UnicodeAttribute()
    created_key = UnicodeAttribute()  # created_at#contact_id: the seller's list in time order
    marketplace_id = UnicodeAttribute()
    order_id = UnicodeAttribute(null=True)
    asin = UnicodeAttribute(null=True)
    channel = UnicodeAttribute()
    language = UnicodeAttribute()
    topic = UnicodeAttribute()
    preventable = BooleanAttribute()
    created_at = UTCDateTimeAttribute()
    respond_by = UnicodeAttribute()  # ISO string: also the sort key of the awaiting-response index
    destination = UnicodeAttribute()  # csba | fba | seller
    reason = UnicodeAttribute(null=True)
    status = UnicodeAttribute()  # open | responded | resolved
    responded_at = UTCDateTimeAttribute(null=True)
    resolution = UnicodeAttribute(null=True)
    survey_solved = BooleanAttribute(null=True)
    survey_at = UTCDateTimeAttribute(null=True)
    survey_month = UnicodeAttribute(null=True)
    survey_week = UnicodeAttribute(null=True)
    escalated = BooleanAttribute(default=False)
    awaiting_response = UnicodeAttribute(null=True)  # its shard while a CSBA contact waits: sparse index key
    buyer_language = UnicodeAttribute()
    message = UnicodeAttribute(null=True)  # the buyer's words (absent on contacts stored before it was kept)
    replied_at = UTCDateTimeAttribute(null=True)  # the seller's first reply through the inbox
    version = VersionAttribute()
    by_seller = ContactsBySeller()
    awaiting = AwaitingResponse()


class SupportNoteRecord(Model):
    class Meta:
        table_name = "support-notes"

    seller_id = UnicodeAttribute(hash_key=True)
    asin = UnicodeAttribute(range_key=True)
    text = UnicodeAttribute()
    updated_at = UTCDateTimeAttribute()


class PendingMessages(GlobalSecondaryIndex["OutboxRecord"]):
    class Meta:
        index_name = "pending"
        projection = AllProjection()

    pending = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class OutboxRecord(Model):
    class Meta:
        table_name = "outbox"

    message_key = UnicodeAttribute(hash_key=True)  # the consumer's idempotency key
    queue = UnicodeAttribute()  # the message's Destination (services/destinations.py), e.g. "cs_contacts_queue"
    body = UnicodeAttribute()
    created_at = UnicodeAttribute()
    pending = UnicodeAttribute(null=True)  # its shard until the send is confirmed: sparse index key; sent, deleted
    expires_at = NumberAttribute(null=True)
    claimed_until = UnicodeAttribute(null=True)  # who sends it holds it until then (services/outbox.py)
    claimed_at = UnicodeAttribute(null=True)  # a repeated request took over a send that may have been lost
    pending_index = PendingMessages()



class CounterFields:
    """One integer attribute per name in metrics.COUNTER_NAMES: the monthly and the weekly counter records."""

    csba_orders = NumberAttribute(default=0)
    units_shipped = NumberAttribute(default=0)
    units_shipped_trial = NumberAttribute(default=0)
    shipments = NumberAttribute(default=0)
    shipments_valid_tracking = NumberAttribute(default=0)
    returns = NumberAttribute(default=0)
    returns_prepaid_label = NumberAttribute(default=0)
    contacts = NumberAttribute(default=0)
    contacts_preventable = NumberAttribute(default=0)
    responses = NumberAttribute(default=0)
    responses_within_24h = NumberAttribute(default=0)
    response_minutes_total = NumberAttribute(default=0)
    survey_answers = NumberAttribute(default=0)
    survey_no = NumberAttribute(default=0)
    refunds = NumberAttribute(default=0)
    refunds_amount_minor = NumberAttribute(default=0)
    seller_contacts = NumberAttribute(default=0)
    seller_replies = NumberAttribute(default=0)
    seller_replies_within_24h = NumberAttribute(default=0)


class CountersByMarketMonth(GlobalSecondaryIndex["CounterRecord"]):
    class Meta:
        index_name = "by-market-month"
        projection = AllProjection()

    market_month = UnicodeAttribute(hash_key=True)
    seller_id = UnicodeAttribute(range_key=True)


class CounterRecord(CounterFields, Model):
    """Counters per seller, marketplace and month: one integer attribute per name in metrics.COUNTER_NAMES."""

    class Meta:
        table_name = "counters"

    seller_market = UnicodeAttribute(hash_key=True)  # <seller_id>#<marketplace_id>
    month = UnicodeAttribute(range_key=True)
    market_month = UnicodeAttribute()  # <marketplace_id>#<month>#<shard>: adapters/shards.py
    seller_id = UnicodeAttribute()
    marketplace_id = UnicodeAttribute()
    by_market_month = CountersByMarketMonth()


class RefundsByContact(GlobalSecondaryIndex["RefundRecord"]):
    class Meta:
        index_name = "by-contact"
        projection = AllProjection()

    contact_id = UnicodeAttribute(hash_key=True)
    created_at = UTCDateTimeAttribute(range_key=True)


class RefundRecord(Model):
    class Meta:
        table_name = "refunds"

    refund_id = UnicodeAttribute(hash_key=True)
    contact_id = UnicodeAttribute()
    order_id = UnicodeAttribute()
    seller_id = UnicodeAttribute()
    marketplace_id = UnicodeAttribute()
    amount_minor = NumberAttribute()
    currency = UnicodeAttribute()
    reason = UnicodeAttribute()
    returnless = BooleanAttribute()
    status = UnicodeAttribute()
    requested_by = UnicodeAttribute()
    approved_by = UnicodeAttribute(null=True)
    created_at = UTCDateTimeAttribute()
    issued_at = UTCDateTimeAttribute(null=True)
    by_contact = RefundsByContact()



class SnapshotRecord(Model):
    """A seller's closed month: its counters and the windows billing and the report need (JSON: exact ints)."""

    class Meta:
        table_name = "snapshots"

    market_month = UnicodeAttribute(hash_key=True)  # <marketplace_id>#<month>
    seller_id = UnicodeAttribute(range_key=True)
    figures = UnicodeAttribute()
    overall = UnicodeAttribute(null=True)
    closed_at = UTCDateTimeAttribute()


class MarketStatsRecord(Model):
    class Meta:
        table_name = "market-stats"

    marketplace_id = UnicodeAttribute(hash_key=True)
    month = UnicodeAttribute(range_key=True)
    stats = UnicodeAttribute()  # JSON: eligible sellers, average and top decile per rate (decimal strings)
    closed_at = UTCDateTimeAttribute()
    invoices_enqueued = BooleanAttribute(default=False)



class InvoicesBySeller(GlobalSecondaryIndex["InvoiceRecord"]):
    class Meta:
        index_name = "by-seller"
        projection = AllProjection()

    seller_id = UnicodeAttribute(hash_key=True)
    month_market = UnicodeAttribute(range_key=True)


class InvoiceRecord(Model):
    class Meta:
        table_name = "invoices"

    invoice_id = UnicodeAttribute(hash_key=True)
    seller_id = UnicodeAttribute()
    month_market = UnicodeAttribute()  # <month>#<marketplace_id>: the seller's invoices by month
    body = UnicodeAttribute()  # the invoice as the API shows it (JSON, money as decimal strings)
    total_minor = NumberAttribute()
    created_at = UTCDateTimeAttribute()
    status = UnicodeAttribute(null=True)  # "credited" once a credit note credits it (the body is never rewritten)
    by_seller = InvoicesBySeller()



class ReplyRecord(Model):
    """A seller's reply to a buyer through the inbox, under the caller's reply_id (its idempotency key)."""

    class Meta:
        table_name = "replies"

    reply_id = UnicodeAttribute(hash_key=True)
    contact_id = UnicodeAttribute()
    seller_id = UnicodeAttribute()
    text = UnicodeAttribute()
    sent_at = UTCDateTimeAttribute()
    within_24h = BooleanAttribute()
