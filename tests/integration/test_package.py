"""The deployable: `chalice package --merge-template infra/template.yaml` passes cfn-lint and keeps our settings."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: {suffix: loader.construct_object(node)}
                              if not isinstance(node, yaml.ScalarNode) else {suffix: node.value})


@pytest.fixture(scope="module")
def packaged(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("package")
    env = {**os.environ, "AWS_DEFAULT_REGION": "us-east-1"}
    subprocess.run([str(BIN / "chalice"), "package", "--stage", "dev", "--merge-template", "infra/template.yaml",
                    "--template-format", "yaml", str(out)], cwd=ROOT, env=env, check=True, capture_output=True)
    return out / "sam.yaml"


def test_the_packaged_template_passes_cfn_lint(packaged):
    result = subprocess.run([str(BIN / "cfn-lint"), str(packaged)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_sqs_event_source_reports_batch_item_failures(packaged):
    resources = yaml.load(packaged.read_text(), Loader=_Loader)["Resources"]
    sources = [event for r in resources.values() if r["Type"] == "AWS::Serverless::Function"
               for event in r["Properties"].get("Events", {}).values() if event["Type"] == "SQS"]
    assert sources
    assert all(s["Properties"]["FunctionResponseTypes"] == ["ReportBatchItemFailures"] for s in sources)


def test_queues_have_dead_letter_queues_and_tables_point_in_time_recovery(packaged):
    resources = yaml.load(packaged.read_text(), Loader=_Loader)["Resources"]
    timeout = json.loads((ROOT / ".chalice" / "config.json").read_text())["lambda_timeout"]
    queues = {k: r["Properties"] for k, r in resources.items() if r["Type"] == "AWS::SQS::Queue"}
    for name, props in queues.items():
        if name.endswith("DLQ"):
            continue
        assert props["RedrivePolicy"]["maxReceiveCount"] == 5, name
        assert props.get("VisibilityTimeout", 30) >= timeout, name
    tables = [r["Properties"] for r in resources.values() if r["Type"] == "AWS::DynamoDB::Table"]
    assert tables and all(t["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] for t in tables)


def _referenced(value) -> str:
    """The logical id in {"Ref": id} or {"Fn::GetAtt": [id, attribute]}."""
    if "Ref" in value:
        return value["Ref"]
    return value["Fn::GetAtt"][0]


def test_every_dead_letter_queue_and_every_handler_alarms_to_the_stage_topic(packaged):
    resources = yaml.load(packaged.read_text(), Loader=_Loader)["Resources"]
    assert resources["AlarmsTopic"]["Properties"]["TopicName"] == {"Fn::Sub": "csba-${Stage}-alarms"}
    alarms = [r["Properties"] for r in resources.values() if r["Type"] == "AWS::CloudWatch::Alarm"]
    assert all(a["AlarmActions"] == [{"Ref": "AlarmsTopic"}] for a in alarms)
    watched = {(a["MetricName"], _referenced(a["Dimensions"][0]["Value"])) for a in alarms}
    dlqs = {name for name, r in resources.items() if r["Type"] == "AWS::SQS::Queue" and name.endswith("DLQ")}
    assert len(dlqs) == 6
    assert {("ApproximateNumberOfMessagesVisible", dlq) for dlq in dlqs} <= watched
    handlers = {"MarketplaceEvents", "BillingJobs", "MonthlyClose", "DailySweep", "APIHandler"}
    assert all(resources[h]["Type"] == "AWS::Serverless::Function" for h in handlers)
    assert {("Errors", h) for h in handlers} <= watched


def test_with_autogen_policy_off_each_function_gets_its_own_role_with_its_policy_file(packaged):
    from infra.access import FUNCTIONS
    from infra.policies import policy

    resources = yaml.load(packaged.read_text(), Loader=_Loader)["Resources"]
    assert "DefaultRole" not in resources
    for function, access in FUNCTIONS.items():
        role = _referenced(resources[access.logical_id]["Properties"]["Role"])
        assert [p["PolicyDocument"] for p in resources[role]["Properties"]["Policies"]] == [policy("dev", function)]
