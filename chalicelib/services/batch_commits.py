"""The commits of one SQS batch's events, held by the batch as the store says it wrote them.

An event committed on its own tells what it wrote (services/ports.Store.commit_event): the items as now stored,
versions included. Made `grouped`, the batch keeps the commits of consecutive events open and sends them as one
transaction (services/open_transaction.py): while it is open, the items its events write are held as the store says
their changes state them (GroupedStore.written_by: a later event reads what an earlier one wrote, and an event
writing it again cannot join), then, once `commit_open` commits, as the commit says it stored them. An event that
cannot join, or what reads or writes the store itself, raises FlushFirst: commit the open transaction first.
"""
import contextlib
from typing import Callable, Iterator, Sequence

from chalicelib.services.batch_reads import BatchReads
from chalicelib.services.changes import Change
from chalicelib.services.open_transaction import FlushFirst, OpenTransaction
from chalicelib.services.ports import UNTOLD, ConditionFailed, GroupedStore, Written


class BatchCommits(BatchReads):
    """The writes of services/ports.Store that events make, each commit's items then held as the store told them."""

    def __init__(self, store: GroupedStore, grouped: bool) -> None:
        super().__init__(store)
        self.store: GroupedStore = store
        self._open = OpenTransaction() if grouped else None
        self._before_open: Written = {}  # the items the open transaction writes, as held before it (UNTOLD: not held)
        self._refused: Written = {}  # the items a refused transaction wrote: forgotten once its events ran alone

    @property
    def open_events(self) -> int:
        """How many events' commits the open transaction holds."""
        return len(self._open.events) if self._open else 0

    def commit_event(self, event_id: str, event_type: str, changes: Sequence[Change],
                     written: Written | None = None) -> bool:
        """The event's commit: joined to the open transaction (its items UNTOLD in `written` until that commits), or
        made now, on its own."""
        if self._open is not None:
            stated = self.store.written_by(changes)
            if self._open.takes(event_id, changes, list(stated)):
                self._open.add(event_id, event_type, changes, list(stated))
                self._before_open.update((key, self._items.get(key, UNTOLD)) for key in stated)  # none written twice
                self._touched.update(stated)
                self._hold(stated)
                if written is not None:
                    written.update(dict.fromkeys(stated, UNTOLD))
                return True
            self._nothing_open()
        return self._committed(lambda told: self.store.commit_event(event_id, event_type, changes, told), written)

    def commit_open(self) -> bool:
        """Commits the open transaction's events; False if it was refused: the items they wrote are held as before
        them, and each event is to be processed again on its own (`alone`), as if the others had not been.

        Refused may still mean applied (an answer lost on the way back): the events then find their marks and are
        duplicates, and what they wrote is forgotten after them, so that later events read it from the table."""
        if not self._open:
            return True
        opened, self._open = self._open, OpenTransaction()
        before, self._before_open = self._before_open, {}
        written: Written = {}
        try:
            self.store.commit_events(opened.events, opened.changes(), written)
        except ConditionFailed:
            self._hold(before)
            self._refused = before
            return False
        except BaseException:  # no answer: applied or not, what the events wrote is read again from the table
            self._forget(before)
            raise
        self._hold(written)
        return True

    @contextlib.contextmanager
    def alone(self) -> Iterator[None]:
        """Within: every commit is made at once, on its own."""
        opened, self._open = self._open, None
        try:
            yield
        finally:
            self._open = opened
            self._forget(self._refused)
            self._refused = {}

    def _nothing_open(self) -> None:
        """What follows reads or writes the store itself: the open transaction must be committed before."""
        if self._open:
            raise FlushFirst()

    def _committed(self, commit: Callable[[Written], bool], outer: Written | None) -> bool:
        """A commit of its own: the items it wrote are held as the store says it now holds them (forgotten where it
        cannot tell: the commit failed, or changed an item in place), and told to `outer` as well."""
        written: Written = {}
        try:
            return commit(written)
        finally:
            self._touched.update(written)
            self._hold(written)
            if outer is not None:
                outer.update(written)
