"""A real moto server on loopback for the runner's tests (the embedded AWS of `make run`); DynamoDB's answers
throttled, for the batch and query requests' tests."""
import urllib.request

import boto3
import pytest
from botocore.awsrequest import AWSResponse

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


@pytest.fixture
def throttled(store):
    """throttled(operation, times): the next `times` requests of that operation are answered with nothing
    processed (times=None: every one), as DynamoDB answers when the tables' capacity is exhausted; with
    `error`, they are refused with that error code instead."""
    events, limits = store.t.connection.client.meta.events, {}

    def remember(params, context, model, **_):
        context["request_items"] = params.get("RequestItems")

    def refuse(model, context, **_):
        left, error = limits.get(model.name, (0, None))
        if left == 0:
            return None
        limits[model.name] = (left - 1 if left is not None else None, error)
        if error:
            return AWSResponse("https://dynamodb", 400, {}, None), {"Error": {"Code": error, "Message": error}}
        unprocessed = "UnprocessedKeys" if model.name == "BatchGetItem" else "UnprocessedItems"
        return AWSResponse("https://dynamodb", 200, {}, None), {"Responses": {}, unprocessed: context["request_items"]}

    def throttle(operation: str, times: int | None, error: str | None = None) -> None:
        limits[operation] = (times, error)
        events.register(f"before-parameter-build.dynamodb.{operation}", remember)
        events.register(f"before-call.dynamodb.{operation}", refuse)

    return throttle
