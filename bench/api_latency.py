"""Figure 5: p50 and p99 latency of two seller routes, in-process (chalice.test.Client, moto).

The state: 12 sellers after 10 events each and October closed. Each route is called
WARMUP times, then REQUESTS times round the sellers; the authorizer runs on every request.
"""
import statistics
import time
from collections import Counter

from bench import events_path, report
from bench.close_run import close_month
from bench.stage import embedded_aws, lambda_client, quiet
from simulation import workload
from simulation.recorder import RECORDER

REQUESTS, WARMUP = 300, 20
ROUTES = {"GET /sellers/{id}/metrics/{marketplace}?month=2026-10": "/sellers/{s}/metrics/{m}?month=2026-10",
          "GET /sellers/{id}/enrollments": "/sellers/{s}/enrollments"}


def run() -> None:
    report.heading(f"5. API latency in-process (chalice.test.Client on moto), {REQUESTS} requests each after {WARMUP}")
    from chalicelib import settings
    from chalicelib.adapters.tokens import issue_local_token

    envelopes = workload.stream(events_path.SELLERS, 10, prefix="a")
    sellers = {e["seller_id"]: e["marketplace_id"] for e in envelopes if e["type"] == "SellerRegistered"}
    with embedded_aws(), lambda_client() as client:
        events_path.deliver(client, envelopes)
        close_month(client, len(sellers), "api state")
        tokens = {s: {"Authorization": f"Bearer {issue_local_token(settings.current(), s, 'seller')}"} for s in sellers}
        for name, path in ROUTES.items():
            targets = [(path.format(s=s, m=m), tokens[s]) for s, m in sellers.items()]
            latencies, statuses, requests = measure(client, targets)
            p50, p99 = statistics.median(latencies), statistics.quantiles(latencies, n=100)[98]
            report.figure(f"{name} p50", f"{p50 * 1000:.1f} ms", "-", None)
            report.figure(f"{name} p99", f"{p99 * 1000:.1f} ms", "-", None)
            report.detail(f"statuses {dict(statuses)}; DynamoDB requests per call: "
                          + ", ".join(f"{op} {n / REQUESTS:.2f}" for op, n in requests.most_common()))


def measure(client, targets: list[tuple[str, dict]]) -> tuple[list[float], Counter, Counter]:
    latencies, statuses = [], Counter()
    with quiet():
        for i in range(WARMUP):
            client.http.get(targets[i % len(targets)][0], headers=targets[i % len(targets)][1])
        RECORDER.take()
        for i in range(REQUESTS):
            path, headers = targets[i % len(targets)]
            started = time.perf_counter()
            statuses[client.http.get(path, headers=headers).status_code] += 1
            latencies.append(time.perf_counter() - started)
    requests = Counter(c.operation for c in RECORDER.take() if c.service == "dynamodb")
    return latencies, statuses, requests
