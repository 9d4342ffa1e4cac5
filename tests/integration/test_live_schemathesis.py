"""schemathesis over real HTTP: requests generated from docs/openapi.yaml for every operation, sent to a live
`python -m infra.local up` (its HTTP server, gateway and embedded AWS). No answer is a 5xx; every refusal of the
API carries {"Code", "Message"}; what the document refuses, the API refuses (tests/reliability/test_hostile_http.py
runs the same in-process)."""
import urllib.error
import urllib.request
from collections import Counter
from types import SimpleNamespace

import pytest

from tests.reliability.test_hostile_http import OPERATIONS, check_generated_requests
from tests.support import events as ev

EXAMPLES_PER_OPERATION = 20
answered: Counter = Counter()


@pytest.fixture(scope="module")
def stack(live_stack):
    live_stack.send([ev.seller_registered("S1", occurred_at="2026-05-01T00:00:00Z", event_id="hostile-1"),
                     ev.order_placed("O1", total="150.00", occurred_at="2026-11-20T10:00:00Z", event_id="hostile-2"),
                     ev.contact_created("C1", "O1", topic="damaged", occurred_at="2026-11-21T10:00:00Z",
                                        event_id="hostile-3")])
    yield live_stack
    print(f"\nlive hostile HTTP: {sum(answered.values())} requests: {dict(answered)}")


def send(stack, method: str, path: str, headers: dict, body: bytes) -> SimpleNamespace:
    request = urllib.request.Request(stack.api + path, data=body or None, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
            return SimpleNamespace(status_code=response.status, body=response.read())
    except urllib.error.HTTPError as error:
        return SimpleNamespace(status_code=error.code, body=error.read())


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.label)
def test_no_generated_request_over_http_gets_a_5xx_and_every_refusal_has_code_and_message(stack, operation):
    check_generated_requests(operation, lambda *request: send(stack, *request), EXAMPLES_PER_OPERATION, answered)
