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
            setattr(self, record.__name__, _bind(record, f"{prefix}-{record.Meta.table_name}", host, region))


def _bind(record: type[Model], table_name: str, host: str | None, region: str) -> type[Model]:
    meta = type("Meta", (), {"table_name": table_name, "host": host, "region": region})
    return type(record.__name__, (record,), {"Meta": meta})


def tables_for(settings: Settings) -> Tables:
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
    return _tables(settings.table_prefix, settings.endpoint_url, region)


@lru_cache(maxsize=8)
def _tables(prefix: str, host: str | None, region: str) -> Tables:
    return Tables(prefix, host, region)
