"""The runner's one-shot subcommands: create-resources, send, fire, token (peek is in local_peek).

Each runs with the local stage's environment applied (see infra.local.main) and talks to the
AWS endpoint in AWS_ENDPOINT_URL, by default the runner's moto server on 127.0.0.1:5000.
"""
import json
import os
import uuid
from datetime import datetime, timezone
from pathlib import Path

import boto3
from botocore.exceptions import ClientError
from chalice.local import LambdaContext

from infra import resources
from infra.local_stage import REGION, STAGE, stage_env, use_local_endpoint
from infra.moto_server import is_listening

ACCOUNT = "123456789012"


class CommandError(RuntimeError):
    """A subcommand cannot go on; the message says why and what to do."""


def require_endpoint() -> str:
    """The AWS endpoint in use (defaulted to the local one), if something answers there."""
    endpoint = use_local_endpoint()
    if not is_listening(endpoint):
        raise CommandError(f"nothing answers at {endpoint}: start `python -m infra.local up` first "
                           "(or set AWS_ENDPOINT_URL to your embedded AWS)")
    return endpoint


def queue_url(sqs, name: str) -> str:
    try:
        return sqs.get_queue_url(QueueName=name)["QueueUrl"]
    except ClientError as error:
        raise CommandError(f"queue {name} not found at {sqs.meta.endpoint_url} "
                           f"({error.response['Error']['Code']}): run create-resources first") from None


def create_resources() -> None:
    """Create every table and queue of infra/template.yaml (stage local) at AWS_ENDPOINT_URL."""
    if not os.environ.get("AWS_ENDPOINT_URL"):
        raise CommandError("AWS_ENDPOINT_URL is not set; refusing to create resources in real AWS. "
                           "Set it to the embedded AWS, e.g. AWS_ENDPOINT_URL=http://127.0.0.1:5000")
    endpoint = require_endpoint()
    created = resources.create_all(STAGE, boto3.session.Session())
    print(f"at {endpoint}:")
    for kind in ("queues", "tables"):
        print(f"  {kind}: {', '.join(created[kind])}")


def send(path: str) -> list[str]:
    """Put each envelope of the JSON file (an object or a list) on the marketplace events queue."""
    require_endpoint()
    try:
        document = json.loads(Path(path).read_text())
    except json.JSONDecodeError as error:
        raise CommandError(f"{path} is not JSON: {error}") from None
    envelopes = document if isinstance(document, list) else [document]
    sqs = boto3.client("sqs")
    url = queue_url(sqs, stage_env()["MARKETPLACE_EVENTS_QUEUE"])
    ids = [sqs.send_message(QueueUrl=url, MessageBody=json.dumps(envelope))["MessageId"] for envelope in envelopes]
    print("\n".join(ids))
    return ids


def token(role: str, sub: str, lifetime_seconds: int = 3600) -> str:
    """Print a bearer token signed with the local stage's CSBA_AUTH_SECRET."""
    from chalicelib import settings
    from chalicelib.adapters.tokens import issue_local_token

    issued = issue_local_token(settings.current(), sub, role, lifetime_seconds)
    print(issued)
    return issued


def fire(name: str, at: str, detail: str | None = None):
    """Run schedule `name` in-process as EventBridge would at time `at`; print what it returns."""
    from infra.local_server import load_app

    loaded = load_app()
    schedules = loaded.schedules()
    if name not in schedules:
        known = ", ".join(sorted(schedules)) or "none (app.py defines no schedule yet)"
        raise CommandError(f"unknown schedule {name!r}; known schedules: {known}")
    require_endpoint()
    event = scheduled_event(f"{loaded.config.app_name}-{STAGE}-{name}", at, parse_detail(detail))
    context = LambdaContext(function_name=f"{loaded.config.app_name}-{STAGE}-{name}",
                            memory_size=loaded.config.lambda_memory_size or 512,
                            max_runtime_ms=int(loaded.config.lambda_timeout or 60) * 1000)
    try:
        result = schedules[name](event, context)
    except Exception as error:  # a failed invocation, whatever the exception: one line, as Lambda reports it
        raise CommandError(f"{name} failed: {type(error).__name__}: {error}") from None
    if isinstance(result, dict) and result.get("refused"):  # the schedule logged a refusal and did nothing
        raise CommandError(f"{name} refused: {result['refused']}")
    if isinstance(result, dict) and result.get("refused"):
        raise CommandError(f"{name} refused: {result['refused']}")
    print(json.dumps(result, indent=2, default=str))
    return result


def scheduled_event(rule: str, at: str, detail: dict) -> dict:
    """The event EventBridge sends a scheduled rule's target at time `at`."""
    return {"version": "0", "id": str(uuid.uuid4()), "detail-type": "Scheduled Event",
            "source": "aws.events", "account": ACCOUNT, "time": utc_time(at), "region": REGION,
            "resources": [f"arn:aws:events:{REGION}:{ACCOUNT}:rule/{rule}"], "detail": detail}


def utc_time(text: str) -> str:
    """ISO 8601 (naive means UTC) -> EventBridge's `2026-11-01T00:00:00Z`."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--at {text!r} is not ISO 8601 (e.g. 2026-11-01T00:00:00Z)") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_detail(text: str | None) -> dict:
    if not text:
        return {}
    try:
        detail = json.loads(text)
    except json.JSONDecodeError as error:
        raise CommandError(f"--detail is not JSON: {error}") from None
    if not isinstance(detail, dict):
        raise CommandError("--detail must be a JSON object, e.g. '{\"month\": \"2026-10\"}' or "
                           "'{\"month\": \"2026-10\", \"reclose\": true}'")
    return detail
