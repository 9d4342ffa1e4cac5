"""The whole store port (services/app_store.AppStore) on DynamoDB: the case store and the month store."""
from chalicelib.adapters.binding import Tables
from chalicelib.adapters.dynamo_month_store import DynamoMonthStore
from chalicelib.adapters.dynamo_store import DynamoStore


class DynamoAppStore(DynamoStore, DynamoMonthStore):
    def __init__(self, tables: Tables):
        DynamoStore.__init__(self, tables)
        DynamoMonthStore.__init__(self, tables)
