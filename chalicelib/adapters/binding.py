"""Binds the record classes to the stage's table names, endpoint and region, once per configuration."""
import os
from functools import lru_cache

from pynamodb.connection import Connection
from pynamodb.models import Model

from chalicelib.settings import Settings


class Tables:
    """The record classes of one configuration: `tables.SellerRecord.get(...)`."""

    def __init__(self, prefix: str, host: str | None, region: str):
        from chalicelib.adapters import records

        self.connection = Connection(region=region, host=host)
        for record in records.RECORDS:
            bound = _bind(record, f"{prefix}-{record.Meta.table_name}", host, region)
            _share(bound, self.connection)
            setattr(self, record.__name__, bound)


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
