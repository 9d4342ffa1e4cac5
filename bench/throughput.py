"""Figure 3: events per second through the handler, over the bare DynamoDB requests those events need."""
import statistics
from collections import Counter

from bench import report

BUDGET = 1.5


def report_run(result) -> None:
    report.heading("3. Throughput: marketplace_events (batches of 10, moto in-process) vs bare DynamoDB requests")
    dynamo = [c for c in result.calls if c.service == "dynamodb"]
    handler, bare, events = result.delivery.seconds, result.bare.seconds, len(result.envelopes)
    report.figure("events per second through marketplace_events", f"{events / handler:.1f}", "-", None)
    report.figure("our overhead: handler time / bare DynamoDB time", f"{handler / bare:.2f}", f"<= {BUDGET:g}",
                  handler / bare <= BUDGET)
    report.detail(f"{events} events in {handler:.2f} s ({result.delivery.invocations} invocations); the same "
                  f"{result.bare.requests} DynamoDB requests made bare after each batch: {bare:.2f} s "
                  f"({bare / events * 1000:.1f} ms per event; {result.bare.errors} refused, "
                  f"{sum(c.status >= 300 for c in dynamo)} in the handler)")
    in_dynamo = sum(c.seconds for c in dynamo)
    in_sqs = sum(c.seconds for c in result.calls if c.service == "sqs")
    rest = handler - in_dynamo - in_sqs
    report.detail(f"inside the handler: DynamoDB requests {in_dynamo:.2f} s, SQS requests {in_sqs:.2f} s "
                  f"({sum(c.service == 'sqs' for c in result.calls)}), everything else {rest:.2f} s "
                  f"({rest / events * 1000:.1f} ms per event: validation, PynamoDB and botocore, Powertools, "
                  "logging, chalice.test)")
    first, usual = result.delivery.durations[0], statistics.median(result.delivery.durations)
    clients = Counter(service for service, _ in result.clients)
    report.detail(f"first invocation {first * 1000:.0f} ms, median {usual * 1000:.0f} ms: the run created "
                  + ", ".join(f"{n} {service}" for service, n in clients.most_common()) + " botocore clients "
                  "(PynamoDB makes a session and a client per model class on its first request)")
