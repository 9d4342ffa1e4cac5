"""Figure 2: DynamoDB requests per inbound event; never a Scan, never a Query on the events path."""
from collections import Counter, defaultdict

from bench import report

BUDGET = 2.0


def report_run(result) -> None:
    report.heading("2. Cost per event: DynamoDB requests per inbound event (realistic mix, batches of 10)")
    dynamo = [c for c in result.calls if c.service == "dynamodb"]
    events = Counter(e["type"] for e in result.envelopes)
    total = len(result.envelopes)
    per_event = len(dynamo) / total
    report.figure("DynamoDB requests per event (average over the mix)", f"{per_event:.2f}", f"<= {BUDGET:g}",
                  per_event <= BUDGET)
    growing = [c for c in dynamo if c.operation in ("Scan", "Query")]
    report.figure("Scan or Query requests on the events path", str(len(growing)), "0", not growing)
    for call in growing[:5]:
        report.detail(f"  {call.operation} on {call.table} ({call.label})")
    report.detail(f"{total} events: " + ", ".join(f"{kind} {n}" for kind, n in events.most_common())
                  + f"; {len(result.delivery.failed)} never processed")
    by_type: dict[str, Counter] = defaultdict(Counter)
    for call in dynamo:
        by_type[call.label][call.operation] += 1
    report.detail("per event type: requests per event (operations per event)")
    for kind, operations in sorted(by_type.items(), key=lambda item: -sum(item[1].values())):
        n = events.get(kind) or total  # requests outside any one event (the batch's): per event of the run
        mix = ", ".join(f"{op} {count / n:.2f}" for op, count in operations.most_common())
        share = sum(operations.values()) / len(dynamo)
        report.detail(f"  {kind:<18} {sum(operations.values()) / n:5.2f}  ({mix}); "
                      f"{share:.0%} of all requests" + ("" if kind in events else " [the batch's, per event]"))
    report.detail("per operation: requests per event (tables)")
    for operation, count in Counter(c.operation for c in dynamo).most_common():
        tables = Counter(_short(c.table) for c in dynamo if c.operation == operation)
        where = ", ".join(f"{table} {n}" for table, n in tables.most_common())
        report.detail(f"  {operation:<18} {count / total:5.2f}  ({where})")


def _short(table: str | None) -> str:
    return (table or "several tables").removeprefix("csba-local-")
