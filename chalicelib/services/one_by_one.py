"""Work on many items where one item's failure is that item's alone (the daily sweep's escalations and sends)."""
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")


def one_by_one(items: Iterable[T], act: Callable[[T], int], name: Callable[[T], str]) -> tuple[int, dict[str, str]]:
    """`act` on each item, whatever the others do: the sum of what it returned, and the reason each failed item
    failed, by `name`. The caller fails its run after the rest (the sweep: SweepIncomplete), so it is retried."""
    done, reasons = 0, {}
    for item in items:
        try:
            done += act(item)
        except Exception as error:  # noqa: BLE001 - the one place an item's failure (a throttle, an answer lost:
            reasons[name(item)] = repr(error)[:300]  # whatever the adapters raise) becomes its reason
    return done, reasons
