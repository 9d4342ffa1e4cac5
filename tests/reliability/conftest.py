"""Fixtures of the reliability suite: a fresh embedded AWS per run, and the month's size."""
import contextlib
import os

from tests.conftest import ROOT

DEFAULT_EVENTS = 800  # `make test`; `make soak` sets CSBA_REPLAY_EVENTS=5000


def replay_events() -> int:
    return int(os.environ.get("CSBA_REPLAY_EVENTS", DEFAULT_EVENTS))


@contextlib.contextmanager
def fresh_service():
    """A new embedded AWS with every resource of infra/, and chalice's test client on the app."""
    from chalice.test import Client
    from moto import mock_aws

    import app
    from chalicelib.entrypoints import wiring
    from infra.local_gateway import install
    from infra.resources import create_all
    from infra.moto_transactions import item_level_rollback

    with item_level_rollback(), mock_aws():
        wiring.reset()
        create_all("local")
        install()
        with Client(app.app, stage_name="local", project_dir=str(ROOT)) as client:
            yield client
        wiring.reset()
