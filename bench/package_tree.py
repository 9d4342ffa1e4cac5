"""What figure 1 runs: the deployment package of stage local, as `make package` builds it, unpacked.

Stage local differs from prod only in its environment and its architecture (x86_64, so that it runs on this
machine; prod is arm64): the same modules, wheels and bytecode (unchecked-hash .pyc). Each measured interpreter
runs bare in the unpacked tree, as Lambda runs /var/task: `-E -s -S` (no PYTHON* variables, no user or venv
site-packages) with the tree as its working directory, the first entry of sys.path.
"""
import functools
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from bench import report
from bench.stage import ROOT

BUILD = ROOT / "build" / "bench" / "package"
BARE = ("-E", "-s", "-S")


@functools.lru_cache(maxsize=1)
def unpacked() -> Path:
    """Packages stage local (infra/package.py) once per bench run; returns the unpacked tree."""
    from infra import package

    shutil.rmtree(BUILD, ignore_errors=True)
    package.chalice_package("local", BUILD)
    added = package.add_bytecode(BUILD / "deployment.zip")
    tree = BUILD / "tree"
    with zipfile.ZipFile(BUILD / "deployment.zip") as archive:
        archive.extractall(tree)
    report.detail(f"measured from {tree.relative_to(ROOT)}: the deployment package of stage local "
                  f"({(BUILD / 'deployment.zip').stat().st_size / 2**20:.1f} MB, {added} .pyc), in a bare "
                  f"python{sys.version_info.major}.{sys.version_info.minor} -E -s -S")
    return tree


def python(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    """A bare interpreter in the unpacked package: nothing but the package and the standard library to import."""
    return subprocess.run([sys.executable, *BARE, *args], cwd=unpacked(), env=env, capture_output=True, text=True,
                          check=True)
