"""Translation between domain objects and PynamoDB records."""
from chalicelib.adapters.binding import Tables
from chalicelib.domain.enrollment import Enrollment, Interval
from chalicelib.domain.sellers import Seller


def seller_from(record) -> Seller:
    return Seller(record.seller_id, record.country, record.vat_id, record.vat_id_valid, record.status,
                  record.status_changed_at, record.registered_at, record.version)


def seller_record(tables: Tables, seller: Seller):
    return tables.SellerRecord(seller.seller_id, country=seller.country, vat_id=seller.vat_id,
                               vat_id_valid=seller.vat_id_valid, status=seller.status,
                               status_changed_at=seller.status_changed_at, registered_at=seller.registered_at,
                               **_version(seller.version))


def enrollment_from(record) -> Enrollment:
    history = tuple(Interval(i.start, i.end) for i in record.history)
    return Enrollment(record.seller_id, record.marketplace_id, record.trial_ends_at, history, record.version)


def enrollment_record(tables: Tables, enrollment: Enrollment):
    from chalicelib.adapters.records import IntervalMap

    history = [IntervalMap(start=i.start, end=i.end) for i in enrollment.history]
    return tables.EnrollmentRecord(enrollment.seller_id, enrollment.marketplace_id,
                                   trial_ends_at=enrollment.trial_ends_at, history=history,
                                   **_version(enrollment.version))


def _version(version: int | None) -> dict:
    """PynamoDB's VersionAttribute must be absent, not None, on a record never saved."""
    return {} if version is None else {"version": version}
