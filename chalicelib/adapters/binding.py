"""Binds the record classes to the stage's table names, once per configuration, beside the one connection all
their requests go through (adapters/table_requests.py, adapters/table_queries.py)."""
import os
import threading
from functools import lru_cache
from typing import Generic, TypeVar, overload

from pynamodb.connection import Connection
from pynamodb.models import Model

from chalicelib.adapters import insight_records, records
from chalicelib.adapters.table_requests import TableRequests
from chalicelib.settings import Settings

R = TypeVar("R", bound=Model)


class _Table(Generic[R]):
    """A record of records.py as a Tables attribute: bound to that configuration's table when first read.

    A function uses a few of the tables (the events consumer 8 of 15, the report 5), and building a PynamoDB
    class costs about 0.25 ms of a cold start (bench figure 1). The lock keeps one class per table when the
    first requests of a threaded server read it together."""

    def __init__(self, record: type[R]):
        self.record = record

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, tables: None, owner: type) -> "_Table[R]": ...

    @overload
    def __get__(self, tables: "Tables", owner: type) -> type[R]: ...

    def __get__(self, tables: "Tables | None", owner: type) -> "_Table[R] | type[R]":
        if tables is None:
            return self
        with tables.binding:
            bound: type[R] | None = tables.__dict__.get(self.name)
            if bound is None:  # read again under the lock: another thread may have bound it meanwhile
                bound = tables.__dict__[self.name] = tables.bound(self.record)
        return bound  # from now on found in the instance's __dict__, before this descriptor


class Tables:
    """The record classes of one configuration, each a subclass of its record in records.py bound to the stage's
    table, and `requests`, through which every request to them goes (`tables.requests.get(tables.SellerRecord,
    seller_id)`): one PynamoDB Connection, so one botocore session and client, for all the tables.

    A record class is never asked to make a request itself (`SellerRecord.get(...)`): PynamoDB gives each
    model class a connection of its own, with its own botocore session and client, built at its first
    request (30-40 ms of CPU apiece, in every cold invocation: the report route's three tables cost about
    100 ms more; bench figure 1), and has no public way to hand it one (pynamodb/PynamoDB#1245, open)."""

    SellerRecord = _Table(records.SellerRecord)
    EnrollmentRecord = _Table(records.EnrollmentRecord)
    ProcessedEventRecord = _Table(records.ProcessedEventRecord)
    OrderRecord = _Table(records.OrderRecord)
    ContactRecord = _Table(records.ContactRecord)
    SupportNoteRecord = _Table(records.SupportNoteRecord)
    OutboxRecord = _Table(records.OutboxRecord)
    CounterRecord = _Table(records.CounterRecord)
    RefundRecord = _Table(records.RefundRecord)
    SnapshotRecord = _Table(records.SnapshotRecord)
    MarketStatsRecord = _Table(records.MarketStatsRecord)
    InvoiceRecord = _Table(records.InvoiceRecord)
    ReplyRecord = _Table(records.ReplyRecord)
    WeekCounterRecord = _Table(insight_records.WeekCounterRecord)
    InsightStatsRecord = _Table(insight_records.InsightStatsRecord)

    def __init__(self, prefix: str, host: str | None, region: str):
        self.prefix, self.host, self.region = prefix, host, region
        self.connection = Connection(region=region, host=host)
        self.requests = TableRequests(self.connection)
        self.binding = threading.Lock()

    def bound(self, record: type[R]) -> type[R]:
        """A subclass of `record` whose Meta names this configuration's table, endpoint and region."""
        stage_table, stage_host, stage_region = f"{self.prefix}-{record.Meta.table_name}", self.host, self.region

        class Bound(record):  # type: ignore[valid-type, misc]  # a base known only at run time: the record given
            class Meta:
                table_name, host, region = stage_table, stage_host, stage_region

        Bound.__name__ = Bound.__qualname__ = record.__name__
        return Bound


def tables_for(settings: Settings) -> Tables:
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
    return _tables(settings.table_prefix, settings.endpoint_url, region)


@lru_cache(maxsize=8)
def _tables(prefix: str, host: str | None, region: str) -> Tables:
    return Tables(prefix, host, region)
