"""The events of a batch committed together: one transaction for as many consecutive events as it can hold.

Every botocore request costs CPU (bench figure 1: a first batch of ten made eleven requests against the floor's
one), so the batch store keeps the commits of consecutive events open and sends them as one TransactWriteItems:
each event's processed mark, and its changes, the counter adds of one item summed into one (a transaction may
name an item once). An event joins only what the transaction can take without changing its meaning:

- no message to send (its send must follow its own commit), no write outside the events' own kinds;
- no item another event of the transaction writes (counters aside) and not the same event id twice;
- at most MAX_EVENTS events, MAX_ITEMS items.

Otherwise the open transaction is committed first (FlushFirst) and the event processed again. The transaction
commits every event or none; refused (a duplicate's mark, a stale version, a shipment past its order, a throttle),
its events are committed one by one as they would have been alone, so one bad event never takes a neighbour
with it and nothing is counted twice.
"""
from collections import Counter
from typing import Sequence

from chalicelib.services.changes import (AddToCounters, AddToWeekCounters, Change, CreateEnrollment, CreateOrder,
                                         SaveContact, SaveSeller, ShipUnits)
from chalicelib.services.ports import Key

MAX_EVENTS = 25
MAX_ITEMS = 90  # DynamoDB takes 100 actions per transaction
GROUPED = (SaveSeller, CreateEnrollment, CreateOrder, ShipUnits, SaveContact, AddToCounters, AddToWeekCounters)
CounterKey = tuple[str, str, str, str]  # kind, seller, marketplace, month or week


class FlushFirst(Exception):
    """The event cannot join the open transaction: commit that first, then process the event again."""


class OpenTransaction:
    def __init__(self) -> None:
        self.events: list[tuple[str, str]] = []  # (event_id, event_type), each with its processed mark
        self.items: set[Key] = set()  # the items written, counters aside
        self.counters: dict[CounterKey, Counter[str]] = {}
        self.others: list[Change] = []

    def __bool__(self) -> bool:
        return bool(self.events)

    def takes(self, event_id: str, changes: Sequence[Change], written: Sequence[Key]) -> bool:
        """Whether the event's commit can join (`written`: the items its changes write, counters aside)."""
        counters = {_counter_key(change) for change in changes if isinstance(change, (AddToCounters, AddToWeekCounters))}
        size = len(self.events) + len(self.items) + len(self.counters) + 1 + len(written) + len(counters - self.counters.keys())
        return (all(isinstance(change, GROUPED) for change in changes) and len(self.events) < MAX_EVENTS
                and event_id not in {known for known, _ in self.events} and len(set(written)) == len(written)
                and not self.items.intersection(written) and size <= MAX_ITEMS)

    def add(self, event_id: str, event_type: str, changes: Sequence[Change], written: Sequence[Key]) -> None:
        self.events.append((event_id, event_type))
        self.items.update(written)
        for change in changes:
            if isinstance(change, (AddToCounters, AddToWeekCounters)):
                self.counters.setdefault(_counter_key(change), Counter()).update(dict(change.deltas))
            else:
                self.others.append(change)

    def changes(self) -> list[Change]:
        """The events' changes, the adds to each counter item summed."""
        summed: list[Change] = []
        for (kind, seller, market, period), deltas in self.counters.items():
            kept = tuple(sorted(deltas.items()))
            summed.append(AddToCounters(seller, market, period, kept) if kind == "month"
                          else AddToWeekCounters(seller, market, period, kept))
        return [*self.others, *summed]


def _counter_key(change: AddToCounters | AddToWeekCounters) -> CounterKey:
    if isinstance(change, AddToCounters):
        return "month", change.seller_id, change.marketplace_id, change.month
    return "week", change.seller_id, change.marketplace_id, change.week
