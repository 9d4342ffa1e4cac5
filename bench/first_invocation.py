"""Beside figure 1: the CPU time of a cold start's first invocation, per function, over that of the floor.

Imports inside the handler functions (the queue and schedule handlers, the routes, wiring's builders) take
modules out of `import app` and put them into the first invocation that needs them: figure 1 alone would
flatter. Here each run is a fresh bare interpreter in the unpacked deployment package (bench/package_tree.py) that imports a function's handler and serves one
realistic first event, against a moto server on loopback run by this process (so the child's CPU time
leaves out moto's work). The floor imports figure 1's floor and makes one GetItem through a PynamoDB
model (its botocore session and client built then), the least a DynamoDB-backed function does.
Each function's run follows a floor run, and the figure is the median of those pairs' ratios: the load of a
shared machine drifts over seconds, and both runs of a pair see the same. Budget: each function's first
invocation at most the floor's CPU time (issue 18).
"""
import contextlib
import json
import logging
import os
import statistics
import tempfile
from pathlib import Path

from bench import cold_events, report
from bench.cold_start import python

BUDGET = 1.0
ROUNDS = 9  # pairs per function: a loaded machine moves both sides of a pair alike

CHILD = """import json, sys, time
{context}event = json.loads(open(sys.argv[1]).read())
started = time.process_time()
{imports}
imported = time.process_time()
{call}
done = time.process_time()
{check}
print("BENCH " + json.dumps({{"import": imported - started, "invoke": done - imported, "ok": ok}}))
"""
FLOOR_IMPORTS = """import os
import chalice, boto3
from pynamodb.attributes import UnicodeAttribute
from pynamodb.exceptions import DoesNotExist
from pynamodb.models import Model
class Probe(Model):
    class Meta:
        table_name = event["table"]
        host = os.environ["AWS_ENDPOINT_URL"]
        region = "us-east-1"
    seller_id = UnicodeAttribute(hash_key=True)
from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities import batch"""
FUNCTIONS = {  # name: (what its Lambda handler string imports, the invocation, its check)
    "marketplace_events (a batch of 10)": ("import app", "result = app.marketplace_events(event, context)",
                                           "ok = result == {'batchItemFailures': []}"),
    "api_handler (GET metrics report)": ("import app", "result = app.app(event, context)",
                                         "ok = result['statusCode'] == 200"),
    "jwt_auth (authorizer)": ("from chalicelib.entrypoints import auth", "result = auth.jwt_auth(event, context)",
                              "ok = result['context'] == {'role': 'seller'}"),
    "floor": (FLOOR_IMPORTS, "try:\n    Probe.get('nobody')\nexcept DoesNotExist:\n    pass", "ok = True"),
}


def run() -> None:
    report.heading("1. beside it: first invocation of a fresh interpreter, CPU time (import + first event) / floor's")
    with endpoint() as aws, tempfile.TemporaryDirectory() as scratch:
        events = Events(Path(scratch), aws)
        for name in FUNCTIONS:
            measure(name, events.first(name), aws)  # warms the page cache; the batch registers the report's seller
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in FUNCTIONS}
        ratios: dict[str, list[float]] = {name: [] for name in FUNCTIONS if name != "floor"}
        for run_number in range(1, ROUNDS + 1):
            for name in ratios:  # each function right after a floor: the pair shares the machine's load of the moment
                floor = measure("floor", events.next("floor", run_number), aws)
                function = measure(name, events.next(name, run_number), aws)
                times["floor"].append(floor)
                times[name].append(function)
                ratios[name].append(sum(function) / sum(floor))
    floor_total = statistics.median(sum(t) for t in times["floor"])
    report.figure(f"first invocation of the floor (median of {len(times['floor'])})", f"{floor_total * 1000:.0f} ms",
                  "-", None)
    report.detail(split(times.pop("floor")))
    for name, runs in times.items():
        ratio = statistics.median(ratios[name])
        report.figure(f"first invocation {name} / floor", f"{ratio:.2f}", f"<= {BUDGET}", ratio <= BUDGET)
        report.detail(f"median of {ROUNDS} ratios, each to the floor run just before it "
                      f"({min(ratios[name]):.2f}-{max(ratios[name]):.2f}); " + split(runs))


def split(runs: list[tuple[float, float]]) -> str:
    totals = [sum(t) for t in runs]
    return (f"{statistics.median(totals) * 1000:.0f} ms CPU ({min(totals) * 1000:.0f}-{max(totals) * 1000:.0f} over "
            f"{len(runs)} runs): import {statistics.median(t[0] for t in runs) * 1000:.0f} ms, "
            f"first event {statistics.median(t[1] for t in runs) * 1000:.0f} ms")


class Events:
    """Writes each run's event to a file the child reads (a fresh batch each run: nothing is a duplicate)."""

    def __init__(self, scratch: Path, aws: str):
        from chalicelib import settings
        from chalicelib.adapters.tokens import issue_local_token

        self.scratch, self.settings = scratch, settings.current()
        _, self.seller, self.marketplace = cold_events.marketplace_batch(0, self.settings.marketplace_events_queue)
        self.token = issue_local_token(self.settings, self.seller, "seller")

    def first(self, name: str) -> Path:
        return self.next(name, 0)

    def next(self, name: str, run_number: int) -> Path:
        if name.startswith("marketplace_events"):
            event = cold_events.marketplace_batch(run_number, self.settings.marketplace_events_queue)[0]
        elif name.startswith("api_handler"):
            event = cold_events.metrics_request(self.seller, self.marketplace)
        elif name.startswith("jwt_auth"):
            event = cold_events.authorizer_request(self.token, self.seller)
        else:
            event = {"table": self.settings.table("sellers")}
        path = self.scratch / f"{abs(hash(name))}-{run_number}.json"
        path.write_text(json.dumps(event))
        return path


def measure(name: str, event_file: Path, aws: str) -> tuple[float, float]:
    """(import, first invocation) CPU seconds of one fresh interpreter."""
    imports, call, check = FUNCTIONS[name]
    code = CHILD.format(context=cold_events.CONTEXT, imports=imports, call=call, check=check)
    out = python("", "-c", code, str(event_file), extra_env={"AWS_ENDPOINT_URL": aws}).stdout
    result = json.loads(next(line for line in out.splitlines() if line.startswith("BENCH "))[6:])
    if not result["ok"]:
        raise RuntimeError(f"{name}: the first invocation did not succeed; its output:\n{out[-3000:]}")
    return result["import"], result["invoke"]


@contextlib.contextmanager
def endpoint():
    """A moto server on loopback holding every table and queue of the local stage; yields its endpoint."""
    from infra import moto_server
    from infra.resources import create_all

    werkzeug = logging.getLogger("werkzeug")  # the server's line per request
    level = werkzeug.level
    werkzeug.setLevel(logging.WARNING)
    port = moto_server.free_port()
    server = moto_server.start(port)
    aws = moto_server.endpoint_of(port)
    os.environ["AWS_ENDPOINT_URL"] = aws
    try:
        create_all("local")
        yield aws
    finally:
        os.environ.pop("AWS_ENDPOINT_URL", None)
        server.stop()
        werkzeug.setLevel(level)
