"""Cold start (issue 8, figure 1): what `import app` may load, checked in fresh interpreters.

Every Lambda function imports the whole `app.py`, so a module imported at its top level is paid for
by every cold start of every function. Handlers, services, adapters, pydantic and PyJWT are imported
inside the functions that use them (the queue and schedule handlers, the routes, wiring's builders);
the functional tests prove every handler still works that way. `make bench` measures the time.
"""
import ast
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KEPT_OUT = (  # heavy, and needed by some invocations only
    "pydantic", "pydantic_core", "annotated_types",  # the envelopes, billing jobs and refund bodies
    "jwt", "cryptography",  # token verification, in the authorizer only
    "stdnum",  # VAT ids, when a seller registers
    "phonenumbers", "chalicelib.domain.message_check",  # the messaging rules, when a message is checked
    "chalicelib.services", "chalicelib.adapters.records", "chalicelib.adapters.binding",
    "chalicelib.adapters.dynamo_store", "chalicelib.adapters.mapping", "chalicelib.adapters.queues",
    "chalicelib.domain.billing", "chalicelib.domain.policy", "chalicelib.domain.tax", "chalicelib.domain.metrics",
    "chalicelib.entrypoints.marketplace_consumer", "chalicelib.entrypoints.billing_consumer",
    "chalicelib.entrypoints.schedules", "chalicelib.entrypoints.views",
    "chalicelib.entrypoints.contact_views", "chalicelib.entrypoints.refund_request",
    "chalicelib.entrypoints.inbox_views", "chalicelib.entrypoints.message_bodies",
)
AUTHORIZER_EVENT = {"type": "TOKEN", "authorizationToken": "Bearer {token}",
                    "methodArn": "arn:aws:execute-api:us-east-1:123456789012:abc123/api/GET/sellers/S1/enrollments"}


def modules_after(script: str) -> tuple[set[str], str]:
    """The modules a fresh interpreter holds after running `script`, and what the script printed."""
    code = f"{script}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=dict(os.environ), capture_output=True,
                         text=True, check=True).stdout.splitlines()
    return set(json.loads(out[-1])), "\n".join(out[:-1])


def kept_out(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == k or m.startswith(k + ".") for k in KEPT_OUT))


def test_importing_the_app_loads_no_handler_service_adapter_pydantic_or_jwt():
    # When
    modules, _ = modules_after("import app")
    # Then
    assert "app" in modules and "chalicelib.entrypoints.auth" in modules
    assert kept_out(modules) == []


def test_the_authorizer_imported_alone_loads_jwt_only_to_verify_a_token():
    """API Gateway calls the authorizer's own Lambda handler, `chalicelib.entrypoints.auth.jwt_auth`, without app.py."""
    # Given
    event = json.dumps(AUTHORIZER_EVENT)
    script = f"""
import json, sys
from chalicelib.entrypoints import auth
before = {{"jwt": "jwt" in sys.modules, "app": "app" in sys.modules}}
from chalicelib import settings
from chalicelib.adapters.tokens import issue_local_token
event = json.loads({event!r})
token = issue_local_token(settings.current(), "S1", "seller")
event["authorizationToken"] = event["authorizationToken"].format(token=token)
print(json.dumps({{"before": before, "response": auth.jwt_auth(event, None)}}))
"""
    # When
    modules, printed = modules_after(script)
    result = json.loads(printed)
    # Then
    assert result["before"] == {"jwt": False, "app": False} and "app" not in modules
    assert result["response"]["principalId"] == "S1" and result["response"]["context"] == {"role": "seller"}
    (statement,) = result["response"]["policyDocument"]["Statement"]
    assert statement["Effect"] == "Allow" and any("/sellers/S1" in arn for arn in statement["Resource"])


def test_every_module_imported_inside_a_function_exists():
    # Given the imports inside functions of the app and the entry points
    sources = [ROOT / "app.py", *sorted((ROOT / "chalicelib" / "entrypoints").glob("*.py"))]
    inner = {(node.module, alias.name) for path in sources for function in ast.walk(ast.parse(path.read_text()))
             if isinstance(function, ast.FunctionDef) for node in ast.walk(function)
             if isinstance(node, ast.ImportFrom) and node.module for alias in node.names}
    # When each is imported
    missing = [f"{module}.{name}" for module, name in sorted(inner)
               if not hasattr(importlib.import_module(module), name) and not _is_module(f"{module}.{name}")]
    # Then every one resolves
    assert {("chalicelib.entrypoints", "marketplace_consumer"), ("chalicelib.services", "report")} <= inner
    assert missing == []


def _is_module(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ModuleNotFoundError:
        return False
    return True


def test_the_first_marketplace_events_invocation_parses_events_without_pydantic_or_powertools_batch():
    """The envelopes are checked by plain code and the partial batch built by the project's loop (bench figure 1)."""
    # Given a valid event of each type
    script = """
import json
from tests.support import events as ev
from chalicelib.entrypoints import marketplace_consumer
from chalicelib.services.inbound_events import parse
bodies = [ev.seller_registered("S1", vat_id="DE136695976"), ev.seller_status_changed("active"), ev.order_placed("O1"),
          ev.order_shipped("O1"), ev.return_requested("O1", "R1"), ev.contact_created("C1", "O1"),
          ev.contact_responded("C1", "2026-10-03T13:00:00Z"), ev.contact_resolved("C1"), ev.survey_answered("C1", True)]
print(json.dumps(sorted({parse(json.dumps(body)).envelope.type for body in bodies})))
"""
    # When
    modules, printed = modules_after(script)
    # Then all were parsed, and neither pydantic nor Powertools' batch utility was loaded
    assert len(json.loads(printed)) == 9
    assert [m for m in modules if m.split(".")[0] in ("pydantic", "pydantic_core", "annotated_types")] == []
    assert [m for m in modules if m.startswith(("aws_lambda_powertools.utilities.batch",
                                                 "aws_lambda_powertools.utilities.data_classes"))] == []


def test_the_metrics_report_path_loads_no_vat_checker():
    # When the modules the report route reaches are imported
    modules, _ = modules_after("import app, chalicelib.entrypoints.wiring, chalicelib.services.report")
    # Then python-stdnum waits for the first VAT id to check
    assert not any(m == "stdnum" or m.startswith("stdnum.") for m in modules)


def test_the_marketplace_events_consumer_and_its_store_load_no_close_invoice_or_insights_module():
    """The consumer's store is the case store alone (adapters/dynamo_store.py): the month store waits for a close."""
    # When the consumer and the store it builds are imported and built
    modules, _ = modules_after("import app\nfrom chalicelib.entrypoints import marketplace_consumer, wiring\n"
                               "print(type(wiring.event_store()).__name__)")
    # Then nothing of the month store was loaded
    month_store = ("chalicelib.adapters.dynamo_month_store", "chalicelib.adapters.dynamo_close",
                   "chalicelib.adapters.dynamo_invoices", "chalicelib.adapters.dynamo_insights",
                   "chalicelib.domain.closing", "chalicelib.domain.statistics", "chalicelib.domain.market_stats")
    assert "chalicelib.adapters.dynamo_store" in modules
    assert sorted(modules & set(month_store)) == []


def test_the_report_routes_store_loads_neither_the_events_writes_nor_the_month_jobs():
    """The report reads a seller, its enrolment and its months (adapters/dynamo_report_store.py), nothing more."""
    # When the report service and the store its routes build are imported and built
    modules, printed = modules_after("import app\nfrom chalicelib.entrypoints import wiring\n"
                                     "from chalicelib.services import report\n"
                                     "print(type(wiring.report_store()).__name__)")
    # Then neither the case store nor the month store, nor the services' ports and changes, were loaded
    assert printed == "DynamoReportStore"
    loaded = sorted(m for m in modules if m in (
        "chalicelib.adapters.dynamo_store", "chalicelib.adapters.dynamo_writes", "chalicelib.adapters.dynamo_events",
        "chalicelib.adapters.mapping", "chalicelib.adapters.dynamo_month_store", "chalicelib.adapters.dynamo_invoices",
        "chalicelib.adapters.dynamo_insights", "chalicelib.services.ports", "chalicelib.services.changes",
        "chalicelib.domain.contacts", "chalicelib.domain.refunds", "chalicelib.domain.replies"))
    assert loaded == []
