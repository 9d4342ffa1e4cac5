"""`python -m infra.iac_checks build/<stage>/sam.yaml`: checkov on the packaged template, exit 1 on a finding.

checkov runs from its own venv (.venv-checkov, `make` builds it: it pins a boto3 older than ours), offline,
with csba's own checks (infra/checkov/). A failed check passes only when infra/checkov_skips.yaml lists it for
that resource, with its reason; a listed skip that no longer matches any failure is itself a finding.
"""
import json
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CHECKOV = ROOT / ".venv-checkov" / "bin" / "checkov"
SKIPS = ROOT / "infra" / "checkov_skips.yaml"
OWN_CHECKS = ROOT / "infra" / "checkov"


def skips() -> dict[str, dict]:
    return yaml.safe_load(SKIPS.read_text())


def checkov(template: Path) -> dict:
    """checkov's JSON report of the template (passed, failed and skipped checks)."""
    result = subprocess.run([str(CHECKOV), "--file", str(template), "--framework", "cloudformation", "--quiet",
                             "--skip-download", "--external-checks-dir", str(OWN_CHECKS), "--output", "json"],
                            capture_output=True, text=True, cwd=ROOT)
    if result.returncode not in (0, 1):  # 1: some check failed, the report is complete
        raise RuntimeError(f"checkov failed ({result.returncode}): {result.stderr[-2000:]}")
    return json.loads(result.stdout)


def findings(report: dict, allowed: dict[str, dict]) -> tuple[list[str], list[str]]:
    """(failed checks not skipped on purpose, skips that match no failure any more)."""
    failed = [(check["check_id"], check["resource"].rsplit(".", 1)[-1], check["check_name"])
              for check in report["results"]["failed_checks"]]
    unexpected, used = [], set()
    for check_id, resource, name in failed:
        skip = allowed.get(check_id)
        if skip and (skip["resources"] == "all" or resource in skip["resources"]):
            used.add(check_id)
        else:
            unexpected.append(f"{check_id} {resource}: {name}")
    return unexpected, [f"{check_id}: listed in {SKIPS.name} but fails nowhere" for check_id in allowed
                        if check_id not in used]


def main(argv: list[str]) -> int:
    template = Path(argv[0]) if argv else ROOT / "build" / "dev" / "sam.yaml"
    report = checkov(template)
    unexpected, stale = findings(report, skips())
    summary = report["summary"]
    print(f"checkov {summary['checkov_version']}: {summary['passed']} passed, {summary['failed']} failed, "
          f"{summary['failed'] - len(unexpected)} of them skipped on purpose (infra/{SKIPS.name})")
    for problem in unexpected + stale:
        print(f"  {problem}")
    return 1 if unexpected or stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
