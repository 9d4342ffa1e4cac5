"""Figure 4: the monthly close and billing, DynamoDB requests and time per seller.

Counters are seeded directly (as tests/integration/test_close_fan_out.py does) as if from 10 or
1,000 events per seller, all in DE (one close job takes every seller: the worst case for a job);
then `monthly_close` runs and `billing_jobs` is pumped until its queue is empty. The time is the
handlers' (monthly_close and every billing_jobs invocation); receiving and deleting the jobs and
emptying the payments queue downstream are the harness's and not timed.
"""
from datetime import datetime, timezone

from bench import close_report
from bench.close_run import close_month
from bench.stage import embedded_aws, lambda_client
from simulation.close_measure import CloseRun
from simulation.moto_patches import linear_moto

DE = "A1PA6795UKMFR9"
T0 = datetime(2026, 1, 5, tzinfo=timezone.utc)
SHARES = {"csba_orders": 0.30, "shipments": 0.30, "shipments_valid_tracking": 0.28, "units_shipped": 0.60,
          "returns": 0.05, "returns_prepaid_label": 0.04, "contacts": 0.15, "contacts_preventable": 0.08,
          "responses": 0.12, "responses_within_24h": 0.10, "survey_answers": 0.08, "survey_no": 0.02}

__all__ = ["CloseRun", "close_month", "run"]


def run(sizes: tuple[int, int] = (300, 3000), through_events: CloseRun | None = None) -> None:
    """Closes `sizes` sellers (as from 10 and 1,000 events at the smaller size); prints figure 4."""
    small, large = sizes
    close_report.heading(small, large)
    with linear_moto():
        few, many = seeded(small, 10), seeded(small, 1000)
        big = seeded(large, 1000)
        quiet = _quiet_events()
    close_report.figures(few, many, big, through_events, quiet)


def seeded(sellers: int, events_per_seller: int) -> CloseRun:
    """A close over `sellers` whose October counters look like `events_per_seller` events each."""
    from chalicelib.entrypoints import wiring

    with embedded_aws(), lambda_client() as client:
        seed(wiring.store(), sellers, events_per_seller)
        return close_month(client, sellers, f"{sellers:,} sellers, counters as from {events_per_seller:,} events each")


def seed(store, sellers: int, events_per_seller: int) -> None:
    from chalicelib.adapters.shards import counter_key

    t = store.t
    with t.SellerRecord.batch_write() as profiles, t.CounterRecord.batch_write() as counters:
        for n in range(sellers):
            seller = f"S{n:05d}"
            profiles.save(t.SellerRecord(seller, country="DE", vat_id=None, vat_id_valid=False, status="active",
                                         status_changed_at=T0, registered_at=T0, version=1))
            counts = {name: round(share * events_per_seller) + n % 3 for name, share in SHARES.items()}
            counts["response_minutes_total"] = counts["responses"] * 300
            counters.save(t.CounterRecord(f"{seller}#{DE}", "2026-10",
                                          market_month=counter_key(DE, "2026-10", seller),
                                          seller_id=seller, marketplace_id=DE, **counts))


def _quiet_events() -> CloseRun:
    """The same close after 10 real events per seller (the busier run comes from figures 2 and 3)."""
    from bench import events_path
    from simulation import workload

    with embedded_aws(), lambda_client() as client:
        events_path.deliver(client, workload.stream(events_path.SELLERS, 10, prefix="q"))
        title = f"10 events per seller ({events_path.SELLERS} sellers), through events"
        return close_month(client, events_path.SELLERS, title)
