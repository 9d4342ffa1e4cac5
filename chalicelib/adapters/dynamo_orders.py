"""Orders and refunds on DynamoDB (their writes are transaction items: adapters/dynamo_writes.py)."""
from pynamodb.exceptions import DoesNotExist

from chalicelib.adapters import mapping
from chalicelib.adapters.binding import Tables
from chalicelib.domain.orders import Order
from chalicelib.domain.refunds import Refund


class OrderRepository:
    def __init__(self, tables: Tables):
        self.t = tables

    def get_order(self, order_id: str) -> Order | None:
        try:
            return mapping.order_from(self.t.OrderRecord.get(order_id, consistent_read=True))
        except DoesNotExist:
            return None


class RefundRepository:
    def __init__(self, tables: Tables):
        self.t = tables

    def get_refund(self, refund_id: str) -> Refund | None:
        try:
            return mapping.refund_from(self.t.RefundRecord.get(refund_id, consistent_read=True))
        except DoesNotExist:
            return None

    def refunds_of_contact(self, contact_id: str) -> list[Refund]:
        return [mapping.refund_from(r) for r in self.t.RefundRecord.by_contact.query(contact_id)]
