"""Issue 8, figure 2: at most 2 DynamoDB requests per inbound event over a realistic mix, never a Scan or a
Query (their cost would grow with history). Counted with a botocore hook on every DynamoDB client the app
creates, as `make bench` counts them; a count, not a timing."""
from collections import Counter

import pytest

from simulation import workload
from tests.support.dynamodb_requests import requests_made
from tests.support.sqs import sqs_event

BUDGET = 2.0


@pytest.fixture
def dynamodb_requests(aws, monkeypatch):
    yield from requests_made(monkeypatch)


def test_a_realistic_mix_costs_at_most_two_requests_per_event_and_no_scan_or_query(client, store,
                                                                                   dynamodb_requests):
    # Given a month of events for 6 sellers: orders, shipments, returns, contacts, responses and surveys
    envelopes = workload.stream(sellers=6, events_per_seller=20, seed=3)
    assert set(Counter(e["type"] for e in envelopes)) >= set(workload.MIX) | {"SellerRegistered"}
    # When they arrive in batches of 10
    for start in range(0, len(envelopes), 10):
        response = client.lambda_.invoke("marketplace_events", sqs_event(envelopes[start:start + 10])).payload
        assert response == {"batchItemFailures": []}
    # Then
    operations = Counter(dynamodb_requests)
    assert sum(operations.values()) / len(envelopes) <= BUDGET, operations
    assert operations["Scan"] == operations["Query"] == 0
    # and every message the events queued was sent and its outbox item settled
    contacts = [e["detail"]["contact_id"] for e in envelopes if e["type"] == "ContactCreated"]
    assert contacts and store.pending_messages([f"contact:{c}" for c in contacts]) == []
