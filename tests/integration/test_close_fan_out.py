"""A close over 1,000 sellers through the real fan-out: 1,000 snapshots, 1,000 invoices, one payment each above zero."""
import json
from datetime import datetime, timezone

from chalicelib.adapters.shards import counter_key
from tests.support.sqs import pump

DE = "A1PA6795UKMFR9"
T0 = datetime(2026, 1, 5, tzinfo=timezone.utc)


def seed(store, sellers: int) -> None:
    """Seller profiles and October counters written directly (the events path has its own tests)."""
    with store.t.SellerRecord.batch_write() as sellers_batch, store.t.CounterRecord.batch_write() as counters:
        for n in range(sellers):
            seller = f"S{n:04d}"
            sellers_batch.save(store.t.SellerRecord(seller, country="DE", vat_id=None, vat_id_valid=False,
                                                    status="active", status_changed_at=T0, registered_at=T0,
                                                    version=1))
            counters.save(store.t.CounterRecord(
                f"{seller}#{DE}", "2026-10", market_month=counter_key(DE, "2026-10", seller), seller_id=seller,
                marketplace_id=DE,
                csba_orders=10 + n % 40, units_shipped=20 + n % 40, shipments=10 + n % 40,
                shipments_valid_tracking=10 + n % 40))


def test_a_close_over_1000_sellers(client, store, queues):
    seed(store, 1000)
    client.lambda_.invoke("monthly_close", {"time": "2026-11-01T02:00:00Z", "detail": {}, "version": "0",
                                            "id": "x", "detail-type": "Scheduled Event", "source": "aws.events",
                                            "account": "1", "region": "us-east-1", "resources": []})
    pump(client, "billing_jobs", "billing_jobs_queue", rounds=500)
    invoices = [json.loads(r.body) for r in store.t.InvoiceRecord.scan()]
    assert len(invoices) == 1000 and store.t.SnapshotRecord.count() == 1000
    charged = {i["invoice_id"] for i in invoices if i["total"]["amount"] != "0.00"}
    # free while fewer than 30 CSBA orders in M-2..M: n % 40 >= 20 pays, i.e. 500 sellers
    assert len(charged) == 500
    paid = [json.loads(m["body"])["invoice_id"] for m in queues.drain("payments_queue")]
    assert sorted(paid) == sorted(charged)
