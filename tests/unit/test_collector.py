"""The garbage collector is paused while a cold start imports the app and runs again after the first invocation."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import gc, json
import app
from chalice.test import Client
imported = gc.isenabled()
with Client(app.app) as client:
    status = client.http.get("/health").status_code
print(json.dumps({"imported": imported, "invoked": gc.isenabled(), "frozen": gc.get_freeze_count(), "status": status}))
"""


def test_the_collector_is_paused_by_the_import_and_resumed_after_the_first_invocation():
    # When a fresh interpreter imports the app, then serves one request
    out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=dict(os.environ), capture_output=True,
                         text=True, check=True).stdout.splitlines()
    seen = json.loads(out[-1])
    # Then the collector was off after the import, is on after the request, and what the import made is frozen
    assert seen["status"] == 200
    assert seen["imported"] is False and seen["invoked"] is True
    assert seen["frozen"] > 10_000
