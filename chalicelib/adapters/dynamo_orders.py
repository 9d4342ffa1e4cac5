"""Orders and refunds on DynamoDB (their writes are transaction items: adapters/dynamo_writes.py)."""
from chalicelib.adapters import mapping
from chalicelib.adapters.binding import Tables
from chalicelib.adapters.table_queries import query
from chalicelib.domain.orders import Order
from chalicelib.domain.refunds import Refund


class OrderRepository:
    def __init__(self, tables: Tables):
        self.t = tables

    def get_order(self, order_id: str) -> Order | None:
        record = self.t.requests.get(self.t.OrderRecord, order_id, consistent_read=True)
        return None if record is None else mapping.order_from(record)


class RefundRepository:
    def __init__(self, tables: Tables):
        self.t = tables

    def get_refund(self, refund_id: str) -> Refund | None:
        record = self.t.requests.get(self.t.RefundRecord, refund_id, consistent_read=True)
        return None if record is None else mapping.refund_from(record)

    def refunds_of_contact(self, contact_id: str) -> list[Refund]:
        record = self.t.RefundRecord
        return [mapping.refund_from(r) for r in query(self.t.requests, record, contact_id, index=record.by_contact)]
