"""One scenario through every handler and route: each event type, dead-lettering, a duplicate, the
sweep's escalation and relay, the monthly close and invoicing, then a request for every route.

Used by the least-privilege test (which AWS calls each handler makes) and the API reference test
(every response matches docs/openapi.yaml).
"""
import json
import re
from datetime import timedelta

from chalicelib.domain.clock import to_wire, utc_now
from chalicelib.domain.weeks import SHARDS
from chalicelib.services.changes import QueueMessage
from tests.support import events as ev
from tests.support.sqs import pump, sqs_event

JSON = {"Content-Type": "application/json"}
PARAMETER = re.compile(r"\{[^/]+\}")


def ago(days: float) -> str:
    return to_wire(utc_now() - timedelta(days=days))


def scheduled(at: str, detail: dict | None = None) -> dict:
    return {"version": "0", "id": "x", "detail-type": "Scheduled Event", "source": "aws.events",
            "account": "123456789012", "time": at, "region": "us-east-1", "resources": [], "detail": detail or {}}


def run_handlers(client, store, each=None) -> None:
    """Every handler in turn, as `each(function, run)` runs it (by default: just runs it)."""
    each = each or (lambda function, run: run())
    for function, run in [("marketplace_events", marketplace_events), ("daily_sweep", daily_sweep),
                          ("monthly_close", monthly_close), ("weekly_insights", weekly_insights),
                          ("billing_jobs", billing_jobs), ("marketplace_events", late_october),
                          ("monthly_close", reclose_october), ("billing_jobs", billing_correction)]:
        if function == "daily_sweep":  # a message whose send after its commit was lost: the sweep resends it
            store.commit([QueueMessage("stuck:1", "payments_queue", {"type": "InvoiceIssued"})])
        each(function, lambda: run(client))


def marketplace_events(client):
    october = [e for n in range(30) for e in (
        ev.order_placed(f"OCT{n}", units=2, occurred_at="2026-10-02T10:00:00Z"),
        ev.order_shipped(f"OCT{n}", units=2, occurred_at="2026-10-03T10:00:00Z"))]
    recent = [ev.order_placed("O1", total="150.00", occurred_at=ago(10)), ev.order_shipped("O1", occurred_at=ago(9)),
              ev.return_requested("O1", "RET1", occurred_at=ago(8)),
              ev.contact_created("C1", "O1", topic="damaged", occurred_at=ago(8)),
              ev.contact_created("C2", "O1", topic="invoice", occurred_at=ago(8)),
              ev.contact_created("C3", "O1", occurred_at=ago(3)),
              ev.contact_responded("C1", ago(7.9)), ev.contact_resolved("C1", occurred_at=ago(7.8)),
              ev.survey_answered("C1", False, occurred_at=ago(7.7))]
    first = [ev.seller_registered(occurred_at="2026-01-05T00:00:00Z"),
             ev.seller_status_changed("active", occurred_at="2026-01-06T00:00:00Z")]
    batches = [first, *[october[i:i + 10] for i in range(0, 60, 10)], recent, [first[0], "not json"]]
    for batch in batches:
        assert client.lambda_.invoke("marketplace_events", sqs_event(batch)).payload == {"batchItemFailures": []}


def daily_sweep(client):
    result = client.lambda_.invoke("daily_sweep", scheduled(to_wire(utc_now() + timedelta(hours=1)))).payload
    assert result["escalated"] == 1 and result["resent"] >= 1


def monthly_close(client):
    assert client.lambda_.invoke("monthly_close", scheduled("2026-11-01T02:00:00Z")).payload["close_jobs"] == 7


def weekly_insights(client):
    assert client.lambda_.invoke("weekly_insights", scheduled(to_wire(utc_now()))).payload["insight_jobs"] == 7 * SHARDS


def billing_jobs(client):
    assert pump(client, "billing_jobs", "billing_jobs_queue") == 8 + 7 * SHARDS  # 7 closes, 1 invoice, insight shards
    bad = client.lambda_.invoke("billing_jobs", sqs_event(["{}"], "csba-local-billing-jobs")).payload
    assert bad == {"batchItemFailures": []}


def late_october(client):
    late = [ev.order_placed("OCT-LATE", units=2, occurred_at="2026-10-30T10:00:00Z"),
            ev.order_shipped("OCT-LATE", units=2, occurred_at="2026-10-31T10:00:00Z")]
    assert client.lambda_.invoke("marketplace_events", sqs_event(late)).payload == {"batchItemFailures": []}


def reclose_october(client):
    detail = {"month": "2026-10", "reclose": True, "seller_id": "S1"}
    assert client.lambda_.invoke("monthly_close", scheduled("2026-11-20T09:00:00Z", detail)).payload["close_jobs"] == 7


def billing_correction(client):
    assert pump(client, "billing_jobs", "billing_jobs_queue") == 8  # 7 re-closes, 1 revision


def api_requests(tokens) -> list[tuple[str, str, dict, dict | None]]:
    """A request for every route and outcome worth covering: (method, path, headers, JSON body)."""
    seller, agent, supervisor = tokens.headers("S1"), tokens.headers("A1", "agent"), tokens.headers("B1", "supervisor")
    refund = {"refund_id": "R1", "contact_id": "C1", "order_id": "O1", "amount": {"amount": "20.00", "currency": "EUR"},
              "reason": "damaged", "returnless": False}
    requests = [
        ("GET", "/health", {}, None), ("GET", "/sellers/S1/enrollments", seller, None),
        ("PUT", f"/sellers/S1/enrollments/{ev.UK}", seller, None),
        ("DELETE", f"/sellers/S1/enrollments/{ev.UK}", seller, None),
        ("PUT", "/sellers/S1/products/B000000001/support-notes", seller, {"text": "Check the seal."}),
        ("GET", "/sellers/S1/contacts", seller, None), ("GET", "/contacts/C1", agent, None),
        ("POST", "/refunds", agent, refund), ("POST", "/refunds", agent, refund),
        ("POST", "/refunds", agent, {**refund, "refund_id": "R2", "amount": {"amount": "120.00", "currency": "EUR"}}),
        ("POST", "/refunds/R2/approve", supervisor, None), ("GET", "/refunds/R1", agent, None),
        ("GET", "/sellers/S1/invoices", seller, None),
        ("GET", f"/sellers/S1/invoices/INV-S1-{ev.DE}-2026-10", seller, None),
        ("GET", f"/sellers/S1/invoices/CN-S1-{ev.DE}-2026-10-1", seller, None),
        ("GET", f"/sellers/S1/invoices/INV-S1-{ev.DE}-2026-10-2", seller, None),
        ("GET", f"/sellers/S1/metrics/{ev.DE}?month=2026-10", seller, None),  # closed: the snapshot
        ("GET", f"/identifier/{ev.DE}/S1", {}, None),
        ("GET", f"/sellers/S1/metrics/{ev.DE}?month={to_wire(utc_now())[:7]}", seller, None),  # live counters
        ("GET", f"/sellers/S1/insights/{ev.DE}", seller, None),
        ("GET", f"/sellers/S1/metrics/{ev.DE}/history?from=2026-01&to=2026-12", seller, None),
        ("GET", "/sellers/S1", seller, None), ("GET", "/sellers/S1/inbox", seller, None),
        ("POST", "/sellers/S1/inbox/C2/replies", seller, {"reply_id": "RP1", "text": "The invoice is attached."}),
        ("POST", "/message-checks", seller, {"text": "Keep it for a 40% refund?", "marketplace_id": ev.DE,
                                             "order_id": "O1"}),
        ("POST", "/message-checks", agent, {"text": "Sorry for the delay.", "marketplace_id": ev.DE}),
    ]
    return requests


def refusals(tokens) -> list[tuple[str, str, dict, dict | None, int]]:
    """Requests the API refuses, after api_requests, with the status each gets."""
    seller, agent = tokens.headers("S1"), tokens.headers("A1", "agent")
    refund = {"refund_id": "R1", "contact_id": "C1", "order_id": "O1", "reason": "damaged", "returnless": False,
              "amount": {"amount": "21.00", "currency": "EUR"}}  # R1 again, another amount
    return [("POST", "/refunds", agent, {"refund_id": "R9"}, 400),
            ("GET", "/sellers/S1/enrollments", {"Authorization": "Bearer not-a-token"}, None, 401),
            ("GET", "/sellers/S2/enrollments", seller, None, 403), ("GET", "/refunds/R404", agent, None, 404),
            ("POST", "/refunds", agent, refund, 409),
            ("POST", "/refunds", agent, {**refund, "refund_id": "R3", "amount": {"amount": "999", "currency": "EUR"}},
             422),
            ("PUT", "/sellers/S1/enrollments/XX", seller, None, 422), ("GET", "/identifier/XX/S1", {}, None, 422),
            ("GET", f"/sellers/S1/metrics/{ev.DE}/history?from=2024-01&to=2026-01", seller, None, 400),
            ("POST", "/sellers/S1/inbox/C2/replies", seller, {"reply_id": "RP2", "text": "Call 030 12345678"}, 422),
            ("POST", "/sellers/S1/inbox/C1/replies", seller, {"reply_id": "RP3", "text": "Sorry!"}, 409)]


def api_handler(client, tokens) -> list:
    """Sends every request of api_requests; each must succeed unless app.py lacks its route yet."""
    responses = []
    for method, path, headers, body in api_requests(tokens):
        response = send(client, method, path, headers, body)
        assert response.status_code < 300 or not has_route(method, path), (method, path, response.body)
        responses.append((method, path, response))
    return responses


def send(client, method: str, path: str, headers: dict, body: dict | None):
    payload = json.dumps(body).encode() if body else b""
    return client.http.request(method, path, headers={**headers, **JSON}, body=payload)


def has_route(method: str, path: str) -> str | None:
    """The route template of app.py that serves this request, if any."""
    import app

    for template, methods in app.app.routes.items():
        if method in methods and re.fullmatch(PARAMETER.sub("[^/]+", template), path.split("?")[0]):
            return template
    return None
