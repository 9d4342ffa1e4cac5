"""Translation between sellers and enrolments and their PynamoDB records: apart from mapping.py, so that the seller
repository loads no other aggregate (the report route's store: bench figure 1)."""
from typing import TypeVar

from chalicelib.adapters import records
from chalicelib.adapters.binding import Tables
from chalicelib.adapters.records import IntervalMap
from chalicelib.domain.enrollment import Enrollment, Interval
from chalicelib.domain.sellers import Seller


def seller_from(record: records.SellerRecord) -> Seller:
    return Seller(record.seller_id, record.country, record.vat_id, record.vat_id_valid, record.status,
                  record.status_changed_at, record.registered_at, record.version, record.residence_at)


def seller_record(tables: Tables, seller: Seller) -> records.SellerRecord:
    return versioned(tables.SellerRecord(seller.seller_id, country=seller.country, vat_id=seller.vat_id,
                                         vat_id_valid=seller.vat_id_valid, status=seller.status,
                                         status_changed_at=seller.status_changed_at,
                                         registered_at=seller.registered_at,
                                         residence_at=seller.residence_at), seller.version)


def enrollment_from(record: records.EnrollmentRecord) -> Enrollment:
    history = tuple(Interval(i.start, i.end) for i in record.history)
    return Enrollment(record.seller_id, record.marketplace_id, record.trial_ends_at, history, record.version)


def enrollment_record(tables: Tables, enrollment: Enrollment) -> records.EnrollmentRecord:
    # pynamodb's MapAttribute.__init__ has no annotations (untyped_calls_exclude does not reach a subclass's)
    history = [IntervalMap(start=i.start, end=i.end) for i in enrollment.history]  # type: ignore[no-untyped-call]
    return versioned(tables.EnrollmentRecord(enrollment.seller_id, enrollment.marketplace_id,
                                             trial_ends_at=enrollment.trial_ends_at, history=history),
                     enrollment.version)


Versioned = TypeVar("Versioned", records.SellerRecord, records.EnrollmentRecord, records.ContactRecord)


def versioned(record: Versioned, version: int | None) -> Versioned:
    """PynamoDB's VersionAttribute must be absent, not None, on a record never saved."""
    if version is not None:
        record.version = version
    return record
