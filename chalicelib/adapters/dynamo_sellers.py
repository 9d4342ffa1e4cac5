"""Sellers and their enrolments on DynamoDB: reads, and the optimistic enrolment write."""
from pynamodb.exceptions import PutError

from chalicelib.adapters import seller_mapping
from chalicelib.adapters.binding import Tables
from chalicelib.adapters.table_queries import query
from chalicelib.domain.enrollment import Enrollment
from chalicelib.domain.sellers import Seller
from chalicelib.services.stale import StaleWrite


class SellerRepository:
    def __init__(self, tables: Tables):
        self.t = tables

    def get_seller(self, seller_id: str) -> Seller | None:
        record = self.t.requests.get(self.t.SellerRecord, seller_id, consistent_read=True)
        return None if record is None else seller_mapping.seller_from(record)

    def get_enrollment(self, seller_id: str, marketplace_id: str) -> Enrollment | None:
        record = self.t.requests.get(self.t.EnrollmentRecord, seller_id, marketplace_id, consistent_read=True)
        return None if record is None else seller_mapping.enrollment_from(record)

    def list_enrollments(self, seller_id: str) -> list[Enrollment]:
        records = query(self.t.requests, self.t.EnrollmentRecord, seller_id, consistent_read=True)
        return [seller_mapping.enrollment_from(r) for r in records]

    def save_enrollment(self, enrollment: Enrollment) -> Enrollment:
        """Write if the stored version is still `enrollment.version` (None: must not exist); else StaleWrite."""
        record = seller_mapping.enrollment_record(self.t, enrollment)
        try:
            self.t.requests.save(record)
        except PutError as error:
            if error.cause_response_code == "ConditionalCheckFailedException":
                raise StaleWrite(f"enrolment {enrollment.seller_id}/{enrollment.marketplace_id} changed") from None
            raise
        return seller_mapping.enrollment_from(record)
