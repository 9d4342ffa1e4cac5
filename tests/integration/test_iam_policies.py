"""Least privilege: each function's policy grants every AWS call its handler makes, and the files are current.

Every handler runs its paths (each event type, dead-lettering, duplicates, the sweep's escalation and
relay, the close and invoicing, every route) while the AWS calls it makes are recorded as IAM
permissions; the stage `local` policy of that function must allow each one.
"""
import json

from infra import policies
from infra.access import FUNCTIONS
from tests.support import scenario
from tests.support.iam import allows, recorded_permissions


def test_every_aws_call_of_every_handler_is_granted_by_that_functions_policy(client, tokens, store, monkeypatch):
    needed = {}

    def recording(function, run):  # a function run twice (the close, then the re-close) needs both runs' calls
        with recorded_permissions(monkeypatch) as seen:
            run()
        needed.setdefault(function, set()).update(seen)

    scenario.run_handlers(client, store, recording)
    recording("api_handler", lambda: scenario.api_handler(client, tokens))
    for function, permissions in needed.items():
        policy = json.loads((policies.ROOT / ".chalice" / policies.policy_file("local", function)).read_text())
        refused = sorted(p for p in permissions if not allows(policy, *p))
        assert permissions and not refused, f"{function} is refused {refused}: add them to infra/access.py"


def test_the_committed_policy_files_and_chalice_config_are_those_infra_access_describes():
    assert policies.main(["--check"]) == 0, "run python -m infra.policies"


def test_policies_name_only_tables_and_queues_of_the_template():
    from infra.resources import resources_of

    tables = {p["TableName"]["Fn::Sub"].split("-", 2)[2] for p in resources_of("AWS::DynamoDB::Table").values()}
    queues = {p["QueueName"]["Fn::Sub"].split("-", 2)[2] for p in resources_of("AWS::SQS::Queue").values()}
    for access in FUNCTIONS.values():
        assert {name.split("/")[0] for name in access.tables} <= tables
        assert set(access.sends) | ({access.consumes} - {None}) <= queues
