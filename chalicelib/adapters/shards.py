"""Write sharding of the index keys every event would otherwise write to one partition (docs/capacity.md).

Three global secondary indexes had one partition key per marketplace-month or for all items:
counters `by-market-month`, contacts `awaiting-response` and outbox `pending`. Their keys now
carry a shard (`<marketplace>#<month>#<shard>`; the shard alone for the other two), a stable hash
(CRC-32, the same in every process; not Python's salted `hash()`) of the seller (counters: a
seller's months stay in one shard) or of the item's own key.
Readers query every shard, in parallel, and merge the shards' sorted pages.

A key's count is the capacity model's: its writes per event (measured by `make bench`, figure 7)
times the peak of 5,000 events/s all in one marketplace, over the budget of 500 writes/s per key
(half of DynamoDB's 1,000), times SKEW, the room left for a hash over sellers of unequal sizes and
for more writes per event. A count read by a reader must be the one its items were written
under: changing one means re-keying the index's items (an UpdateItem each) before readers use it.
"""
import heapq
import math
import zlib
import time
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence, TypeVar

from pynamodb.exceptions import QueryError
from pynamodb.models import Model

from chalicelib.adapters.table_queries import Results

if TYPE_CHECKING:
    from _typeshed import SupportsRichComparison

Record = TypeVar("Record", bound=Model)
RawPage = dict[str, Any]  # Any: a page of a Query's raw response, read by the record's from_raw_data

PEAK_EVENTS_PER_SECOND = 5_000
KEY_BUDGET = 500  # writes per second per partition key: half of DynamoDB's 1,000
SKEW = 3


def shard_count(writes_per_event: float) -> int:
    """How many keys share writes of `writes_per_event` at peak with room for SKEW."""
    return math.ceil(writes_per_event * PEAK_EVENTS_PER_SECOND * SKEW / KEY_BUDGET)


COUNTER_SHARDS = shard_count(0.95)  # 29: counters `by-market-month` (issue 22's measure: 0.947 writes per event)
AWAITING_SHARDS = shard_count(0.32)  # 10: contacts `awaiting-response` (0.316)
PENDING_SHARDS = shard_count(0.22)  # 7: outbox `pending` (0.211)


def shard_of(key: str, shards: int) -> int:
    return zlib.crc32(key.encode()) % shards


def counter_key(marketplace_id: str, month: str, seller_id: str) -> str:
    """The seller's `by-market-month` key: `<marketplace>#<month>#<shard>`."""
    return f"{marketplace_id}#{month}#{shard_of(seller_id, COUNTER_SHARDS)}"


def counter_keys(marketplace_id: str, month: str) -> list[str]:
    return [f"{marketplace_id}#{month}#{shard}" for shard in range(COUNTER_SHARDS)]


def awaiting_key(contact_id: str) -> str:
    return str(shard_of(contact_id, AWAITING_SHARDS))


def pending_key(message_key: str) -> str:
    return str(shard_of(message_key, PENDING_SHARDS))


def merged(queries: Sequence[Results[Record]], record: type[Record],
           key: "Callable[[Record], SupportsRichComparison]") -> Iterator[Record]:
    """The items of one query per shard (table_queries.Results, not started), merged in `key` order.

    Each shard's first page is requested at once and its next page while this one is consumed,
    on a shared pool of threads: the shards are read in parallel, one page ahead each.
    """
    return heapq.merge(*(_read_ahead(query.pages, record) for query in queries), key=key)


def _read_ahead(pages: Iterator[RawPage], record: type[Record]) -> Iterator[Record]:
    future = _fetch(pages)
    return _items(pages, future, record)


def _items(pages: Iterator[RawPage], future: Future[RawPage | None], record: type[Record]) -> Iterator[Record]:
    while (page := future.result()) is not None:
        future = _fetch(pages)
        for raw in page.get("Items", ()):
            yield record.from_raw_data(raw)


def _fetch(pages: Iterator[RawPage]) -> Future[RawPage | None]:
    return _pool().submit(_next_page, pages)


def _next_page(pages: Iterator[RawPage]) -> RawPage | None:
    """The shard's next page; a transient refusal (after botocore's own retries) is asked again here, since
    one throttled page among a close's ~116 shard queries should not fail, and restart, all of them.
    A query's pages keep their position when a request fails (table_queries.Pages), so asking again is safe."""
    for attempt in range(PAGE_TRIES - 1):
        try:
            return next(pages, None)
        except QueryError as error:
            if error.cause_response_code not in TRANSIENT:
                raise
            time.sleep(PAGE_PAUSE * 2 ** attempt)
    return next(pages, None)  # the last try: its refusal is the caller's


TRANSIENT = {"ThrottlingException", "ProvisionedThroughputExceededException", "RequestLimitExceeded",
             "InternalServerError", "ServiceUnavailable"}
PAGE_TRIES, PAGE_PAUSE = 4, 0.025


@lru_cache(maxsize=1)
def _pool() -> ThreadPoolExecutor:
    """The threads the shard queries share (built at the first read of a sharded index)."""
    return ThreadPoolExecutor(max_workers=32, thread_name_prefix="shard")
