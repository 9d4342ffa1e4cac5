"""Figure 1: the import time of `app` over that of its unavoidable floor, each in fresh interpreters.

The floor is what any handler of this stack imports: chalice, boto3, a PynamoDB model and the
Powertools pieces on the hot path. Bytecode is compiled once beforehand (into build/bench/pycache,
so the tree stays clean) for both, so the ratio compares imports, not compilation.
"""
import os
import statistics
import subprocess
import sys
import textwrap

from bench import importtime, report
from bench.stage import ROOT, stage_env

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
    for code in (APP, FLOOR):
        python(TIMED.format(code=code))  # compiles the bytecode of both once
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
    """Runs the venv's interpreter in the project with the local stage's environment (and `extra_env`)."""
    env = {**os.environ, **stage_env(), "PYTHONPYCACHEPREFIX": str(ROOT / "build" / "bench" / "pycache"),
           **(extra_env or {})}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [sys.executable, *args] if args else [sys.executable, "-c", code]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
