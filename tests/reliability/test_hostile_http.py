"""Hostile HTTP input (DESIGN 8): schemathesis generates requests from docs/openapi.yaml for every route,
valid and invalid by the schema, with the owner's, another role's or an invalid token; they go through
chalice's local API Gateway (the real authorizer) in-process. No answer is a 5xx; every 4xx carries
{"Code", "Message"}; oversized bodies and over-long path parameters are refused with 400 or 413."""
import json
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings, strategies as st
from schemathesis import GenerationMode
from schemathesis.core import NotSet

from tests.reliability.conftest import fresh_service
from tests.support import events as ev
from tests.support.auth import TokenFactory
from tests.support.sqs import sqs_event

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"
EXAMPLES_PER_OPERATION = 25
TOKENS = ("owner", "agent", "supervisor", "other seller", "wrongly signed", "expired", "garbage", "none")
SCHEMA = schemathesis.openapi.from_path(DOCUMENT)
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
tried: Counter = Counter()  # status code -> generated requests answered with it


@pytest.fixture(scope="module")
def service():
    with fresh_service() as client:
        setup = [ev.seller_registered("S1", occurred_at="2026-05-01T00:00:00Z"),
                 ev.seller_status_changed("active", occurred_at="2026-05-02T00:00:00Z"),
                 ev.order_placed("O1", total="150.00", occurred_at="2026-11-20T10:00:00Z"),
                 ev.contact_created("C1", "O1", topic="damaged", occurred_at="2026-11-21T10:00:00Z")]
        assert client.lambda_.invoke("marketplace_events", sqs_event(setup)).payload == {"batchItemFailures": []}
        yield client
    print(f"\nhostile HTTP: {sum(tried.values())} requests over {len(OPERATIONS)} operations: {dict(tried)}")


def authorization(kind: str, path_parameters: dict) -> dict:
    tokens, owner = TokenFactory(), str(path_parameters.get("seller_id", "S1"))
    return {"owner": lambda: tokens.headers(owner), "agent": lambda: tokens.headers("A1", "agent"),
            "supervisor": lambda: tokens.headers("B1", "supervisor"), "other seller": lambda: tokens.headers("S2"),
            "wrongly signed": lambda: tokens.wrongly_signed(owner), "expired": lambda: tokens.expired(owner),
            "garbage": lambda: {"Authorization": "Bearer not.a.jwt"}, "none": lambda: {}}[kind]()


def request_of(case, token: str) -> tuple[str, str, dict, bytes]:
    path = case.operation.path.format(**{k: quote(str(v), safe="") for k, v in (case.path_parameters or {}).items()})
    if case.query:
        path += "?" + urlencode(case.query, doseq=True)
    headers = {k: str(v) for k, v in (case.headers or {}).items() if k.lower() != "authorization"}
    headers.update(authorization(token, case.path_parameters or {}))
    return case.method.upper(), path, {**headers, "Content-Type": case.media_type or "application/json"}, body_of(case)


def body_of(case) -> bytes:
    if isinstance(case.body, NotSet):
        return b""
    if isinstance(case.body, bytes):
        return case.body
    return case.body.encode() if isinstance(case.body, str) else json.dumps(case.body).encode()


def assert_well_refused(response, request) -> None:
    assert response.status_code < 500, (request, response.status_code, response.body[:300])
    if response.status_code >= 400 and not request[1].startswith("/console/"):  # the API's errors, not pages
        body = json.loads(response.body)
        assert isinstance(body.get("Code"), str) and isinstance(body.get("Message"), str), (request, body)


def schema_invalid(case) -> bool:
    """A path, query or body the document refuses (headers aside: the token is replaced)."""
    components = case.meta.components if case.meta else {}
    return any(info.mode == GenerationMode.NEGATIVE for where, info in components.items() if where.value != "header")


def check_generated_requests(operation, send, examples: int, tally: Counter) -> None:
    """`examples` requests generated for `operation` (valid and not), each with one of TOKENS, through `send`
    (request -> response with status_code and body): no 5xx, every refusal {"Code", "Message"}, and what the
    document refuses the API refuses. Also run over real HTTP (tests/integration/test_live_schemathesis.py)."""
    strategy = operation.as_strategy(generation_mode=GenerationMode.POSITIVE) | operation.as_strategy(
        generation_mode=GenerationMode.NEGATIVE)

    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=strategy, token=st.sampled_from(TOKENS))
    def each(case, token):
        request = request_of(case, token)
        response = send(*request)
        assert_well_refused(response, request)
        if token in ("owner", "agent", "supervisor") and schema_invalid(case):  # the document refuses it: so does the API
            assert 400 <= response.status_code < 500, (request, response.status_code, response.body[:300])
        tally[response.status_code] += 1

    each()


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.label)
def test_no_generated_request_gets_a_5xx_and_every_refusal_has_code_and_message(service, operation):
    def send(method, path, headers, body):
        return service.http.request(method, path, headers=headers, body=body)

    check_generated_requests(operation, send, EXAMPLES_PER_OPERATION, tried)


LONG = "A" * 5000
OVER_LONG_PATHS = [("GET", f"/contacts/{LONG}", "agent"), ("GET", f"/refunds/{LONG}", "agent"),
                   ("POST", f"/refunds/{LONG}/approve", "supervisor"), ("GET", f"/identifier/{ev.DE}/{LONG}", "none"),
                   ("GET", f"/identifier/{LONG}/S1", "none"), ("GET", f"/sellers/S1/invoices/{LONG}", "owner"),
                   ("PUT", f"/sellers/S1/products/{LONG}/support-notes", "owner"),
                   ("GET", f"/sellers/S1/metrics/{LONG}", "owner"), ("PUT", f"/sellers/S1/enrollments/{LONG}", "owner")]


@pytest.mark.parametrize("method, path, token", OVER_LONG_PATHS, ids=lambda v: str(v)[:40])
def test_an_over_long_path_parameter_is_refused_as_bad_input(service, method, path, token):
    body = json.dumps({"text": "x"}).encode() if method == "PUT" else b""
    response = service.http.request(method, path, headers={**authorization(token, {"seller_id": "S1"}),
                                                           "Content-Type": "application/json"}, body=body)
    assert response.status_code == 400 and json.loads(response.body)["Code"] == "BadRequestError"


BIG = 1024 * 1024
OVERSIZED = [("POST", "/refunds", "agent", {"refund_id": "R1", "contact_id": "C1", "order_id": "O1",
                                            "amount": {"amount": "1.00", "currency": "EUR"}, "reason": "damaged",
                                            "returnless": False, "note": "x" * BIG}),
             ("PUT", "/sellers/S1/products/B000000001/support-notes", "owner", {"text": "x", "padding": "x" * BIG}),
             ("PUT", "/sellers/S1/products/B000000001/support-notes", "owner", {"text": "x" * BIG})]


@pytest.mark.parametrize("method, path, token, body", OVERSIZED, ids=lambda v: str(v)[:30])
def test_an_oversized_body_is_refused(service, method, path, token, body):
    response = service.http.request(method, path, headers={**authorization(token, {"seller_id": "S1"}),
                                                           "Content-Type": "application/json"},
                                    body=json.dumps(body).encode())
    assert response.status_code in (400, 413) and set(json.loads(response.body)) >= {"Code", "Message"}


BODY_ROUTES = [op for op in OPERATIONS if "requestBody" in op.definition.raw]
PATH_VALUES = {"seller_id": "S1", "asin": "B000000001", "marketplace_id": ev.DE, "refund_id": "R1", "contact_id": "C1"}
DEEP = {"arrays 1,000 deep": "[" * 1000 + "]" * 1000, "objects 5,000 deep": '{"a":' * 5000 + "1" + "}" * 5000,
        "a deep field": '{"text": ' + "[" * 2000 + "]" * 2000 + "}"}


@pytest.mark.parametrize("operation", BODY_ROUTES, ids=lambda op: op.label)
@pytest.mark.parametrize("deep", DEEP)
def test_a_deeply_nested_body_is_refused_as_bad_input_on_every_body_route(service, operation, deep):
    path = operation.path.format(**PATH_VALUES)
    token = "owner" if "seller_id" in operation.path else "agent"
    response = service.http.request(operation.method.upper(), path, body=DEEP[deep].encode(), headers={
        **authorization(token, PATH_VALUES), "Content-Type": "application/json"})
    assert response.status_code == 400 and set(json.loads(response.body)) == {"Code", "Message"}


def parameter_schema(path: str, name: str) -> dict:
    import yaml

    document = yaml.safe_load(DOCUMENT.read_text())
    item = document["paths"][path]
    for parameter in item.get("parameters", []) + item["get"].get("parameters", []):
        if parameter.get("name") == name:
            return parameter["schema"]
    raise KeyError(name)


DISAGREEMENTS = [  # what schemathesis found over the live server: the document refuses it, the code answered 200
    ("/sellers/S1/metrics/A1PA6795UKMFR9?month=", "owner"), ("/sellers/S1/invoices?month=", "owner"),
    ("/sellers/S1/metrics/A1PA6795UKMFR9?month=0000-01", "owner"),
    ("/sellers/S1/metrics/A1PA6795UKMFR9?month=2021-10", "owner"), ("/sellers/S1/invoices?month=1970-01", "owner"),
    (f"/identifier/{ev.DE}/S%C3%A9ller", "none"), (f"/identifier/{ev.DE}/S1%3Ax", "none"),
    ("/sellers/S1/metrics/A1PA6795UKMFR9?month=2026-1%D9%A1", "owner")]


@pytest.mark.parametrize("path, token", DISAGREEMENTS)
def test_what_the_document_refuses_the_api_refuses_with_a_400(service, path, token):
    response = service.http.get(path, headers=authorization(token, {"seller_id": "S1"}))
    assert response.status_code == 400 and set(json.loads(response.body)) == {"Code", "Message"}


def test_the_first_month_of_csba_is_a_month_the_report_answers(service):
    response = service.http.get("/sellers/S1/metrics/A1PA6795UKMFR9?month=2021-11", headers=authorization("owner", {}))
    assert response.status_code == 200 and json.loads(response.body)["month"] == "2021-11"


def test_currencies_are_those_the_code_supports_and_another_is_a_400(service):
    from chalicelib.domain.money import MINOR_DIGITS

    money = SCHEMA.raw_schema["components"]["schemas"]["Money"]["properties"]["currency"]
    assert sorted(money["enum"]) == sorted(MINOR_DIGITS)
    body = {**OVERSIZED[0][3], "note": "", "amount": {"amount": "1.00", "currency": "AAA"}}
    response = service.http.post("/refunds", headers={**authorization("agent", {}), "Content-Type": "application/json"},
                                 body=json.dumps(body).encode())
    assert response.status_code == 400 and "currency" in json.loads(response.body)["Message"]


@pytest.mark.parametrize("cursor", ["abc", "A" * 1024, "eyJ4IjoxfQ", "not a cursor", "%FF", "A" * 1025])
def test_a_cursor_the_api_did_not_issue_is_a_400_as_the_document_says(service, cursor):
    from chalicelib.services.contacts import CURSOR_TEXT

    # The document's pattern is the code's, and says any other value is a 400
    schema = parameter_schema("/sellers/{seller_id}/contacts", "cursor")
    assert schema["pattern"] == CURSOR_TEXT.pattern
    response = service.http.get(f"/sellers/S1/contacts?{urlencode({'cursor': cursor})}",
                                headers=authorization("owner", {}))
    assert response.status_code == 400 and "cursor" in json.loads(response.body)["Message"]
