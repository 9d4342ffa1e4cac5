"""Shared fixtures: the local stage's environment, moto in-process with every resource of infra/."""
import json
import os
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STAGE_ENV = json.loads((ROOT / ".chalice" / "config.json").read_text())["stages"]["local"]["environment_variables"]

os.environ.update(STAGE_ENV)
os.environ.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_SESSION_TOKEN="testing",
                  AWS_DEFAULT_REGION="us-east-1", AWS_REGION="us-east-1", POWERTOOLS_LOG_LEVEL="WARNING")
os.environ.pop("AWS_ENDPOINT_URL", None)
os.environ.pop("AWS_PROFILE", None)


@pytest.fixture
def aws():
    """A fresh embedded AWS (moto, in-process) holding every table and queue of infra/template.yaml."""
    from moto import mock_aws

    from chalicelib.entrypoints import wiring
    from infra.resources import create_all

    with mock_aws():
        wiring.reset()
        create_all("local")
        yield
        wiring.reset()


@pytest.fixture
def store(aws):
    from chalicelib.entrypoints import wiring

    return wiring.store()


@pytest.fixture
def queues(aws):
    from tests.support.sqs import QueueReader

    return QueueReader()


@pytest.fixture
def client(aws, monkeypatch):
    from chalice.test import Client

    import app
    from infra.local_gateway import install

    install()
    requests_per_thread(monkeypatch)
    with Client(app.app, stage_name="local", project_dir=str(ROOT)) as test_client:
        yield test_client


def requests_per_thread(monkeypatch) -> None:
    """Each thread calling the app sees its own request, as each Lambda instance does.

    Chalice keeps the request being served on the app object (`app.current_request`); Lambda serves one
    request at a time per instance, but the concurrency tests call one app from many threads, which
    would otherwise read each other's bodies (20 refunds became one refund_id, 20 times).
    """
    import threading

    from chalice.app import Chalice

    local = threading.local()
    monkeypatch.setattr(Chalice, "current_request", property(lambda self: getattr(local, "request", None),
                                                             lambda self, request: setattr(local, "request", request)),
                        raising=False)


@pytest.fixture
def tokens():
    from tests.support.auth import TokenFactory

    return TokenFactory()


def unique_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def atomic_requests(monkeypatch):
    """Each AWS request is applied atomically, as DynamoDB and SQS do; in-process moto is not thread-safe.

    Requests from different threads still interleave freely between one another, which is what
    the concurrency tests exercise.
    """
    import threading

    from moto.core.botocore_stubber import BotocoreStubber

    lock = threading.Lock()
    original = BotocoreStubber.__call__

    def serialised(self, *args, **kwargs):
        with lock:
            return original(self, *args, **kwargs)

    monkeypatch.setattr(BotocoreStubber, "__call__", serialised)


@pytest.fixture
def send_crashes_once(monkeypatch):
    """The first queue send of the app dies (after its database write); returns the keys sent, in order."""
    from chalicelib.entrypoints import wiring

    original, calls = wiring.QueuePublisher.send, []

    def send(self, queue, body, idempotency_key):
        calls.append(idempotency_key)
        if len(calls) == 1:
            raise ConnectionError("killed between the database write and the queue send")
        return original(self, queue, body, idempotency_key)

    monkeypatch.setattr(wiring.QueuePublisher, "send", send)
    return calls


@pytest.fixture(params=["memory", "dynamodb"])
def any_store(request):
    """The whole store port twice: the in-memory fake (fast) and DynamoStore on moto (the contract)."""
    if request.param == "memory":
        from tests.support.fakes import InMemoryStore

        return InMemoryStore()
    return request.getfixturevalue("store")
