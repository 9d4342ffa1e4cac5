"""Writes per partition key: each item a recorded request wrote, charged to its table's partition key and
to the key of each global secondary index the item is in before or after the write (an index whose key
changes takes a write at the old key and one at the new); and the request units of every read and write.

The tables, their keys and their indexes are read from infra/template.yaml, so a new index is counted
as soon as it exists. A request DynamoDB refused (a failed condition, a cancelled transaction) wrote nothing.
"""
import math
from collections import Counter
from dataclasses import dataclass, field

from simulation.item_shadow import ItemRead, ItemWrite, Shadow, size

PEAK, KEY_BUDGET = 5_000, 500  # inbound events/s at peak (DESIGN section 10); half DynamoDB's writes/s per key

@dataclass(frozen=True)
class Table:
    keys: tuple[str, ...]  # hash, then range
    indexes: dict[str, str]  # index name -> its hash attribute
    keys_only: frozenset[str]  # indexes projecting keys only


def schema() -> dict[str, Table]:
    from infra.resources import resources_of

    tables = {}
    for props in resources_of("AWS::DynamoDB::Table").values():
        name = props["TableName"]["Fn::Sub"].removeprefix("csba-${Stage}-")
        indexes = props.get("GlobalSecondaryIndexes", [])
        tables[name] = Table(tuple(k["AttributeName"] for k in props["KeySchema"]),
                             {i["IndexName"]: i["KeySchema"][0]["AttributeName"] for i in indexes},
                             frozenset(i["IndexName"] for i in indexes
                                       if i["Projection"]["ProjectionType"] == "KEYS_ONLY"))
    return tables


@dataclass
class KeyLedger:
    tables: dict[str, Table] = field(default_factory=schema)
    writes: Counter = field(default_factory=Counter)  # (table, index or "", partition key value) -> item writes
    write_units: float = 0.0
    read_units: float = 0.0

    def __post_init__(self):
        self.shadow = Shadow({name: table.keys for name, table in self.tables.items()})

    def add(self, calls) -> "KeyLedger":
        """Charges the DynamoDB requests of `calls` (simulation.recorder.Call), in the order they were made."""
        for call in calls:
            if call.service == "dynamodb" and call.status < 400:
                writes, reads = self.shadow.replay(call.operation, call.params)
                for write in writes:
                    self._charge(write)
                self.read_units += sum(_read_units(read) for read in reads)
        return self

    def hottest(self, count: int = 5) -> list[tuple[str, int]]:
        return [(label(key), n) for key, n in self.writes.most_common(count)]

    def by_index(self) -> dict[tuple[str, str], tuple[int, int, int]]:
        """(table, index or "") -> (writes, distinct partition keys, writes of its hottest key)."""
        groups: dict[tuple[str, str], list[int]] = {}
        for (table, index, _), n in self.writes.items():
            groups.setdefault((table, index), []).append(n)
        return {group: (sum(ns), len(ns), max(ns)) for group, ns in sorted(groups.items())}

    def _charge(self, write: ItemWrite) -> None:
        table = self.tables[write.table]
        item = write.after or write.before
        self.writes[(write.table, "", _plain(item[table.keys[0]]))] += 1
        units = max(1, math.ceil(max(size(write.before), size(write.after)) / 1024))
        self.write_units += units * (2 if write.transactional else 1)
        for index, attribute in table.indexes.items():
            old, new = write.before.get(attribute), write.after.get(attribute)
            projected = {k: v for k, v in item.items() if k in (*table.keys, attribute)} \
                if index in table.keys_only else item
            for value in {_plain(v) for v in (old, new) if v is not None}:
                self.writes[(write.table, index, value)] += 1
                self.write_units += max(1, math.ceil(size(projected) / 1024))


def label(key: tuple[str, str, str]) -> str:
    table, index, value = key
    return f"{table} / {index or 'table'} = {value}"


def _plain(value: dict) -> str:
    return str(next(iter(value.values())))


def _read_units(read: ItemRead) -> float:
    return max(1, math.ceil(read.size / 4096)) * read.factor
