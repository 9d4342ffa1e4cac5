"""schemathesis with all its checks over real HTTP: every operation of docs/openapi.yaml, valid and invalid
requests, sent to a live `python -m infra.local up` with the token of a caller the route is for (DESIGN 8).
The document and the code agree when nothing is found: no 5xx, every status documented, every content type and
body as documented, what the document refuses the API refuses and what it allows the API does not call bad input.

Two kinds of answer a schema cannot express are configured, and the document says both in words: a well-formed
request that breaks a business rule (422, DESIGN 8), and the 400s of rules across values or the clock on four
routes (a cursor the API did not issue; a month that has not begun; `from` after `to` or more than 24 months).
A method a path does not have answers 404, as API Gateway does, not the 405 two checks want: they are off."""
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup

from tests.reliability.test_hostile_http import DOCUMENT
from tests.support import events as ev
from tests.support.auth import TokenFactory

EXAMPLES_PER_OPERATION = 30
ACCEPTED = ["2xx", "401", "403", "404", "409", "422"]  # a valid request is never a 400 (nor a 5xx)
CROSS_VALUE_RULES = ["^/sellers/\\{seller_id\\}/(contacts|inbox)$", "^/sellers/\\{seller_id\\}/metrics/"]
SETTINGS = {
    # A method a path does not have is API Gateway's MISSING_AUTHENTICATION_TOKEN, a 404 "no such route" (our
    # template's answer; the gateway cannot tell it from an unknown path), not the 405 these two checks expect.
    "checks": {"enabled": True, "positive_data_acceptance": {"expected-statuses": ACCEPTED},
               "unsupported_method": {"enabled": False}, "allow_header_conformance": {"enabled": False}},
    "operations": [{"include-path-regex": rule,
                    "checks": {"positive_data_acceptance": {"expected-statuses": [*ACCEPTED, "400"]}}}
                   for rule in CROSS_VALUE_RULES]}
SCHEMA = schemathesis.openapi.from_path(DOCUMENT, config=SchemathesisConfig.from_dict(SETTINGS))
# The seller routes again for S1, who exists: valid requests past the 404 of an unknown seller, into the handlers'
# own rules (invalid ones: above; with the path pinned, schemathesis counts an unknown query key as invalid data).
AS_S1 = schemathesis.openapi.from_path(DOCUMENT, config=SchemathesisConfig.from_dict(
    {**SETTINGS, "parameters": {"path.seller_id": "S1"}, "generation": {"mode": "positive"}})).include(
    path_regex="^/sellers/")
CHECKS = {"status_code_conformance", "content_type_conformance", "response_headers_conformance",
          "response_schema_conformance", "negative_data_rejection", "positive_data_acceptance", "not_a_server_error",
          "missing_required_header", "ignored_auth"}
answered: Counter = Counter()  # (pass, status) -> requests


@pytest.fixture(scope="module")
def stack(live_stack):
    live_stack.send([ev.seller_registered("S1", occurred_at="2026-05-01T00:00:00Z", event_id="conformance-1"),
                     ev.order_placed("O1", total="150.00", occurred_at="2026-11-20T10:00:00Z",
                                     event_id="conformance-2"),
                     ev.contact_created("C1", "O1", topic="damaged", occurred_at="2026-11-21T10:00:00Z",
                                        event_id="conformance-3")])
    yield live_stack
    print(f"\nlive conformance: {sum(answered.values())} requests: {dict(sorted(answered.items()))}")


def caller_headers(case) -> dict:
    """The token of a caller the route is for: the seller in the path, an agent, a supervisor to approve."""
    tokens, path = TokenFactory(), case.operation.path
    if path.startswith("/sellers/"):
        return tokens.headers(str((case.path_parameters or {})["seller_id"]))
    if path.endswith("/approve"):
        return tokens.headers("B1", "supervisor")
    if path.startswith(("/refunds", "/contacts")):
        return tokens.headers("A1", "agent")
    return tokens.headers("S1") if path == "/message-checks" else {}


def test_the_checks_run_are_all_of_schemathesis_s_response_checks():
    from schemathesis.checks import CheckContext, load_all_checks

    load_all_checks()
    enabled = {check.__name__ for check in CheckContext(override=None, auth=None, headers=None,
                                                         config=SCHEMA.config.checks_config_for(),
                                                         transport_kwargs=None, response_checks=None).internals.checks}
    assert enabled >= CHECKS, CHECKS - enabled


@SCHEMA.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_schemathesis_finds_nothing_over_the_live_server(stack, case):
    response = case.call_and_validate(base_url=stack.api, headers=caller_headers(case), timeout=60)
    answered["any seller", response.status_code] += 1


@AS_S1.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_schemathesis_finds_nothing_on_the_routes_of_a_seller_that_exists(stack, case):
    response = case.call_and_validate(base_url=stack.api, headers=caller_headers(case), timeout=60)
    answered["S1", response.status_code] += 1
