"""A real moto server on loopback for the runner's tests (the embedded AWS of `make run`)."""
import urllib.request

import boto3
import pytest

from infra import moto_server
from infra.local import main


@pytest.fixture(scope="module")
def moto_endpoint():
    port = moto_server.free_port()
    server = moto_server.start(port)
    yield moto_server.endpoint_of(port)
    server.stop()


@pytest.fixture
def sqs(moto_endpoint, monkeypatch):
    """A fresh embedded AWS holding every resource of the template."""
    urllib.request.urlopen(urllib.request.Request(f"{moto_endpoint}/moto-api/reset", method="POST")).close()
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_endpoint)
    assert main(["create-resources"]) == 0
    return boto3.client("sqs")


@pytest.fixture(scope="session")
def live_stack(tmp_path_factory):
    """`python -m infra.local up` running in a subprocess for the session (one per test worker)."""
    from tests.integration.live_stack import LiveStack

    stack = LiveStack(tmp_path_factory.mktemp("up") / "up.log").wait_until_up()
    yield stack
    assert stack.stop() == 0, stack.log()
