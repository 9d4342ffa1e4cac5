"""The deployment zip `make package` builds: bytecode for the runtime, boto3 at our pin, native wheels of the
stage's architecture that import with nothing but the zip, and `chalice deploy` refused."""
import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support.packaged import build, native_modules

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def prod(tmp_path_factory) -> Path:
    return build("prod", tmp_path_factory.mktemp("prod"))


@pytest.fixture(scope="module")
def local(tmp_path_factory) -> Path:
    """Stage local: the same code for this machine's architecture (x86_64), the one that can run here."""
    return build("local", tmp_path_factory.mktemp("local"))


def test_every_module_ships_with_unchecked_hash_bytecode_of_the_runtimes_python(prod):
    tag = f"cpython-{sys.version_info.major}{sys.version_info.minor}"
    assert tag == "cpython-313"
    with zipfile.ZipFile(prod / "deployment.zip") as archive:
        names = set(archive.namelist())
        modules = [n for n in names if n.endswith(".py")]
        for module in modules:
            folder, _, file = module.rpartition("/")
            pyc = f"{folder + '/' if folder else ''}__pycache__/{file[:-3]}.{tag}.pyc"
            assert pyc in names, module
        header = archive.read("__pycache__/app.cpython-313.pyc")[:16]
    assert len(modules) > 500
    assert header[:4] == importlib.util.MAGIC_NUMBER
    assert int.from_bytes(header[4:8], "little") == 0b01  # hash-based, source not checked


def test_the_zip_bundles_boto3_at_the_version_requirements_pin(prod):
    pinned = next(line.split("==")[1].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()
                  if line.startswith("boto3=="))
    with zipfile.ZipFile(prod / "deployment.zip") as archive:
        assert f"boto3-{pinned}.dist-info/METADATA" in archive.namelist()


def test_prod_ships_arm64_wheels_of_the_same_native_modules_the_local_package_has_for_x86_64(prod, local):
    arm, intel = native_modules(prod / "deployment.zip"), native_modules(local / "deployment.zip")
    assert arm.keys() == intel.keys() and "pydantic_core/_pydantic_core" in arm
    assert set(arm.values()) == {"arm64"} and set(intel.values()) == {"x86_64"}


def test_the_package_alone_imports_every_handler_in_a_bare_interpreter(local, tmp_path):
    with zipfile.ZipFile(local / "deployment.zip") as archive:
        archive.extractall(tmp_path)
    probe = ("import sys; sys.path[:0] = [sys.argv[1]]\n"
             "import app, boto3, pydantic_core, jwt, cryptography.hazmat.bindings._rust\n"
             "from chalicelib.entrypoints import auth, marketplace_consumer, billing_consumer, schedules\n"
             "outside = [m.__file__ for m in list(sys.modules.values()) if getattr(m, '__file__', None)\n"
             "           and not m.__file__.startswith((sys.argv[1], sys.base_prefix))]\n"
             "print(outside)\n")
    result = subprocess.run([sys.executable, "-I", "-S", "-c", probe, str(tmp_path)], capture_output=True,
                            text=True, env={"PATH": os.environ["PATH"], "AWS_DEFAULT_REGION": "us-east-1"})
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "[]"


def test_chalice_deploy_is_refused_before_it_builds_or_calls_anything():
    env = {**os.environ, "AWS_ACCESS_KEY_ID": "none", "AWS_SECRET_ACCESS_KEY": "none",
           "AWS_DEFAULT_REGION": "us-east-1", "AWS_ENDPOINT_URL": "http://127.0.0.1:9"}
    for stage in ("dev", "prod"):
        result = subprocess.run([str(BIN / "chalice"), "deploy", "--stage", stage], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode != 0
        assert "make deploy STAGE=<stage>" in result.stdout + result.stderr
        assert "Creating deployment package" not in result.stdout + result.stderr
