"""moto's TransactWriteItems, all-or-nothing still, without deep-copying whole tables.

moto backs up every table a transaction touches (`copy.deepcopy(table)`) before applying it,
so each transaction costs time in proportion to the table sizes (a replayed month, a close of
many sellers, a long `make run` grow quadratically). `item_level_rollback()` backs up only the
items the transaction names and puts them back when it is cancelled; tests/reliability/
test_moto_rollback.py shows the rollback is still complete. It swaps a module global of moto
during each transaction, so requests must reach moto one at a time: the embedded AWS serves
them so (infra/moto_server.py), the tests lock in-process moto (`atomic_requests`).
Used by the embedded AWS, the reliability suite and the bench.
"""
import contextlib
import copy
import types

from moto.dynamodb import models
from moto.dynamodb.models.dynamo_type import DynamoType

_NO_TABLE_COPIES = types.SimpleNamespace(deepcopy=lambda value, memo=None: value)


@contextlib.contextmanager
def item_level_rollback():
    """While inside, moto's TransactWriteItems backs up the items it names, not whole tables."""
    original = models.DynamoDBBackend.transact_write_items

    def transact_write_items(backend, transact_items):
        try:
            saved = [_backup(backend, entry) for entry in transact_items]
        except Exception:  # noqa: BLE001 - a malformed request: moto's own path answers it
            return original(backend, transact_items)
        models.copy = _NO_TABLE_COPIES
        try:
            return original(backend, transact_items)
        except Exception:  # cancelled (or moto failed): undo what it applied, then let it answer
            for table, hash_value, range_value, item in reversed(saved):
                _restore(table, hash_value, range_value, item)
            raise
        finally:
            models.copy = copy

    models.DynamoDBBackend.transact_write_items = transact_write_items
    try:
        yield
    finally:
        models.DynamoDBBackend.transact_write_items = original


def _backup(backend, entry: dict):
    (_, op), = entry.items()
    table = backend.get_table(op["TableName"])
    key = op.get("Key") or {k: op["Item"][k] for k in (table.hash_key_attr, table.range_key_attr) if k}
    hash_value = DynamoType(key[table.hash_key_attr])
    range_value = DynamoType(key[table.range_key_attr]) if table.range_key_attr else None
    return table, hash_value, range_value, copy.deepcopy(table.get_item(hash_value, range_value))


def _restore(table, hash_value, range_value, item) -> None:
    if range_value is None:
        if item is None:
            table.items.pop(hash_value, None)
        else:
            table.items[hash_value] = item
    elif item is None:
        table.items[hash_value].pop(range_value, None)
    else:
        table.items[hash_value][range_value] = item
