"""bench/ and tests/ do not import each other: what both need lives in simulation/."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    return names | {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}


@pytest.mark.parametrize("package, other", [("bench", "tests"), ("tests", "bench"), ("simulation", "tests"),
                                            ("simulation", "bench")])
def test_a_package_imports_nothing_of_the_other(package, other):
    crossing = {str(path.relative_to(ROOT)): sorted(name for name in imported(path)
                                                    if name == other or name.startswith(other + "."))
                for path in (ROOT / package).rglob("*.py")}
    assert not {path: names for path, names in crossing.items() if names}
