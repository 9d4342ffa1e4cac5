"""`python -m infra.package STAGE [OUT]`: what `make package` ships, in build/<stage>/ (sam.yaml, deployment.zip).

1. `chalice package --merge-template` with infra/template.yaml whose `Stage` parameter is pinned to STAGE
   (default and only allowed value): a deploy passing another stage is refused by CloudFormation.
2. The zip gets the bytecode of every module (compileall, unchecked-hash: Lambda's file system is read-only,
   so without it each cold start compiles what it imports; with it the first invocation costs about half).
   It is compiled by this interpreter, so the venv's Python must be the runtime's (python3.13).
"""
import compileall
import fcntl
import os
import py_compile
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "infra" / "template.yaml"
STAGE_PARAMETER = re.compile(r"(\n  Stage:\n    Type: String\n    Default: )\w+(\n    AllowedValues: )\[[^\]\n]*\]")


def pinned_template(stage: str) -> str:
    """infra/template.yaml with the Stage parameter's default, and its only allowed value, set to `stage`."""
    text, replaced = STAGE_PARAMETER.subn(rf"\g<1>{stage}\g<2>[{stage}]", TEMPLATE.read_text())
    if replaced != 1:
        raise SystemExit(f"infra/package.py: no single Stage parameter found in {TEMPLATE}")
    return text


def chalice_package(stage: str, out: Path) -> None:
    """One chalice package at a time on this checkout: they share the dependency zips in .chalice/deployments/,
    which chalice writes in place (the test suite packages from two workers)."""
    (ROOT / "build").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch, open(ROOT / "build" / "package.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        merge = Path(scratch) / "template.yaml"
        merge.write_text(pinned_template(stage))
        env = {**os.environ, "AWS_DEFAULT_REGION": os.environ.get("AWS_DEFAULT_REGION", "us-east-1")}
        subprocess.run([str(Path(sys.executable).parent / "chalice"), "package", "--stage", stage,
                        "--merge-template", str(merge), "--template-format", "yaml", str(out)],
                       cwd=ROOT, env=env, check=True)


def add_bytecode(package: Path) -> int:
    """Rewrites the zip with an unchecked-hash .pyc beside every module; returns how many were added."""
    with tempfile.TemporaryDirectory() as scratch:
        tree = Path(scratch)
        with zipfile.ZipFile(package) as original:
            entries = original.infolist()
            original.extractall(tree)
        compileall.compile_dir(tree, quiet=2, workers=1,
                               invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
        known = {entry.filename for entry in entries}
        compiled = sorted(p for p in tree.rglob("*.pyc") if p.relative_to(tree).as_posix() not in known)
        rewritten = package.with_suffix(".tmp")
        with zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as target:
            for entry in entries:
                target.writestr(entry, (tree / entry.filename).read_bytes() if not entry.is_dir() else b"")
            for pyc in compiled:
                info = zipfile.ZipInfo(pyc.relative_to(tree).as_posix(), date_time=(1980, 1, 1, 0, 0, 0))
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                target.writestr(info, pyc.read_bytes())
        rewritten.replace(package)
    return len(compiled)


def main(argv: list[str]) -> int:
    stage = argv[0] if argv else "dev"
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "build" / stage
    chalice_package(stage, out)
    added = add_bytecode(out / "deployment.zip")
    print(f"{out}: sam.yaml (Stage {stage}), deployment.zip (+{added} .pyc, Python "
          f"{sys.version_info.major}.{sys.version_info.minor})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
