"""Transient AWS failures injected below the app, at the botocore level, for every client.

Every DynamoDB and SQS call (boto3's clients and PynamoDB's alike go through
`BaseClient._make_api_call`) fails with the given probability while injection is on:
a throttle or a 5xx. Most fail before the request reaches the service, so nothing is
applied; the rest fail after it was applied, as when a response is lost on the way back
(a committed transaction, a sent message): the retry must then be absorbed by idempotency.
Injection sits above botocore's own retries, so every fault reaches the app's retry path:
the partial batch response.
"""
import contextlib
import random
from collections import Counter

from botocore.client import BaseClient
from botocore.exceptions import ClientError

FAULTS = {"dynamodb": [("ThrottlingException", 400), ("ProvisionedThroughputExceededException", 400),
                       ("InternalServerError", 500)],
          "sqs": [("ThrottlingException", 400), ("InternalError", 500), ("ServiceUnavailable", 503)]}
RESPONSE_LOST_SHARE = 0.3  # of the faults: the request was applied, the answer lost


class FaultInjector:
    """Seeded, so a run is reproducible; `counts` tallies the faults injected by kind."""

    def __init__(self, rate: float, seed: int = 10):
        self.rate, self.rng, self.active = rate, random.Random(seed), False
        self.counts: Counter = Counter()
        self.calls = 0

    @contextlib.contextmanager
    def installed(self, monkeypatch):
        original = BaseClient._make_api_call
        injector = self

        def make_api_call(client, operation, params):
            return injector.call(original, client, operation, params)

        monkeypatch.setattr(BaseClient, "_make_api_call", make_api_call)
        yield self

    @contextlib.contextmanager
    def on(self):
        """Inject only inside the block: the app's handlers, not the test's own reads of tables and queues."""
        self.active = True
        try:
            yield
        finally:
            self.active = False

    def call(self, original, client, operation, params):
        service = client.meta.service_model.endpoint_prefix
        if not self.active or service not in FAULTS:
            return original(client, operation, params)
        self.calls += 1
        if self.rng.random() >= self.rate:
            return original(client, operation, params)
        code, status = self.rng.choice(FAULTS[service])
        if self.rng.random() < RESPONSE_LOST_SHARE:
            original(client, operation, params)
            self.counts["response lost after apply"] += 1
        else:
            self.counts["refused before apply"] += 1
        raise ClientError({"Error": {"Code": code, "Message": "injected fault"},
                           "ResponseMetadata": {"HTTPStatusCode": status}}, operation)

    @property
    def injected(self) -> int:
        return sum(self.counts.values())


class SendFails:
    """The next `times` SendMessage calls to one queue fail: before SQS accepts the message (the process
    died between its database write and the send), or after (the message left, its answer was lost)."""

    def __init__(self, queue_name: str, times: int = 1, after_apply: bool = False):
        self.queue_name, self.left, self.after_apply = queue_name, times, after_apply
        self.injected = 0

    def install(self, monkeypatch) -> "SendFails":
        original = BaseClient._make_api_call

        def make_api_call(client, operation, params):
            if operation != "SendMessage" or not params["QueueUrl"].endswith("/" + self.queue_name) or not self.left:
                return original(client, operation, params)
            self.left -= 1
            self.injected += 1
            if self.after_apply:
                original(client, operation, params)
            raise ClientError({"Error": {"Code": "InternalError", "Message": "injected: killed at the send"},
                               "ResponseMetadata": {"HTTPStatusCode": 500}}, operation)

        monkeypatch.setattr(BaseClient, "_make_api_call", make_api_call)
        return self
