"""One monthly close and its billing, measured: handler time, and every AWS request by job."""
from dataclasses import dataclass

from bench.delivery import Delivery, harness, invoke, labelled, pump
from simulation.recorder import RECORDER, Call
from bench.stage import quiet

SCHEDULED = {"version": "0", "id": "bench", "detail-type": "Scheduled Event", "source": "aws.events",
             "account": "123456789012", "time": "2026-11-01T02:00:00Z", "region": "us-east-1", "resources": [],
             "detail": {}}


@dataclass
class CloseRun:
    title: str
    sellers: int
    invoices: int
    seconds: float  # in the handlers
    cpu_seconds: float  # the process's CPU time in the handlers
    calls: list[Call]  # the handlers' AWS requests

    @property
    def dynamo(self) -> list[Call]:
        return [c for c in self.calls if c.service == "dynamodb"]

    @property
    def payments(self) -> int:
        """Charged invoices: each sends InvoiceIssued and marks its outbox item sent (one DeleteItem)."""
        return sum(1 for c in self.dynamo if c.operation == "DeleteItem" and (c.table or "").endswith("-outbox"))

    @property
    def aws_seconds(self) -> float:
        return sum(c.seconds for c in self.calls)

    def ms_per_seller(self) -> float:
        return self.seconds / self.invoices * 1000

    def per_seller(self, payments_aside: bool = False) -> float:
        return (len(self.dynamo) - (self.payments if payments_aside else 0)) / self.invoices


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
