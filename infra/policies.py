"""Writes one least-privilege IAM policy per stage and Lambda function from infra/access.py.

    python -m infra.policies           # (re)write .chalice/policies/<stage>/<function>.json and wire them
    python -m infra.policies --check   # exit 1 if the committed files differ from what would be written

Chalice uses them because .chalice/config.json sets `autogen_policy: false` and, per stage,
`lambda_functions.<function>.iam_policy_file` (api_handler is the REST API's function).
"""
import json
import sys
from pathlib import Path

from infra.access import FUNCTIONS

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".chalice" / "config.json"
STAGES = ("local", "dev", "prod")
# X-Ray (chalice's `xray` setting: Active tracing) sends segments with the function's role; they name no resource.
TRACING = {"Sid": "Tracing", "Effect": "Allow", "Action": ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
           "Resource": "*"}
CONSUMER_ACTIONS = ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes",
                    "sqs:ReceiveMessage"]


def policy_file(stage: str, function: str) -> str:
    """The path chalice reads, relative to .chalice/."""
    return f"policies/{stage}/{function}.json"


def policy(stage: str, function: str) -> dict:
    access = FUNCTIONS[function]
    statements = [_logs(stage, function), TRACING]
    statements += [_table(stage, name, actions) for name, actions in access.tables.items()]
    if access.sends:
        statements.append({"Sid": "SendToQueues", "Effect": "Allow", "Action": ["sqs:GetQueueUrl", "sqs:SendMessage"],
                           "Resource": [_queue(stage, q) for q in access.sends]})
    if access.consumes:
        statements.append({"Sid": "ConsumeEventSource", "Effect": "Allow", "Action": CONSUMER_ACTIONS,
                           "Resource": _queue(stage, access.consumes)})
    return {"Version": "2012-10-17", "Statement": statements}


def _logs(stage: str, function: str) -> dict:
    """Its own log group, which infra/template.yaml creates and names as chalice deploy names the function."""
    deployed = f"csba-{stage}" if function == "api_handler" else f"csba-{stage}-{function}"
    return {"Sid": "OwnLogs", "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
            "Resource": [f"arn:aws:logs:*:*:log-group:/aws/lambda/{deployed}",
                         f"arn:aws:logs:*:*:log-group:/aws/lambda/{deployed}:*"]}


def _table(stage: str, name: str, actions: tuple[str, ...]) -> dict:
    sid = "".join(part.capitalize() for part in name.replace("/index/", "-index-").split("-"))
    return {"Sid": sid, "Effect": "Allow", "Action": [f"dynamodb:{a}" for a in sorted(actions)],
            "Resource": f"arn:aws:dynamodb:*:*:table/csba-{stage}-{name}"}


def _queue(stage: str, name: str) -> str:
    return f"arn:aws:sqs:*:*:csba-{stage}-{name}"


def expected_files() -> dict[Path, str]:
    """Every policy file and the chalice config, as they should be on disk."""
    files = {ROOT / ".chalice" / policy_file(stage, fn): _json(policy(stage, fn))
             for stage in STAGES for fn in FUNCTIONS}
    config = json.loads(CONFIG.read_text())
    stages = config.pop("stages")
    config = {**config, "autogen_policy": False, "stages": stages}
    for stage in STAGES:
        config["stages"][stage]["lambda_functions"] = {fn: {"iam_policy_file": policy_file(stage, fn)}
                                                       for fn in FUNCTIONS}
    files[CONFIG] = _json(config)
    return files


def _json(document: dict) -> str:
    return json.dumps(document, indent=2) + "\n"


def main(argv: list[str]) -> int:
    stale = [path for path, text in expected_files().items() if not path.exists() or path.read_text() != text]
    if "--check" in argv:
        for path in stale:
            print(f"out of date: {path.relative_to(ROOT)} (run python -m infra.policies)", file=sys.stderr)
        return 1 if stale else 0
    for path, text in expected_files().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    print(f"wrote {len(stale)} file(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
