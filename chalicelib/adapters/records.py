"""PynamoDB records, one per table of infra/template.yaml, bound to real table names at run time.

Money and counts are integers (NumberAttribute would turn Decimal into float); instants
are UTC datetimes stored as ISO 8601 strings.
"""
from pynamodb.attributes import (BooleanAttribute, ListAttribute, MapAttribute, NumberAttribute,
                                 UnicodeAttribute, UTCDateTimeAttribute, VersionAttribute)
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
    version = VersionAttribute()


class IntervalMap(MapAttribute):
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
    expires_at = NumberAttribute()  # epoch seconds: DynamoDB TTL


RECORDS: tuple[type[Model], ...] = (SellerRecord, EnrollmentRecord, ProcessedEventRecord)
