"""Requests reach the embedded AWS one at a time, so each is applied atomically, as in DynamoDB and SQS.

moto's server runs each request on its own thread, and moto's backends take no lock: two
TransactWriteItems interleave (one's rollback restores tables under the other's writes; two
conditions both pass), as no DynamoDB request ever does. `one_at_a_time(app)` wraps moto's WSGI app
in one process-wide lock, held from the request until its response body is built.

A long poll (ReceiveMessage with WaitTimeSeconds) would hold the lock for its whole wait and stall
every other client, so while moto waits for messages to arrive (`Queue.wait_for_messages`) the
lock is let go, and taken again before it looks at the queue: `long_polls_release_the_lock()`.
"""
import contextlib
import threading

from moto.sqs import models as sqs_models

_ONE_AT_A_TIME = threading.Lock()
_holder = threading.local()  # .holds: this thread is serving a request under the lock


def one_at_a_time(app):
    """The WSGI app `app`, serving one request at a time (body built inside the lock)."""
    def serve(environ, start_response):
        with _ONE_AT_A_TIME:
            _holder.holds = True
            try:
                response = app(environ, start_response)
                try:
                    return list(response)
                finally:
                    getattr(response, "close", lambda: None)()
            finally:
                _holder.holds = False
    return serve


@contextlib.contextmanager
def long_polls_release_the_lock():
    """While inside, a ReceiveMessage waiting for messages lets other requests through meanwhile."""
    original = sqs_models.Queue.wait_for_messages

    def wait_for_messages(queue, timeout):
        if not getattr(_holder, "holds", False):
            return original(queue, timeout)
        _holder.holds = False
        _ONE_AT_A_TIME.release()
        try:
            return original(queue, timeout)
        finally:
            _ONE_AT_A_TIME.acquire()
            _holder.holds = True

    sqs_models.Queue.wait_for_messages = wait_for_messages
    try:
        yield
    finally:
        sqs_models.Queue.wait_for_messages = original
