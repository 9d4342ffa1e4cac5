"""The `local` stage as the runner sees it: its environment (from .chalice/config.json),
its queue names (from infra/template.yaml) and the embedded-AWS endpoint to talk to.

Nothing here names a table or a queue: names come from those two files.
"""
import json
import os
from contextlib import contextmanager
from pathlib import Path

from infra import resources

STAGE = "local"
PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_ENDPOINT = "http://127.0.0.1:5000"
FAKE_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                    "AWS_SESSION_TOKEN": "testing"}
REGION = "us-east-1"


class UnknownQueue(LookupError):
    """A queue name the local stage does not have; the message lists the known ones."""


def stage_env() -> dict[str, str]:
    """The stage's environment variables, merged as Chalice merges them (top level, then stage)."""
    config = json.loads((PROJECT_DIR / ".chalice" / "config.json").read_text())
    env = dict(config.get("environment_variables", {}))
    env.update(config["stages"][STAGE].get("environment_variables", {}))
    return env


def fake_aws_env(endpoint: str) -> dict[str, str]:
    """What points boto3 (and so the app) at the embedded AWS with throwaway credentials."""
    return {"AWS_ENDPOINT_URL": endpoint, "AWS_DEFAULT_REGION": REGION, "AWS_REGION": REGION,
            **FAKE_CREDENTIALS}


def use_local_endpoint() -> str:
    """Default AWS_ENDPOINT_URL to the runner's moto server, and credentials/region to fakes
    when none are set; returns the endpoint in use."""
    os.environ.setdefault("AWS_ENDPOINT_URL", DEFAULT_ENDPOINT)
    if not (os.environ.get("AWS_ACCESS_KEY_ID") or os.environ.get("AWS_PROFILE")):
        os.environ.update(FAKE_CREDENTIALS)
    if not (os.environ.get("AWS_DEFAULT_REGION") or os.environ.get("AWS_REGION")):
        os.environ.update(AWS_DEFAULT_REGION=REGION, AWS_REGION=REGION)
    return os.environ["AWS_ENDPOINT_URL"]


@contextmanager
def applied_env(extra: dict[str, str] | None = None):
    """os.environ with the stage's variables (and `extra`) applied, restored on exit."""
    saved = dict(os.environ)
    os.environ.update(stage_env())
    os.environ.update(extra or {})
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def queue_names() -> list[str]:
    """Every queue of infra/template.yaml, by its local-stage name."""
    # resources._resolve is the template's one intrinsic resolver; reused so names cannot drift.
    return [resources._resolve(props["QueueName"], STAGE, {})
            for props in resources.resources_of("AWS::SQS::Queue").values()]


def short_name(queue_name: str) -> str:
    """`csba-local-payments` -> `payments`."""
    return queue_name.removeprefix(stage_env()["CSBA_TABLE_PREFIX"] + "-")


def resolve_queue(name: str) -> str:
    """The full local name of a queue given as `payments`, `marketplace-events-dlq`,
    `PAYMENTS_QUEUE` (a stage variable or that style) or its full name."""
    known = queue_names()
    candidates = [stage_env().get(name, ""), name]
    style = name.lower().replace("_", "-")
    candidates += [style, style.removesuffix("-queue")]
    for candidate in candidates:
        for full in known:
            if candidate in (full, short_name(full)):
                return full
    listing = ", ".join(sorted(short_name(full) for full in known))
    raise UnknownQueue(f"unknown queue {name!r}; known queues: {listing}")
