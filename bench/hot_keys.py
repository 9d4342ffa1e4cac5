"""Figure 7: the hottest partition key at peak, and the cost per million events (docs/capacity.md).

150 sellers in one marketplace (DE: every seller's counters share its marketplace-month keys, the
worst case) send 2,850 events through the real `marketplace_events` in batches of 10; every write
is charged to its table's partition key and to each index key it touches
(simulation/partition_keys.py).
At 5,000 events/s, a key's writes per second are its writes per event times 5,000: the budget is
500, half of DynamoDB's 1,000 per partition key. The cost prices each request at on-demand rates.
moto runs with figure 4's patches (simulation/moto_patches.py): its transactions no longer copy whole tables.
"""
from bench import events_path, report
from bench.stage import embedded_aws, lambda_client
from simulation.moto_patches import linear_moto
from simulation.partition_keys import KEY_BUDGET, PEAK, KeyLedger
from simulation.workload import one_marketplace

SELLERS, EVENTS_PER_SELLER = 150, 19
# On-demand prices, us-east-1 (USD; DynamoDB's since November 2024): DynamoDB per write / read request unit, Lambda per
# GB-second (x86) and per invocation, SQS per request (standard queue, 64 KB chunks).
WRITE_UNIT, READ_UNIT = 0.625e-6, 0.125e-6
GB_SECOND, INVOCATION, SQS_REQUEST = 0.0000166667, 0.20e-6, 0.40e-6
MEMORY_GB, BATCH = 0.5, 10  # .chalice/config.json lambda_memory_size 512; the SQS event source's batch
REQUEST_SECONDS = 0.008  # an in-region DynamoDB or SQS request as the handler waits for it (moto's time replaced)
EVENT_SOURCE_REQUESTS = 2 / BATCH  # per event: the poller's ReceiveMessage and DeleteMessageBatch of a batch


def run() -> None:
    envelopes = one_marketplace(SELLERS, EVENTS_PER_SELLER)
    with linear_moto(), embedded_aws(), lambda_client() as client:
        result = events_path.deliver(client, envelopes)
    report_run(result, KeyLedger().add(result.calls))


def report_run(result, ledger: KeyLedger) -> None:
    events = len(result.envelopes)
    report.heading(f"7. Hot keys and cost: {events:,} events of {SELLERS} sellers in one marketplace, "
                   f"at {PEAK:,} events/s")
    (key, writes), *others = ledger.hottest(6)
    per_event = writes / events
    report.figure("hottest partition key: writes per event", f"{per_event:.3f}", "<= 0.1", per_event <= 0.1)
    report.figure(f"hottest partition key: writes/s at {PEAK:,} events/s", f"{per_event * PEAK:,.0f}",
                  f"<= {KEY_BUDGET}", per_event * PEAK <= KEY_BUDGET)
    for label, n in [(key, writes), *others]:
        report.detail(f"  {label:<48} {n / events:.3f} per event, {n / events * PEAK:6,.0f}/s at peak")
    report.detail("per table / index: writes per event, partition keys written, the hottest key's per event")
    for (table, index), (total, keys, top) in ledger.by_index().items():
        report.detail(f"  {table + ' / ' + (index or 'table'):<34} {total / events:6.3f} {keys:6,} {top / events:7.4f}")
    costs = cost_per_million(result, ledger)
    report.figure("cost per million events (USD, on-demand)", f"{sum(costs.values()):.2f}", "-", None)
    report.detail("  " + "; ".join(f"{name} {usd:.2f}" for name, usd in costs.items()))
    report.detail(f"  per event: {ledger.write_units / events:.2f} write units, {ledger.read_units / events:.2f} "
                  f"read units, {_sqs_requests(result) / events + EVENT_SOURCE_REQUESTS:.2f} SQS requests, "
                  f"{_gb_seconds(result) / events * 1000:.2f} GB-ms")


def cost_per_million(result, ledger: KeyLedger) -> dict[str, float]:
    per_event = 1_000_000 / len(result.envelopes)
    sqs = _sqs_requests(result) * per_event + EVENT_SOURCE_REQUESTS * 1_000_000
    return {"DynamoDB writes": ledger.write_units * per_event * WRITE_UNIT,
            "DynamoDB reads": ledger.read_units * per_event * READ_UNIT,
            "Lambda": _gb_seconds(result) * per_event * GB_SECOND + 1_000_000 / BATCH * INVOCATION,
            "SQS": sqs * SQS_REQUEST}


def _sqs_requests(result) -> int:
    return sum(1 for call in result.calls if call.service == "sqs")


def _gb_seconds(result) -> float:
    """The handler's own time on this machine, plus REQUEST_SECONDS for each AWS request it made."""
    ours = result.delivery.seconds - sum(call.seconds for call in result.calls)
    return MEMORY_GB * (max(ours, 0.0) + len(result.calls) * REQUEST_SECONDS)
