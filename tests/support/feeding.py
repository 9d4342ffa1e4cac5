"""Events fed to a store through the event service, as the marketplace consumer does, for service tests."""
import json
from typing import Any, Iterable

from chalicelib.services import events
from chalicelib.services.inbound_events import Event, parse
from tests.support.fakes import RecordingPublisher


def feed(store: Any, *envelopes: dict, publisher: RecordingPublisher | None = None) -> RecordingPublisher:
    """Process each envelope once (each must be processed, not refused); returns the publisher that sent."""
    publisher = publisher or RecordingPublisher()
    for envelope in envelopes:
        assert events.process(store, publisher, json.dumps(envelope)) == "processed", envelope
    return publisher


def parsed_events(bodies: Iterable[str]) -> list[Event]:
    """The valid events among `bodies`, parsed as the marketplace consumer hands them to the read-ahead."""
    return [event for event in map(parse, bodies) if isinstance(event, Event)]


class RecordingJobs:
    """The billing jobs queue: what a service enqueued, in order."""

    def __init__(self) -> None:
        self.jobs: list[dict] = []

    def enqueue(self, jobs: list[dict]) -> None:
        self.jobs.extend(jobs)
