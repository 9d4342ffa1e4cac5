"""Queries through the Connection of the configuration (adapters/table_requests.py says why), paged as PynamoDB
pages them: `Results` gives the records, asking for each page when the previous one is consumed, up to `limit`,
and tells where to resume (`last_evaluated_key`); its `pages` are the raw pages, for readers that decode them."""
from typing import Any, Iterator, TypeVar

from pynamodb.exceptions import QueryError
from pynamodb.expressions.condition import Condition
from pynamodb.indexes import Index
from pynamodb.models import Model

from chalicelib.adapters.table_requests import RawJson, TableRequests

R = TypeVar("R", bound=Model)


class Pages(Iterator[RawJson]):
    """A query's raw pages. A refused request (QueryError) leaves the position as it was: asking again is safe."""

    def __init__(self, requests: TableRequests, request: RawJson):
        self.requests, self.request = requests, request
        self.last_evaluated_key: RawJson | None = request.get("ExclusiveStartKey")
        self.last_page = False

    def __next__(self) -> RawJson:
        if self.last_page:
            raise StopIteration
        request = {**self.request, "ExclusiveStartKey": self.last_evaluated_key} if self.last_evaluated_key \
            else dict(self.request)
        page = self.requests.send("Query", request, QueryError)
        self.last_evaluated_key = page.get("LastEvaluatedKey")
        self.last_page = self.last_evaluated_key is None
        return page


class Results(Iterator[R]):
    """A query's records, at most `limit` (None: all), as PynamoDB's ResultIterator gives them."""

    def __init__(self, record: type[R], pages: Pages, limit: int | None, key_names: list[str]):
        self.record, self.pages, self.limit, self.key_names = record, pages, limit, key_names
        self.items: list[RawJson] = []
        self.index = 0

    def __next__(self) -> R:
        if self.limit == 0:
            raise StopIteration
        while self.index == len(self.items):
            self.items, self.index = next(self.pages).get("Items", []), 0
        item = self.items[self.index]
        self.index += 1
        if self.limit is not None:
            self.limit -= 1
        return self.record.from_raw_data(item)

    @property
    def last_evaluated_key(self) -> RawJson | None:
        """Where to resume: DynamoDB's, once a page is consumed; else the keys of the last record given."""
        if self.index == len(self.items):
            return self.pages.last_evaluated_key
        item = self.items[self.index - 1]
        return {name: item[name] for name in (self.pages.last_evaluated_key or self.key_names)}


def query(requests: TableRequests, record: type[R], hash_key: Any, range_key_condition: Condition | None = None, *,
          index: Index[Any] | None = None, filter_condition: Condition | None = None, consistent_read: bool = False,
          scan_index_forward: bool | None = None, limit: int | None = None, page_size: int | None = None,
          last_evaluated_key: RawJson | None = None) -> Results[R]:
    """The records of the table's (or `index`'s) partition `hash_key`, as Model.query (and Index.query) take it."""
    attributes = record.get_attributes() if index is None else index.Meta.attributes
    hash_attribute = next(a for a in attributes.values() if a.is_hash_key)
    key_condition = hash_attribute == hash_key
    if range_key_condition is not None:
        key_condition &= range_key_condition
    names: dict[str, str] = {}
    values: dict[str, Any] = {}
    request: RawJson = {"TableName": record.Meta.table_name,
                        "KeyConditionExpression": key_condition.serialize(names, values)}
    if filter_condition is not None:
        request["FilterExpression"] = filter_condition.serialize(names, values)
    request.update({"ExpressionAttributeNames": {placeholder: name for name, placeholder in names.items()},
                    "ExpressionAttributeValues": values})
    options = {"ConsistentRead": consistent_read or None, "IndexName": index and index.Meta.index_name,
               "Limit": limit if page_size is None else page_size, "ScanIndexForward": scan_index_forward,
               "ExclusiveStartKey": last_evaluated_key}
    request.update({name: value for name, value in options.items() if value is not None})
    return Results(record, Pages(requests, request), limit, _key_names(record, index))


def _key_names(record: type[Model], index: Index[Any] | None) -> list[str]:
    """The attributes naming an item's place in the table or index (DynamoDB's LastEvaluatedKey of a query)."""
    attributes = list(record.get_attributes().values()) + ([] if index is None else
                                                           list(index.Meta.attributes.values()))
    return list(dict.fromkeys(a.attr_name for a in attributes if a.is_hash_key or a.is_range_key))
