"""Figures 2 and 3 from one run of the workload through `marketplace_events` (batches of 10, moto in-process).

2: DynamoDB requests per inbound event, overall, per event type and per operation.
3: events per second, next to the time the same DynamoDB requests take made bare (bench/bare.py:
   after each batch, the same requests with a plain botocore client on shadow tables of the same
   moto): the ratio is our overhead.
The month is then closed on the same state, for figure 4's requests per seller through real events.
"""
from dataclasses import dataclass

from bench import close, cost_per_event, throughput
from bench.bare import BareReplay
from bench.delivery import Delivery, deliver_events, labelled
from bench.stage import embedded_aws, lambda_client, quiet
from simulation import workload
from simulation.recorder import RECORDER, Call

SELLERS, EVENTS_PER_SELLER = 12, 50


@dataclass
class EventsRun:
    envelopes: list[dict]
    delivery: Delivery
    calls: list[Call]  # every AWS request the handler made (the harness's own excluded)
    clients: list[tuple[str, str]]  # the botocore clients created meanwhile: (service, label)
    bare: BareReplay | None = None


def run(figures=("2", "3")) -> "close.CloseRun":
    """Prints the figures asked for; returns the close of the same state (figure 4 prints it)."""
    envelopes = workload.stream(SELLERS, EVENTS_PER_SELLER)
    with embedded_aws(), lambda_client() as client:
        result = deliver(client, envelopes, BareReplay())
        closed = close.close_month(client, SELLERS, f"{EVENTS_PER_SELLER} events per seller ({SELLERS} sellers), "
                                                    "through events")
    if "2" in figures:
        cost_per_event.report_run(result)
    if "3" in figures:
        throughput.report_run(result)
    return closed


def deliver(client, envelopes: list[dict], bare: BareReplay | None = None) -> EventsRun:
    """The envelopes through the handler, each request labelled with the type of the event that made it."""
    from chalicelib.services import events

    RECORDER.take()
    created, calls = len(RECORDER.clients), []

    def after_batch():
        batch = [c for c in RECORDER.take() if c.label != "harness"]
        calls.extend(batch)
        if bare:
            bare.replay([c for c in batch if c.service == "dynamodb"])

    with quiet(), labelled(events, "apply", lambda store, publisher, event: event.envelope.type):
        delivery = deliver_events(client, envelopes, after=after_batch)
    return EventsRun(envelopes, delivery, calls, RECORDER.clients[created:], bare)
