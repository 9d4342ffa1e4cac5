"""Figures 2 and 3 from one run of the workload through `marketplace_events` (batches of 10, moto in-process).

2: DynamoDB requests per inbound event, overall, per event type and per operation.
3: events per second, next to the time the same DynamoDB requests take replayed bare (a botocore
   client, a fresh moto, the same sequence and parameters): the ratio is our overhead.
The month is then closed on the same state, for figure 4's requests per seller through real events.
"""
import json
from dataclasses import dataclass

from bench import close, cost_per_event, report, throughput, workload
from bench.delivery import Delivery, deliver_events, labelled
from bench.recorder import RECORDER, Call
from bench.stage import embedded_aws, lambda_client, quiet

SELLERS, EVENTS_PER_SELLER = 12, 50


@dataclass
class EventsRun:
    envelopes: list[dict]
    delivery: Delivery
    calls: list[Call]  # every AWS request the handler made (the harness's own excluded)
    clients: list[tuple[str, str]]  # the botocore clients created meanwhile: (service, label)


def run(figures=("2", "3")) -> "close.CloseRun":
    """Prints the figures asked for; returns the close of the same state (figure 4 prints it)."""
    envelopes = workload.stream(SELLERS, EVENTS_PER_SELLER)
    with embedded_aws(), lambda_client() as client:
        result = deliver(client, envelopes)
        closed = close.close_month(client, SELLERS, f"{EVENTS_PER_SELLER} events per seller ({SELLERS} sellers), through events")
    if "2" in figures:
        cost_per_event.report_run(result)
    if "3" in figures:
        throughput.report_run(result)
    return closed


def deliver(client, envelopes: list[dict]) -> EventsRun:
    """The envelopes through the handler, each request labelled with the type of the event that made it."""
    from chalicelib.services import events

    RECORDER.take()
    created = len(RECORDER.clients)
    with quiet(), labelled(events, "process", lambda store, publisher, body: json.loads(body)["type"]):
        delivery = deliver_events(client, envelopes)
    calls = [c for c in RECORDER.take() if c.label != "harness"]
    return EventsRun(envelopes, delivery, calls, RECORDER.clients[created:])
