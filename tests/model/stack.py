"""A fresh embedded AWS and the app's test client, for one hypothesis example, with a settable clock.

The HTTP routes read the time from `utc_now` (opt-in / opt-out "now", a reply's time, the
report's "has the month begun"): `Stack.clock` is that time, so a history's actions happen
when it says.
"""
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[2]
CLOCKED = ("chalicelib.entrypoints.enrollment_routes", "chalicelib.entrypoints.report_routes",
           "chalicelib.entrypoints.inbox_routes", "chalicelib.entrypoints.insight_routes")


class Stack:
    def __init__(self):
        self.clock: datetime | None = None
        self._exit = ExitStack()

    def __enter__(self):
        from chalice.test import Client
        from moto import mock_aws

        import app
        from chalicelib.entrypoints import wiring
        from infra.local_gateway import install
        from infra.moto_transactions import item_level_rollback
        from infra.resources import create_all

        self._exit.enter_context(item_level_rollback())  # moto's transactions without whole-table copies
        self._exit.enter_context(mock_aws())
        wiring.reset()
        self._exit.callback(wiring.reset)
        create_all("local")
        install()
        for module in CLOCKED:
            self._exit.enter_context(mock.patch(f"{module}.utc_now", lambda: self.clock))
        self.client = self._exit.enter_context(Client(app.app, stage_name="local", project_dir=str(ROOT)))
        return self

    def __exit__(self, *exc):
        return self._exit.__exit__(*exc)
