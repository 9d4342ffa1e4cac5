"""A month replayed in order, with every event twice in shuffled batches, and under injected AWS faults:
the same tables and, deduplicated by idempotency key, the same outbound messages (DESIGN 3 and 7)."""
import json
import os
from pathlib import Path

import pytest

from tests.reliability.conftest import fresh_service, replay_events
from tests.reliability.faults import FaultInjector
from tests.reliability.month import scripted_month
from tests.reliability.replay import Replay, dlq_depth, outbound_messages, table_dump

FAULT_RATE = 0.10


def run(envelopes: list, *, twice_shuffled: bool = False, faults: FaultInjector | None = None) -> dict:
    with fresh_service() as client:
        replay = Replay(client, faults)
        replay.deliver(envelopes * 2 if twice_shuffled else envelopes, shuffle_seed=7 if twice_shuffled else None)
        replay.close_and_bill()
        replay.sweep()
        return {"tables": table_dump(), "messages": outbound_messages(), "stats": replay.stats,
                "dead_lettered": replay.dead_lettered, "invalid": dlq_depth()}


@pytest.fixture(scope="module")
def runs():
    envelopes = scripted_month(replay_events())
    faults = FaultInjector(FAULT_RATE, seed=10)
    with pytest.MonkeyPatch.context() as patch, faults.installed(patch):
        results = {"in order": run(envelopes), "twice, shuffled": run(envelopes, twice_shuffled=True),
                   "with faults": run(envelopes, faults=faults)}
    report(envelopes, results, faults)
    return {**results, "faults": faults, "events": len(envelopes)}


def report(envelopes: list, results: dict, faults: FaultInjector) -> None:
    """The figures of the run, written where CSBA_REPLAY_REPORT says (make soak prints them)."""
    if not os.environ.get("CSBA_REPLAY_REPORT"):
        return
    figures = {"events": len(envelopes), "faults injected": faults.injected, "app AWS calls under faults": faults.calls,
               "faults by kind": dict(faults.counts),
               **{name: {"deliveries": r["stats"]["deliveries"], "redeliveries": r["stats"]["redeliveries"],
                         "billing job redeliveries": r["stats"]["billing job redeliveries"],
                         "dead-lettered": len(r["dead_lettered"]), "invoices": len(r["tables"]["invoices"]),
                         "payments (deduplicated)": len(r["messages"]["payments_queue"]),
                         "contacts routed (deduplicated)": len(r["messages"]["cs_contacts_queue"])
                         + len(r["messages"]["seller_messages_queue"])} for name, r in results.items()}}
    Path(os.environ["CSBA_REPLAY_REPORT"]).write_text(json.dumps(figures, indent=2) + "\n")


def test_the_month_in_order_bills_and_routes_every_seller(runs):
    # Given the month delivered once, in order
    baseline = runs["in order"]
    # Then nothing was retried or dead-lettered, and the month produced what the comparison needs
    assert baseline["stats"]["redeliveries"] == 0 and not baseline["dead_lettered"] and baseline["invalid"] == 0
    tables, messages = baseline["tables"], baseline["messages"]
    assert len(tables["sellers"]) == 50 and len(tables["snapshots"]) == len(tables["invoices"]) > 0
    assert {item["month_market"]["S"].split("#")[1] for item in tables["invoices"]} == {"A1PA6795UKMFR9", "A1F83G8C2ARO7P",
                                                                             "A1VC38T7YXB528"}
    assert any(key.startswith("invoice:") for key in messages["payments_queue"])
    assert messages["cs_contacts_queue"] and messages["seller_messages_queue"]


@pytest.mark.parametrize("variant", ["twice, shuffled", "with faults"])
def test_the_same_tables_result_whatever_the_delivery(runs, variant):
    # Then every table equals the in-order run's, item for item
    for table, items in runs["in order"]["tables"].items():
        assert runs[variant]["tables"][table] == items, table


@pytest.mark.parametrize("variant", ["twice, shuffled", "with faults"])
def test_the_same_messages_leave_once_deduplicated_by_idempotency_key(runs, variant):
    assert runs[variant]["messages"] == runs["in order"]["messages"]
    assert not runs[variant]["dead_lettered"] and runs[variant]["invalid"] == 0


def test_the_faults_hit_the_run_and_were_retried_through_the_partial_batch_path(runs):
    faults, stats = runs["faults"], runs["with faults"]["stats"]
    assert faults.counts["refused before apply"] > 0 and faults.counts["response lost after apply"] > 0
    assert faults.injected >= 0.05 * faults.calls  # about FAULT_RATE of the app's AWS calls failed
    assert stats["redeliveries"] > 0 and stats["deliveries"] > runs["events"]
