"""chalicelib type-checks clean under mypy --strict (mypy.ini), run here so `make test` keeps it that way."""
from pathlib import Path

from mypy import api

ROOT = Path(__file__).resolve().parents[2]


def test_chalicelib_has_no_type_errors():
    report, errors, status = api.run(["--config-file", str(ROOT / "mypy.ini"),
                                      "--cache-dir", str(ROOT / ".mypy_cache"), str(ROOT / "chalicelib")])
    assert status == 0, f"mypy found type errors in chalicelib:\n{report}{errors}"
