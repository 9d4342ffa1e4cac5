"""chalicelib uses PynamoDB's public names only: none of the private names PynamoDB's own source defines or uses
(`_get_connection`, `_connection`, `_get_schema`, `_hash_keyname`, ...) is read, called or assigned, imported, or
named in a string (getattr), and nothing is imported from a private PynamoDB module (`pynamodb._schema`).
A private name may change in any PynamoDB release without notice; the records' requests go through the public
Connection of their configuration instead (adapters/table_requests.py)."""
import ast
from pathlib import Path

import pynamodb

ROOT = Path(__file__).resolve().parents[2]


def private_names(source: ast.AST) -> set[str]:
    """The `_name`s (not dunders) a module defines or uses: functions, attributes, assignments."""
    names = set()
    for node in ast.walk(source):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
        elif isinstance(node, ast.Name):
            names.add(node.id)
    return {name for name in names if name.startswith("_") and not name.endswith("__")}


def parsed(root: Path) -> dict[Path, ast.AST]:
    return {path: ast.parse(path.read_text(), str(path)) for path in sorted(root.rglob("*.py"))}


PYNAMODB_PRIVATE = set().union(*map(private_names, parsed(Path(pynamodb.__file__).parent).values()))


def private_uses(source: ast.AST, own: set[str]) -> list[str]:
    """Where `source` uses a private PynamoDB name that is not one of chalicelib's own (`own`)."""
    theirs = PYNAMODB_PRIVATE - own
    found = []
    for node in ast.walk(source):
        if isinstance(node, ast.Attribute) and node.attr in theirs:
            found.append((node.lineno, f".{node.attr}"))
        elif isinstance(node, ast.Constant) and node.value in theirs:
            found.append((node.lineno, repr(node.value)))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pynamodb"):
            private = [part for part in node.module.split(".") if part.startswith("_")]
            private += [alias.name for alias in node.names if alias.name in PYNAMODB_PRIVATE]
            found += [(node.lineno, f"import {name}") for name in private]
    return [f"line {line}: {use}" for line, use in sorted(found)]


def test_chalicelib_uses_no_private_pynamodb_name():
    modules = parsed(ROOT / "chalicelib")
    own = set().union(*(private_names(tree) - _used_only(tree) for tree in modules.values()))
    uses = {str(path.relative_to(ROOT)): found for path, tree in modules.items() if (found := private_uses(tree, own))}
    assert uses == {}


def test_the_check_finds_the_private_call_binding_made_to_share_a_connection():
    # the one private call chalicelib made until the requests went through the configuration's connection
    shared = ast.parse("def _share(record, connection):\n"
                       "    table = record._get_connection()\n"
                       "    connection.add_meta_table(table.get_meta_table())\n"
                       "    table.connection = connection\n"
                       "    record._connection = table\n")
    assert private_uses(shared, own={"_share"}) == ["line 2: ._get_connection", "line 5: ._connection"]
    assert private_uses(ast.parse("getattr(Model, '_connection')\nfrom pynamodb._schema import ModelSchema"),
                        own=set()) == ["line 1: '_connection'", "line 2: import _schema"]


def _used_only(tree: ast.AST) -> set[str]:
    """The private names `tree` reads but never defines (a def, a class, a variable, or `self._x = ...`: an
    assignment to another object's private attribute, `record._connection = ...`, is a use, not a definition)."""
    defined = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and _is_self(node.value):
            defined.add(node.attr)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            defined.add(node.id)
    return private_names(tree) - defined


def _is_self(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id in ("self", "cls")
