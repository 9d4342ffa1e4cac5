"""The deployable, read from what `make package STAGE=prod` builds (infra/package.py): the template passes
cfn-lint and checkov, and carries the settings a careful operator needs (README, Deploying and Operations)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from infra import iac_checks
from tests.support.packaged import build, mapped, of_type, referenced, resources, template

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def prod(tmp_path_factory) -> Path:
    return build("prod", tmp_path_factory.mktemp("prod"))


def test_the_packaged_template_passes_cfn_lint(prod):
    result = subprocess.run([str(BIN / "cfn-lint"), str(prod / "sam.yaml")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_checkov_finds_nothing_beyond_the_skips_listed_with_their_reasons(prod):
    assert iac_checks.CHECKOV.exists(), "make test installs checkov in .venv-checkov"
    allowed = iac_checks.skips()
    assert all(skip["reason"].strip() and skip["resources"] for skip in allowed.values())
    report = iac_checks.checkov(prod / "sam.yaml")
    assert iac_checks.findings(report, allowed) == ([], [])
    assert report["summary"]["passed"] > 0


def test_the_stage_parameter_is_pinned_to_the_packaged_stage(prod):
    stage = template(prod)["Parameters"]["Stage"]
    assert stage["Default"] == "prod" and stage["AllowedValues"] == ["prod"]


def test_sqs_consumers_report_batch_item_failures_depend_on_their_queue_and_are_capped(prod):
    document, found = template(prod), resources(prod)
    queue_ids = {q["Properties"]["QueueName"]["Fn::Sub"].replace("${Stage}", "prod"): name
                 for name, q in of_type(found, "AWS::SQS::Queue").items()}
    consumers = 0
    for name, function in of_type(found, "AWS::Serverless::Function").items():
        for event in function["Properties"].get("Events", {}).values():
            if event["Type"] != "SQS":
                continue
            consumers += 1
            source = event["Properties"]
            assert source["FunctionResponseTypes"] == ["ReportBatchItemFailures"], name
            assert int(mapped(document, "prod", source["ScalingConfig"]["MaximumConcurrency"])) >= 2, name
            queue = queue_ids[source["Queue"]["Fn::Sub"].rsplit(":", 1)[-1]]
            assert queue in function["DependsOn"], name
    assert consumers >= 2


def test_queues_are_encrypted_and_dead_lettered_and_tables_kept_and_protected(prod):
    document, found = template(prod), resources(prod)
    timeout = json.loads((ROOT / ".chalice" / "config.json").read_text())["lambda_timeout"]
    for name, queue in of_type(found, "AWS::SQS::Queue").items():
        assert queue["Properties"]["SqsManagedSseEnabled"] is True, name
        if not name.endswith("DLQ"):
            assert queue["Properties"]["RedrivePolicy"]["maxReceiveCount"] == 5, name
            assert queue["Properties"].get("VisibilityTimeout", 30) >= timeout, name
    tables = of_type(found, "AWS::DynamoDB::Table")
    assert tables
    for name, table in tables.items():
        assert table["DeletionPolicy"] == table["UpdateReplacePolicy"] == "Retain", name
        assert table["Properties"]["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"], name
        assert mapped(document, "prod", table["Properties"]["DeletionProtectionEnabled"]) == "true", name
    assert {mapped(document, "dev", t["Properties"]["DeletionProtectionEnabled"]) for t in tables.values()} == {"false"}


def test_alarms_watch_dead_letters_errors_unhandled_routes_5xx_latency_and_stuck_queues(prod):
    found = resources(prod)
    topic = found["AlarmsTopic"]["Properties"]
    assert topic["TopicName"] == {"Fn::Sub": "csba-${Stage}-alarms"} and topic["KmsMasterKeyId"] == {"Ref": "StageKey"}
    alarms = [a["Properties"] for a in of_type(found, "AWS::CloudWatch::Alarm").values()]
    assert all(a["AlarmActions"] == [{"Ref": "AlarmsTopic"}] for a in alarms)
    watched = {(a["MetricName"], _dimension(a["Dimensions"][0]["Value"])) for a in alarms}
    queues = of_type(found, "AWS::SQS::Queue")
    assert {("ApproximateNumberOfMessagesVisible", q) for q in queues if q.endswith("DLQ")} <= watched
    functions = of_type(found, "AWS::Serverless::Function")
    assert {("Errors", f) for f in functions if f != "JwtAuth"} <= watched  # a rejected token is a Lambda error
    consumed = {d for f in functions.values() for d in f.get("DependsOn", []) if d in queues}
    assert consumed and {("ApproximateAgeOfOldestMessage", q) for q in consumed} <= watched
    assert {("UnhandledErrors", "csba-backend"), ("5XXError", "csba-${Stage}"), ("Latency", "csba-${Stage}")} <= watched
    latency = [a for a in alarms if a["MetricName"] == "Latency"]
    assert latency and latency[0]["ExtendedStatistic"] == "p99"


def _dimension(value) -> str:
    """A dimension's value: a literal, a !Sub's text, or the logical id it refers to."""
    if isinstance(value, str):
        return value
    return value["Fn::Sub"] if "Fn::Sub" in value else referenced(value)


def test_every_function_logs_to_its_own_encrypted_group_with_retention_and_is_traced(prod):
    document, found = template(prod), resources(prod)
    for name, function in of_type(found, "AWS::Serverless::Function").items():
        properties = function["Properties"]
        assert properties["Runtime"] == "python3.13" and properties["Architectures"] == ["arm64"], name
        assert properties["Tracing"] == "Active", name
        group = found[referenced(properties["LoggingConfig"]["LogGroup"])]["Properties"]
        assert int(mapped(document, "prod", group["RetentionInDays"])) == 365 and "KmsKeyId" in group, name
    api = found["RestAPI"]["Properties"]
    assert api["TracingEnabled"] is True
    access = api["AccessLogSetting"]
    fields = json.loads(access["Format"])
    assert {"requestId", "status", "latency", "caller"} <= set(fields)
    assert "RetentionInDays" in found[referenced(access["DestinationArn"])]["Properties"]


def test_the_gateway_answers_its_own_errors_in_the_code_message_shape_and_throttles_per_stage(prod):
    document, api = template(prod), resources(prod)["RestAPI"]["Properties"]
    for kind in ("DEFAULT_4XX", "DEFAULT_5XX", "UNAUTHORIZED", "ACCESS_DENIED"):
        body = api["GatewayResponses"][kind]["ResponseTemplates"]["application/json"]
        assert body.startswith('{"Code": ') and '"Message": ' in body, kind
    (every_route,) = api["MethodSettings"]
    rates = {stage: mapped(document, stage, every_route["ThrottlingRateLimit"]) for stage in ("dev", "prod")}
    assert 0 < rates["dev"] < rates["prod"]


def test_a_failed_scheduled_run_is_dead_lettered_to_an_alarmed_queue_its_role_may_send_to(prod):
    from infra.access import FUNCTIONS, SCHEDULE_FAILURES
    from infra.policies import policy

    found = resources(prod)
    scheduled = {name for name, f in of_type(found, "AWS::Serverless::Function").items()
                 if any(e["Type"] == "Schedule" for e in f["Properties"].get("Events", {}).values())}
    assert {"MonthlyClose", "DailySweep", "WeeklyInsights"} <= scheduled
    for name in scheduled:
        assert found[name]["Properties"]["DeadLetterQueue"]["TargetArn"] == {"Fn::GetAtt": ["ScheduleFailuresDLQ", "Arn"]}
        function = next(f for f, access in FUNCTIONS.items() if access.logical_id == name)
        sends = [s for s in policy("prod", function)["Statement"] if s["Sid"] == "SendToQueues"]
        assert f"arn:aws:sqs:*:*:csba-prod-{SCHEDULE_FAILURES}" in sends[0]["Resource"], name


def test_the_dashboard_shows_functions_queues_api_events_and_money_issued(prod):
    body = resources(prod)["Dashboard"]["Properties"]["DashboardBody"]["Fn::Sub"]
    widgets = json.loads(body.replace("${Stage}", "prod").replace("${AWS::Region}", "us-east-1"))["widgets"]
    shown = json.dumps(widgets)
    for metric in ("Errors", "Duration", "Throttles", "ApproximateNumberOfMessagesVisible",
                   "ApproximateAgeOfOldestMessage", "4XXError", "5XXError", "Latency", "EventsProcessed",
                   "InvoicesIssued", "RefundsIssued"):
        assert metric in shown, metric


def test_with_autogen_policy_off_each_function_gets_its_own_role_with_its_policy_file(prod):
    from infra.access import FUNCTIONS
    from infra.policies import policy

    found = resources(prod)
    assert "DefaultRole" not in found
    for function, access in FUNCTIONS.items():
        role = referenced(found[access.logical_id]["Properties"]["Role"])
        assert [p["PolicyDocument"] for p in found[role]["Properties"]["Policies"]] == [policy("prod", function)]
