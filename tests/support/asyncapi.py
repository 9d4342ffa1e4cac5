"""Reading docs/asyncapi.yaml in tests: its messages, their JSON Schemas (draft 7, AsyncAPI 3's default), examples."""
import functools
from pathlib import Path
from typing import Any, Iterator

import yaml
from jsonschema import Draft7Validator

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "asyncapi.yaml"


@functools.cache
def load() -> dict[str, Any]:
    return yaml.safe_load(DOCUMENT.read_text())


def resolve(node: Any) -> Any:
    """The node a local "$ref" points to (followed until none is left), or `node`."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = load()
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def check_references(node: Any) -> None:
    """Every "$ref" in `node` points into the document."""
    if isinstance(node, dict):
        if "$ref" in node:
            resolve(node)
        for value in node.values():
            check_references(value)
    elif isinstance(node, list):
        for value in node:
            check_references(value)


def check_schema(schema: dict[str, Any]) -> None:
    Draft7Validator.check_schema(schema)


def channel_messages(channel: str) -> list[str]:
    """The names (in components/messages) of the messages a channel carries."""
    return [ref["$ref"].rsplit("/", 1)[-1] for ref in load()["channels"][channel]["messages"].values()]


def example(message: str) -> dict[str, Any]:
    """A copy of the message's first example payload."""
    import copy

    return copy.deepcopy(load()["components"]["messages"][message]["examples"][0]["payload"])


def _validator(node: dict[str, Any]) -> Draft7Validator:
    return Draft7Validator({**node, "components": load()["components"]})


def check_message(message: str, payload: Any, headers: dict[str, str] | None = None, where: str = "") -> None:
    """Raises jsonschema's ValidationError, naming `where` the message came from, unless it matches."""
    documented = load()["components"]["messages"][message]
    errors = list(_validator(documented["payload"]).iter_errors(payload))
    if headers is not None and "headers" in documented:
        errors += list(_validator(documented["headers"]).iter_errors(headers))
    assert not errors, f"{where} {message}: " + "; ".join(
        f"{'.'.join(map(str, e.absolute_path)) or '(body)'}: {e.message}" for e in errors[:5])


def required_paths(message: str, payload: dict[str, Any]) -> list[tuple[str, ...]]:
    """The paths of every field the message's payload schema requires, nested objects of `payload` included."""
    schema = load()["components"]["messages"][message]["payload"]
    return list(dict.fromkeys(_required(schema, payload, ())))


def _required(schema: Any, value: dict[str, Any], prefix: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    schema = resolve(schema)
    for part in [schema, *schema.get("allOf", [])]:
        part = resolve(part)
        yield from (prefix + (name,) for name in part.get("required", []))
        for name, inner in part.get("properties", {}).items():
            if isinstance(value.get(name), dict) and isinstance(inner, dict):
                yield from _required(inner, value[name], prefix + (name,))



def enumerated_detail_fields(message: str) -> Iterator[tuple[str, list[Any]]]:
    """(field, the values listed) of every enumerated field of an inbound event's detail."""
    for part in map(resolve, resolve(load()["components"]["messages"][message]["payload"])["allOf"]):
        detail = resolve(part.get("properties", {}).get("detail", {}))
        for name, inner in detail.get("properties", {}).items():
            if "enum" in resolve(inner):
                yield name, resolve(inner)["enum"]


def bounded_text_fields(message: str) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    """(path, schema) of every text field with a maxLength in an inbound event's envelope and detail (of a
    nullable field, its text alternative)."""
    for part in map(resolve, resolve(load()["components"]["messages"][message]["payload"])["allOf"]):
        for name, inner in part.get("properties", {}).items():
            fields = resolve(inner).get("properties", {}).items() if name == "detail" else [(None, inner)]
            for field, schema in fields:
                texts = [resolve(s) for s in resolve(schema).get("oneOf", [schema])]
                for text in (t for t in texts if "maxLength" in t):
                    yield (name,) if field is None else (name, field), text


def is_valid(schema: dict[str, Any], value: Any) -> bool:
    return _validator(schema).is_valid(value)
