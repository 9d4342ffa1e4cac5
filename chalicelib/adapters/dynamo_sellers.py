"""Sellers and their enrolments on DynamoDB: reads, and the optimistic enrolment write."""
from pynamodb.exceptions import DoesNotExist, PutError

from chalicelib.adapters import seller_mapping
from chalicelib.adapters.binding import Tables
from chalicelib.domain.enrollment import Enrollment
from chalicelib.domain.sellers import Seller
from chalicelib.services.stale import StaleWrite


class SellerRepository:
    def __init__(self, tables: Tables):
        self.t = tables

    def get_seller(self, seller_id: str) -> Seller | None:
        try:
            return seller_mapping.seller_from(self.t.SellerRecord.get(seller_id, consistent_read=True))
        except DoesNotExist:
            return None

    def get_enrollment(self, seller_id: str, marketplace_id: str) -> Enrollment | None:
        try:
            return seller_mapping.enrollment_from(self.t.EnrollmentRecord.get(seller_id, marketplace_id,
                                                                       consistent_read=True))
        except DoesNotExist:
            return None

    def list_enrollments(self, seller_id: str) -> list[Enrollment]:
        records = self.t.EnrollmentRecord.query(seller_id, consistent_read=True)
        return [seller_mapping.enrollment_from(r) for r in records]

    def save_enrollment(self, enrollment: Enrollment) -> Enrollment:
        """Write if the stored version is still `enrollment.version` (None: must not exist); else StaleWrite."""
        record = seller_mapping.enrollment_record(self.t, enrollment)
        try:
            record.save()
        except PutError as error:
            if error.cause_response_code == "ConditionalCheckFailedException":
                raise StaleWrite(f"enrolment {enrollment.seller_id}/{enrollment.marketplace_id} changed") from None
            raise
        return seller_mapping.enrollment_from(record)
