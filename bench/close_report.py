"""Prints figure 4 from the close runs."""
from collections import Counter, defaultdict

from bench import report
from simulation.moto_patches import PATCHES

GROWTH = 10  # the issue's budget: 10 times the sellers, at most 11 times the time
GROWTH_BUDGET = 11.0
MOTO = ("moto as patched for the close (simulation/moto_patches.py): " + PATCHES + "; unpatched, moto's time per "
        "request grows with the tables and queues (DynamoDB's and SQS's do not) and 10,000 sellers take hours")
OUTSIDE = ("outside AWS requests: the handlers' CPU time less the CPU their requesting threads spent in requests "
           "(the close's shard queries run in parallel, so their wall times overlap; bench/close_run.py)")


def heading(small: int, large: int) -> None:
    issue = (small, large) == (1000, 10_000)
    report.heading(f"4. Monthly close and billing: {small:,} and {large:,} sellers"
                   + ("" if issue else " (the issue's 1,000 and 10,000: --full, about 5 minutes)"))


def figures(few, many, big, busy, quiet) -> None:
    for run in (few, many, big, busy, quiet):
        if run is not None:
            describe(run)
    same_requests("requests per seller, 1,000 vs 10 events per seller", many, few)
    report.detail(f"{many.per_seller():.3f} vs {few.per_seller():.3f} counting payment delivery: a charged "
                  "invoice adds the one DeleteItem marking its payment message sent; above, it is set aside")
    if busy is not None:
        same_requests(f"the same through real events, {busy.title.split()[0]} vs 10 per seller", busy, quiet)
    growth(f"DynamoDB requests, {big.sellers:,} / {many.sellers:,} sellers", len(big.dynamo), len(many.dynamo),
           big, many)
    growth(f"handler CPU time outside AWS requests, {big.sellers:,} / {many.sellers:,}",
           big.cpu_outside_aws, many.cpu_outside_aws, big, many)
    growth(f"handler time, {big.sellers:,} / {many.sellers:,} sellers", big.seconds, many.seconds, big, many)
    information(f"handler CPU time, {big.sellers:,} / {many.sellers:,} sellers", big.cpu_seconds, many.cpu_seconds,
                big, many)
    information(f"handler time, no AWS request in flight, {big.sellers:,} / {many.sellers:,}",
                big.seconds - big.aws_seconds, many.seconds - many.aws_seconds, big, many)
    report.detail(OUTSIDE)
    report.detail(MOTO)


def same_requests(label: str, run, baseline) -> None:
    ratio = run.per_seller(payments_aside=True) / baseline.per_seller(payments_aside=True)
    report.figure(label, f"{ratio:.3f}", "= 1", abs(ratio - 1) <= 0.02)


def growth(label: str, large: float, small: float, big, many) -> None:
    ratio = _normalised(large / small, big, many)
    report.figure(label + _note(big, many), f"{ratio:.2f}", f"<= {GROWTH_BUDGET:g}", ratio <= GROWTH_BUDGET)


def information(label: str, large: float, small: float, big, many) -> None:
    report.figure(label + _note(big, many), f"{_normalised(large / small, big, many):.2f}", "-", None)


def _note(big, many) -> str:
    return "" if big.sellers / many.sellers == GROWTH else f" (per {GROWTH}x)"


def _normalised(ratio: float, big, many) -> float:
    return ratio * GROWTH / (big.sellers / many.sellers)


def describe(run) -> None:
    report.detail(f"{run.title}: {run.invoices:,} invoices ({run.payments:,} charged), "
                  f"{run.per_seller():.2f} DynamoDB requests per seller; per seller {run.ms_per_seller():.1f} ms "
                  f"in the handlers, {run.aws_seconds / run.invoices * 1000:.1f} ms of it with AWS requests in flight "
                  f"({run.seconds:.1f} s in all); CPU {run.cpu_seconds / run.invoices * 1000:.1f} ms, "
                  f"{run.cpu_outside_aws / run.invoices * 1000:.1f} ms of it outside AWS requests")
    by_label: dict[str, Counter] = defaultdict(Counter)
    for call in run.dynamo:
        by_label[call.label][call.operation] += 1
    for label, operations in sorted(by_label.items()):
        mix = ", ".join(f"{op} {n / run.invoices:.3f}" for op, n in operations.most_common())
        report.detail(f"    {label:<16} {sum(operations.values()) / run.invoices:6.3f} per seller ({mix})")
