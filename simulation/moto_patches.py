"""The bench's moto for the close: two of moto's costs that grow with the data, taken away.

moto's TransactWriteItems deep-copies every table it touches (for its rollback), and its SQS
SendMessage (and ReceiveMessage, for each message it returns) builds the queue's attributes,
counting every message in the queue three times, to read one attribute that is not a count;
DynamoDB and SQS do neither. With them, a close of 10,000 sellers
(10,000 transactions on tables of up to 10,000 items, 10,000 jobs sent to one queue) takes hours
and its time grows with the square of the sellers. The transaction patch is the embedded
AWS's (item-level backup, all-or-nothing still: tests/reliability/test_moto_rollback.py); the
SQS patch skips the counts unless GetQueueAttributes asks for them.
"""
import contextlib

import pytest

PATCHES = ("TransactWriteItems backs up the items it names, not whole tables (infra/"
           "moto_transactions.py); SQS counts the messages of a queue only when GetQueueAttributes asks")


@contextlib.contextmanager
def linear_moto():
    """While inside, moto's time per request no longer grows with the tables and queues."""
    from infra.moto_transactions import item_level_rollback

    with pytest.MonkeyPatch.context() as monkeypatch, item_level_rollback():
        _counts_only_when_asked(monkeypatch)
        yield


def _counts_only_when_asked(monkeypatch) -> None:
    """SendMessage, and ReceiveMessage for each message it returns, build the queue's attributes to
    read one that is not a count; so does GetQueueAttributes naming other attributes. These skip the
    counts; GetQueueAttributes asking for a count (or All) still gets it."""
    from moto.sqs import models

    counted = models.Queue.attributes
    counts = {"ApproximateNumberOfMessages", "ApproximateNumberOfMessagesDelayed",
              "ApproximateNumberOfMessagesNotVisible"}
    without_counts = [name for name in models.Queue.BASE_ATTRIBUTES if name not in counts]
    skipping = []

    def attributes(queue):
        if not skipping:
            return counted.fget(queue)
        queue.BASE_ATTRIBUTES = without_counts  # shadows the class's list for this one call
        try:
            return counted.fget(queue)
        finally:
            del queue.BASE_ATTRIBUTES

    def skip_counts(method, asks_for_counts=lambda *a, **k: False):
        def patched(backend, *args, **kwargs):
            if asks_for_counts(*args, **kwargs):
                return method(backend, *args, **kwargs)
            skipping.append(True)
            try:
                return method(backend, *args, **kwargs)
            finally:
                skipping.pop()
        return patched

    def names_a_count(queue_name, attribute_names, *_, **__):
        return "All" in attribute_names or bool(counts & set(attribute_names))

    backend = models.SQSBackend
    monkeypatch.setattr(models.Queue, "attributes", property(attributes))
    monkeypatch.setattr(backend, "send_message", skip_counts(backend.send_message))
    monkeypatch.setattr(backend, "get_queue_attributes", skip_counts(backend.get_queue_attributes, names_a_count))
