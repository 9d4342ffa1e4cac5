"""Prints figure 4 from the close runs."""
from collections import Counter, defaultdict

from bench import report

GROWTH_BUDGET = 11.0


def heading(small: int, large: int, full: bool) -> None:
    report.heading(f"4. Monthly close and billing: {small:,} and {large:,} sellers"
                   + ("" if full else " (default; --full for 1,000 and 10,000: hours on moto)"))


def figures(few, many, big, busy, quiet) -> None:
    for run in (few, many, big, busy, quiet):
        if run is not None:
            describe(run)
    same = many.per_seller(True) / few.per_seller(True)
    report.figure("requests per seller, 1,000 vs 10 events per seller", f"{same:.3f}", "= 1", abs(same - 1) <= 0.02)
    report.detail(f"{many.per_seller():.3f} vs {few.per_seller():.3f} with payment delivery; the difference is the "
                  "one UpdateItem that marks a charged invoice's payment message sent")
    if busy is not None:
        same = busy.per_seller(True) / quiet.per_seller(True)
        report.figure("the same through real events, 50 vs 10 per seller", f"{same:.3f}", "= 1", abs(same - 1) <= 0.02)
    growth = len(big.dynamo) / len(many.dynamo)
    report.figure(f"DynamoDB requests, {big.sellers:,} / {many.sellers:,} sellers", f"{growth:.2f}",
                  f"<= {GROWTH_BUDGET:g}", growth <= GROWTH_BUDGET)
    ours = (big.seconds - big.aws_seconds) / (many.seconds - many.aws_seconds)
    report.figure(f"handler time outside AWS requests, {big.sellers:,} / {many.sellers:,}", f"{ours:.2f}",
                  f"<= {GROWTH_BUDGET:g}", ours <= GROWTH_BUDGET)
    report.figure(f"handler time on moto, {big.sellers:,} / {many.sellers:,} sellers", f"{big.seconds / many.seconds:.2f}",
                  "(moto)", None)
    report.detail("moto's TransactWriteItems deep-copies every table it touches (for its rollback) and its SQS "
                  "counts every message of the queue on each send: time per request grows with table and queue "
                  "size on moto, not on AWS, hence the budget is read on the time outside the requests")


def describe(run) -> None:
    report.detail(f"{run.title}: {run.invoices:,} invoices ({run.payments:,} charged), "
                  f"{run.per_seller():.2f} DynamoDB requests per seller; per seller {run.seconds / run.invoices * 1000:.1f} "
                  f"ms in the handlers, {run.aws_seconds / run.invoices * 1000:.1f} ms of it in AWS requests "
                  f"({run.seconds:.1f} s in all)")
    by_label: dict[str, Counter] = defaultdict(Counter)
    for call in run.dynamo:
        by_label[call.label][call.operation] += 1
    for label, operations in sorted(by_label.items()):
        mix = ", ".join(f"{op} {n / run.invoices:.3f}" for op, n in operations.most_common())
        report.detail(f"    {label:<16} {sum(operations.values()) / run.invoices:6.3f} per seller ({mix})")
