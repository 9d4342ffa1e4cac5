"""Recorded DynamoDB requests replayed into shadow items: what each request wrote and read, and item sizes.

A request says what it changes: a Put the whole item, an Update the attributes it SETs, ADDs or
REMOVEs, a Delete only the key, so the shadow keeps every item written since the tables were
empty (the recorded run starts from empty tables) and knows each write's item before and after.
Sizes follow DynamoDB's rule (attribute names plus values; numbers about one byte per two digits)
closely enough to round them to 1 KB write and 4 KB read units.
"""
import re
from dataclasses import dataclass

CLAUSE = re.compile(r"\b(SET|ADD|REMOVE|DELETE)\b")


@dataclass
class ItemWrite:
    table: str  # the short name: "counters"
    before: dict  # the item's attributes (DynamoDB JSON) before the write; {} when it did not exist
    after: dict  # and after; {} when deleted
    transactional: bool


@dataclass
class ItemRead:
    table: str
    size: int
    factor: float  # read units per started 4 KB: 0.5 eventually consistent, 1 consistent, 2 in a transaction


class Shadow:
    def __init__(self, key_names: dict[str, tuple[str, ...]], prefix: str = "csba-local-"):
        self.key_names, self.prefix, self.items = key_names, prefix, {}

    def replay(self, operation: str, params: dict) -> tuple[list[ItemWrite], list[ItemRead]]:
        if operation == "TransactWriteItems":
            return [w for item in params["TransactItems"] for kind, request in item.items()
                    if (w := self._write(kind, request, True))], []
        if operation == "BatchWriteItem":
            return [self._write(kind.removesuffix("Request"), {"TableName": table, **request}, False)
                    for table, requests in params["RequestItems"].items()
                    for entry in requests for kind, request in entry.items()], []
        if operation in ("PutItem", "UpdateItem", "DeleteItem"):
            return [self._write(operation.removesuffix("Item"), params, False)], []
        return [], self._reads(operation, params)

    def _write(self, kind: str, request: dict, transactional: bool) -> ItemWrite | None:
        table = request["TableName"].removeprefix(self.prefix)
        address = (table, self._key(table, request.get("Item") or request["Key"]))
        before = self.items.get(address, {})
        if kind == "Put":
            after = dict(request["Item"])
        elif kind == "Update":
            after = updated({**request["Key"], **before}, request)
        elif kind == "Delete":
            before, after = before or dict(request["Key"]), {}
        else:  # ConditionCheck: reads, writes nothing
            return None
        self.items[address] = after
        return ItemWrite(table, before, after, transactional)

    def _reads(self, operation: str, params: dict) -> list[ItemRead]:
        if operation == "GetItem":
            return [self._read(params["TableName"], params["Key"], 1 if params.get("ConsistentRead") else 0.5)]
        if operation == "BatchGetItem":
            return [self._read(table, key, 1 if spec.get("ConsistentRead") else 0.5)
                    for table, spec in params["RequestItems"].items() for key in spec["Keys"]]
        if operation == "TransactGetItems":
            return [self._read(i["Get"]["TableName"], i["Get"]["Key"], 2) for i in params["TransactItems"]]
        return []  # queries and scans: not on the events path (bench figure 2)

    def _read(self, table_name: str, key: dict, factor: float) -> ItemRead:
        table = table_name.removeprefix(self.prefix)
        return ItemRead(table, size(self.items.get((table, self._key(table, key)), {})), factor)

    def _key(self, table: str, item: dict) -> tuple:
        return tuple(str(item[name]) for name in self.key_names[table])


def updated(item: dict, request: dict) -> dict:
    """The item after an UpdateItem's SET, ADD and REMOVE of `#name :value` placeholders."""
    names, values = request.get("ExpressionAttributeNames", {}), request.get("ExpressionAttributeValues", {})
    after, parts = dict(item), CLAUSE.split(request.get("UpdateExpression", ""))
    for clause, body in zip(parts[1::2], parts[2::2]):
        for action in filter(None, (a.strip() for a in body.split(","))):
            tokens = action.replace("=", " ").split()
            name = names.get(tokens[0], tokens[0])
            if clause == "REMOVE":
                after.pop(name, None)
            elif clause == "ADD" and "N" in values.get(tokens[-1], {}):
                after[name] = {"N": str(float(after.get(name, {"N": "0"})["N"]) + float(values[tokens[-1]]["N"]))}
            elif tokens[-1] in values:
                after[name] = values[tokens[-1]]
    return after


def size(item: dict) -> int:
    return sum(len(name.encode()) + _value_size(value) for name, value in item.items())


def _value_size(value: dict) -> int:
    (kind, content), = value.items()
    if kind == "S":
        return len(content.encode())
    if kind == "N":
        return len(content.strip("-").replace(".", "")) // 2 + 1
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "L":
        return 3 + sum(1 + _value_size(v) for v in content)
    if kind == "M":
        return 3 + sum(1 + len(k.encode()) + _value_size(v) for k, v in content.items())
    return sum(len(str(v)) for v in content) if isinstance(content, list) else len(str(content))
