"""One monthly close and its billing, measured: handler time, and every AWS request by job.

How it is measured, and why in CPU time: simulation/close_measure.py.
"""

from bench.delivery import Delivery, harness, invoke, labelled, pump
from bench.stage import quiet
from simulation.close_measure import CloseRun
from simulation.recorder import RECORDER

SCHEDULED = {"version": "0", "id": "bench", "detail-type": "Scheduled Event", "source": "aws.events",
             "account": "123456789012", "time": "2026-11-01T02:00:00Z", "region": "us-east-1", "resources": [],
             "detail": {}}


def close_month(client, sellers: int, title: str) -> CloseRun:
    """Closes October 2026 through `monthly_close` and `billing_jobs`, as EventBridge and SQS would."""
    from chalicelib.services import close, invoicing

    RECORDER.take()
    delivery = Delivery()
    with quiet(), labelled(close, "close_marketplace", lambda *a, **k: "close job"), \
            labelled(invoicing, "write_invoice", lambda *a, **k: "invoice job"):
        invoke(client, "monthly_close", SCHEDULED, delivery)
        pump(client, "billing_jobs", "billing_jobs_queue", delivery, drain=("payments_queue",))
    calls = [c for c in RECORDER.take() if c.label != "harness"]
    return CloseRun(title, sellers, _invoices(), delivery.seconds, delivery.cpu_seconds, calls)


def _invoices() -> int:
    from chalicelib.entrypoints import wiring

    with harness():
        return wiring.store().t.InvoiceRecord.count()
