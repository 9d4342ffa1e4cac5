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
