"""Figure 1: the import time of `app` over that of its unavoidable floor, each in fresh interpreters.

The floor is what any handler of this stack imports: chalice, boto3, a PynamoDB model and the
Powertools pieces on the hot path. Both run from the deployment package (bench/package_tree.py), in a
bare interpreter, with the bytecode the package ships: what Lambda runs.
"""
import os
import statistics
import subprocess
import textwrap

from bench import importtime, package_tree, report
from bench.stage import stage_env

RUNS = 7
BUDGET = 1.25
APP = "import app"
FLOOR = textwrap.dedent("""
    import chalice, boto3
    from pynamodb.attributes import UnicodeAttribute
    from pynamodb.models import Model
    class Probe(Model):
        class Meta:
            table_name = "probe"
        key = UnicodeAttribute(hash_key=True)
    from aws_lambda_powertools import Logger
    from aws_lambda_powertools.utilities import batch
""")
TIMED = "import time\n_t0 = time.perf_counter()\n{code}\nprint(time.perf_counter() - _t0)\n"


def run() -> None:
    report.heading("1. Cold start: import app / import of its floor (fresh interpreters)")
    package_tree.unpacked()
    times = {APP: [], FLOOR: []}
    for _ in range(RUNS):
        for code in (APP, FLOOR):
            times[code].append(float(python(TIMED.format(code=code)).stdout.strip().splitlines()[-1]))
    app_s, floor_s = statistics.median(times[APP]), statistics.median(times[FLOOR])
    report.figure("cold start: import app / floor (median of 7)", f"{app_s / floor_s:.2f}", f"<= {BUDGET}",
                  app_s / floor_s <= BUDGET)
    beyond = app_s - floor_s
    report.detail(f"import app {app_s * 1000:.0f} ms ({min(times[APP]) * 1000:.0f}-{max(times[APP]) * 1000:.0f}), "
                  f"floor {floor_s * 1000:.0f} ms ({min(times[FLOOR]) * 1000:.0f}-{max(times[FLOOR]) * 1000:.0f}); "
                  + (f"beyond the floor {beyond * 1000:.0f} ms" if beyond >= 0 else
                     f"{-beyond * 1000:.0f} ms below it: the rest of the floor is imported by the first invocation"))
    importtime.explain(python("", "-X", "importtime", "-c", APP).stderr,
                       python("", "-X", "importtime", "-c", FLOOR).stderr)


def python(code: str, *args: str, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Runs a bare interpreter in the unpacked deployment package with the local stage's environment (and `extra_env`)."""
    env = {**os.environ, **stage_env(), **(extra_env or {})}
    return package_tree.python(list(args) if args else ["-c", code], env)
