"""The local stage's environment and an embedded AWS (moto, in-process), as the tests set them up."""
import contextlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def stage_env() -> dict[str, str]:
    """The local stage's variables from .chalice/config.json, with test credentials and region."""
    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    env = dict(config["stages"]["local"]["environment_variables"])
    env.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_SESSION_TOKEN="testing",
               AWS_DEFAULT_REGION="us-east-1", AWS_REGION="us-east-1")
    return env


def enter_local_stage() -> None:
    os.environ.update(stage_env())
    for name in ("AWS_ENDPOINT_URL", "AWS_PROFILE"):
        os.environ.pop(name, None)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))


@contextlib.contextmanager
def embedded_aws():
    """A fresh moto holding every table and queue of infra/template.yaml; cached clients forgotten."""
    from moto import mock_aws

    from chalicelib.entrypoints import wiring
    from infra.resources import create_all

    with mock_aws():
        wiring.reset()
        create_all("local")
        try:
            yield
        finally:
            wiring.reset()


@contextlib.contextmanager
def lambda_client():
    """chalice.test.Client on the app, with the local gateway's error responses (as the tests use it)."""
    from chalice.test import Client

    import app
    from infra.local_gateway import install

    install()
    with Client(app.app, stage_name="local", project_dir=str(ROOT)) as client:
        yield client


@contextlib.contextmanager
def quiet():
    """Handlers' log lines and EMF metrics (written to stdout, fd 1) go to /dev/null meanwhile."""
    sys.stdout.flush()
    saved = os.dup(1)
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), 1)
        try:
            yield
        finally:
            sys.stdout.flush()
            os.dup2(saved, 1)
            os.close(saved)
