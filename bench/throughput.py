"""Figure 3: events per second through the handler, over the bare DynamoDB requests those events need."""
import statistics
import time
from collections import Counter

import botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError

from bench import report
from bench.delivery import harness
from bench.stage import embedded_aws

BUDGET = 1.5


def report_run(result) -> None:
    report.heading("3. Throughput: marketplace_events (batches of 10, moto in-process) vs bare DynamoDB requests")
    dynamo = [c for c in result.calls if c.service == "dynamodb"]
    bare, errors = replay(dynamo)
    handler = result.delivery.seconds
    events = len(result.envelopes)
    report.figure("events per second through marketplace_events", f"{events / handler:.1f}", "-", None)
    report.figure("our overhead: handler time / bare DynamoDB time", f"{handler / bare:.2f}", f"<= {BUDGET:g}",
                  handler / bare <= BUDGET)
    in_dynamo = sum(c.seconds for c in dynamo)
    in_sqs = sum(c.seconds for c in result.calls if c.service == "sqs")
    report.detail(f"{events} events in {handler:.2f} s ({result.delivery.invocations} invocations); "
                  f"the same {len(dynamo)} DynamoDB requests replayed bare: {bare:.2f} s "
                  f"({bare / events * 1000:.1f} ms per event; {errors} refused, "
                  f"{sum(c.status >= 300 for c in dynamo)} in the run)")
    report.detail(f"inside the handler: DynamoDB requests {in_dynamo:.2f} s, SQS requests {in_sqs:.2f} s "
                  f"({sum(c.service == 'sqs' for c in result.calls)}), everything else "
                  f"{handler - in_dynamo - in_sqs:.2f} s ({(handler - in_dynamo - in_sqs) / events * 1000:.1f} ms "
                  "per event: validation, PynamoDB, Powertools, logging, chalice.test)")
    first, usual = result.delivery.durations[0], statistics.median(result.delivery.durations)
    clients = Counter(service for service, _ in result.clients)
    report.detail(f"first invocation {first * 1000:.0f} ms, median {usual * 1000:.0f} ms: the run created "
                  + ", ".join(f"{n} {service}" for service, n in clients.most_common()) + " botocore clients "
                  "(PynamoDB makes a session and a client per model class on its first request)")


def replay(calls) -> tuple[float, int]:
    """Seconds to make the recorded requests again with a bare botocore client on a fresh moto."""
    with embedded_aws(), harness():
        config = Config(parameter_validation=False)  # as PynamoDB's client, so only our own code differs
        client = botocore.session.get_session().create_client("dynamodb", region_name="us-east-1", config=config)
        errors, started = 0, time.perf_counter()
        for call in calls:
            try:
                client._make_api_call(call.operation, call.params)
            except ClientError:
                errors += 1
        return time.perf_counter() - started, errors
