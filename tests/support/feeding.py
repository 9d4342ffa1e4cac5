"""Events fed to a store through the event service, as the marketplace consumer does, for service tests."""
import json
from typing import Any

from chalicelib.services import events
from tests.support.fakes import RecordingPublisher


def feed(store: Any, *envelopes: dict, publisher: RecordingPublisher | None = None) -> RecordingPublisher:
    """Process each envelope once (each must be processed, not refused); returns the publisher that sent."""
    publisher = publisher or RecordingPublisher()
    for envelope in envelopes:
        assert events.process(store, publisher, json.dumps(envelope)) == "processed", envelope
    return publisher


class RecordingJobs:
    """The billing jobs queue: what a service enqueued, in order."""

    def __init__(self) -> None:
        self.jobs: list[dict] = []

    def enqueue(self, jobs: list[dict]) -> None:
        self.jobs.extend(jobs)
