"""Binds the record classes to the stage's table names, endpoint and region, once per configuration."""
import os
import threading
from functools import lru_cache

from pynamodb.connection import Connection
from pynamodb.models import Model

from chalicelib.settings import Settings


class Tables:
    """The record classes of one configuration: `tables.SellerRecord.get(...)`.

    Each is bound at its first use: PynamoDB builds a model class's attributes and schema when it is made (about
    1 ms of CPU per table), and a function's first invocation uses a few of the tables, not all of them.
    """

    def __init__(self, prefix: str, host: str | None, region: str):
        from chalicelib.adapters import records

        self.connection = Connection(region=region, host=host)
        self._where = (prefix, host, region)
        self._unbound = {record.__name__: record for record in records.RECORDS}
        self._binding = threading.Lock()

    def __getattr__(self, name: str) -> type[Model]:  # a record class not bound yet (bound ones are attributes)
        record = self.__dict__.get("_unbound", {}).get(name)
        if record is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        with self._binding:
            if name not in self.__dict__:  # another thread may have bound it meanwhile
                prefix, host, region = self._where
                bound = _bind(record, f"{prefix}-{record.Meta.table_name}", host, region)
                _share(bound, self.connection)
                setattr(self, name, bound)
        return self.__dict__[name]


def _bind(record: type[Model], table_name: str, host: str | None, region: str) -> type[Model]:
    meta = type("Meta", (), {"table_name": table_name, "host": host, "region": region})
    return type(record.__name__, (record,), {"Meta": meta})


def _share(record: type[Model], connection: Connection) -> None:
    """Makes `record` send its requests through `connection`, shared by every table of the configuration.

    PynamoDB builds a connection per model class, each with its own botocore session and client, and
    the first request of each pays for them (tens of milliseconds apiece, in every cold invocation).
    """
    table = record._get_connection()  # built from the record's Meta, with its schema; no request made
    connection.add_meta_table(table.get_meta_table())
    table.connection = connection


def tables_for(settings: Settings) -> Tables:
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
    return _tables(settings.table_prefix, settings.endpoint_url, region)


@lru_cache(maxsize=8)
def _tables(prefix: str, host: str | None, region: str) -> Tables:
    return Tables(prefix, host, region)
