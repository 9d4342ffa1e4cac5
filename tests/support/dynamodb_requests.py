"""The DynamoDB requests the app makes, counted as `make bench` counts them: a botocore hook on every client."""
from typing import Iterator

import botocore.session
import pytest

from chalicelib.entrypoints import wiring


def requests_made(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A fixture's body: yields the operation names of every DynamoDB request made from then on (by the clients
    built from then on: the app's are built anew), until the test ends."""
    made: list[str] = []
    create_client = botocore.session.Session.create_client

    def counting(self, service_name, *args, **kwargs):
        client = create_client(self, service_name, *args, **kwargs)
        if service_name == "dynamodb":
            client.meta.events.register("before-call.dynamodb", lambda model, **_: made.append(model.name))
        return client

    monkeypatch.setattr(botocore.session.Session, "create_client", counting)
    wiring.reset()
    yield made
    wiring.reset()
