"""A Store for the events of one SQS batch: reads served from what the batch holds (services/batch_reads.py), commits
held as the store says it wrote them, consecutive events' commits grouped in one transaction (batch_commits.py), the
sent marks of the batch's messages left for `settle`, one request.

Before the batch, `read_ahead` fetches what its events will read in two requests at most.
"""
from typing import Sequence

from chalicelib.domain.enrollment import Enrollment
from chalicelib.domain.refunds import Refund
from chalicelib.services import read_ahead
from chalicelib.services.batch_commits import BatchCommits
from chalicelib.services.changes import Change, QueueMessage
from chalicelib.services.inbound_events import Event
from chalicelib.services.ports import ENROLLMENT, GroupedStore, Key

ROUNDS = 2  # what the envelopes name, then what depends on it (the notes of the contacts routed to Amazon CS)


class BatchStore(BatchCommits):
    def __init__(self, store: GroupedStore, grouped: bool = False) -> None:
        super().__init__(store, grouped)
        self._sent: list[str] = []

    def read_ahead(self, events: Sequence[Event]) -> int:
        """Fetches what the parsed `events` will read (read_ahead.py rehearses their handlers), in a request per
        round; returns how many items the store left unanswered."""
        asked = set[Key]()
        for _ in range(ROUNDS):
            wanted = read_ahead.wanted(events, self._items) - asked
            if not wanted:
                break
            asked |= wanted
            self.prefetch(wanted)
        return len(asked - self._items.keys())

    def settle(self) -> list[str]:
        """Marks the messages the batch sent, together; returns the keys left pending (the sweep resends them)."""
        sent, self._sent = list(dict.fromkeys(self._sent)), []
        return self.store.mark_all_sent(sent) if sent else []

    def get_refund(self, refund_id: str) -> Refund | None:
        return self.store.get_refund(refund_id)

    def list_enrollments(self, seller_id: str) -> list[Enrollment]:
        self._nothing_open()
        return self.store.list_enrollments(seller_id)

    def save_enrollment(self, enrollment: Enrollment) -> Enrollment:
        self._nothing_open()
        key = (ENROLLMENT, enrollment.seller_id, enrollment.marketplace_id)
        self._touched.add(key)
        self._forget([key])
        self._items[key] = saved = self.store.save_enrollment(enrollment)
        return saved

    def commit(self, changes: Sequence[Change]) -> None:
        """Commits `changes` at once; what they write is read again from the store when next read."""
        self._nothing_open()
        written = self.store.written_by(changes)
        self._touched.update(written)
        self._forget(written)
        self.store.commit(changes)

    def was_processed(self, event_id: str) -> bool:
        self._nothing_open()
        return self.store.was_processed(event_id)

    def outbox_keys_of(self, event_id: str) -> list[str]:
        self._nothing_open()
        return self.store.outbox_keys_of(event_id)

    def pending_messages(self, keys: list[str]) -> list[QueueMessage]:
        self._nothing_open()
        sent = set(self._sent)
        return self.store.pending_messages([key for key in keys if key not in sent])

    def mark_sent(self, key: str) -> None:
        self._sent.append(key)

    def claim(self, key: str, now_iso: str, until_iso: str) -> bool:
        return self.store.claim(key, now_iso, until_iso)

    def release(self, key: str) -> None:
        self.store.release(key)

    def mark_all_sent(self, keys: Sequence[str]) -> list[str]:
        self._sent.extend(keys)
        return []
