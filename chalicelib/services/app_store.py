"""The whole store port: what every service together reads and writes (ports.py and month_ports.py)."""
from typing import Protocol

from chalicelib.services.month_ports import MonthStore
from chalicelib.services.ports import CaseStore


class AppStore(CaseStore, MonthStore, Protocol):
    """Implemented by the DynamoDB store (adapters/dynamo_app_store.py) and the in-memory fake of the tests."""
