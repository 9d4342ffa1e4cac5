"""Corrections exactly once (DESIGN section 7): concurrent re-closes, and a crash between the write and the send.

Each thread invokes the `billing_jobs` handler as its own Lambda instance would; moto applies each request
atomically (as DynamoDB does) while the threads' requests interleave freely.
"""
import json
import threading
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from chalicelib import settings
from chalicelib.domain.clock import to_wire, utc_now
from chalicelib.services import corrections, invoicing
from tests.functional.test_corrections import DE_CN, DE_INV, close, deliver, documents, orders, registered, reclose
from tests.reliability.faults import SendFails
from tests.support import events as ev
from tests.support.scenario import scheduled
from tests.support.sqs import sqs_event

REVISE_S1 = {"type": "revise_invoice", "seller_id": "S1", "marketplace_id": ev.DE, "month": "2026-10"}


@pytest.fixture
def late_october(client, queues):
    """October closed and paid for S1 (60 units, 29.27), then 10 late units that the re-close will bill."""
    deliver(client, [registered("S1"), *orders("S1", "S1-O", 30, 2, "2026-10-02")])
    close(client)
    queues.drain("payments_queue")
    deliver(client, orders("S1", "S1-LATE", 5, 2, "2026-10-30"))
    client.lambda_.invoke("billing_jobs", sqs_event([{"type": "reclose_marketplace", "marketplace_id": ev.DE,
                                                      "month": "2026-10", "seller_id": "S1"}],
                                                    "csba-local-billing-jobs"))
    queues.drain("billing_jobs_queue")  # the revise job it enqueued: the tests run their own, concurrently
    return client


def revise_in_parallel(client, instances: int) -> list[dict]:
    def invoke(_):
        return client.lambda_.invoke("billing_jobs", sqs_event([REVISE_S1], "csba-local-billing-jobs")).payload

    with ThreadPoolExecutor(max_workers=instances) as pool:
        return list(pool.map(invoke, range(instances)))


def payments_by_key(queues) -> dict[str, list[dict]]:
    by_key = defaultdict(list)
    for message in queues.drain("payments_queue"):
        body = json.loads(message["body"])
        by_key[body["idempotency_key"]].append(body)
    return by_key


def assert_one_correction(store, queues):
    assert set(documents(store, "S1")) == {DE_INV, f"{DE_CN}-1", f"{DE_INV}-2"}
    sent = payments_by_key(queues)
    assert sorted(sent) == [f"credit:{DE_CN}-1", f"invoice:{DE_INV}-2"]
    # a message may leave twice (the loser resends what the winner had not yet marked sent), never changed
    assert all(all(b == bodies[0] for b in bodies) for bodies in sent.values())
    assert [bodies[0]["amount"]["amount"] for _, bodies in sorted(sent.items())] == ["-29.27", "34.15"]


def test_two_reclose_jobs_that_read_the_same_revision_issue_one_credit_note_and_one_revision(
        late_october, store, queues, atomic_requests, monkeypatch):
    # Given two instances that both read revision 1 as current before either writes
    both_read, original, waited = threading.Barrier(2, timeout=60), corrections.current_revision, set()

    def read_then_wait(*args):
        found = original(*args)
        if threading.get_ident() not in waited:
            waited.add(threading.get_ident())
            both_read.wait()
        return found

    monkeypatch.setattr(corrections, "current_revision", read_then_wait)
    # When both correct it at once
    answers = revise_in_parallel(late_october, 2)
    # Then one credit note and one revision (both computed the same documents: the next test is the one whose
    # writes differ, where only the condition on the revision number keeps the chain consistent)
    assert answers == [{"batchItemFailures": []}] * 2
    assert_one_correction(store, queues)


def test_two_reclose_jobs_that_computed_different_figures_leave_one_consistent_chain(
        late_october, store, queues, atomic_requests, monkeypatch):
    # Instance A reads revision 1 and the snapshot (70 units); one more late order arrives and a re-close
    # rewrites the snapshot (72 units); instance B reads revision 1 too, with 72 units. A writes and sends
    # everything first (its outbox entries are gone), then B writes: only the condition on the revision stops B.
    has_read, go = [threading.Event(), threading.Event()], [threading.Event(), threading.Event()]
    original, roles = invoicing.invoice_input, {}

    def read_then_wait(*args):
        found = original(*args)
        if threading.get_ident() not in roles:
            role = roles[threading.get_ident()] = len(roles)
            has_read[role].set()
            assert go[role].wait(60)
        return found

    monkeypatch.setattr(invoicing, "invoice_input", read_then_wait)
    with ThreadPoolExecutor(max_workers=2) as pool:
        a = pool.submit(revise_in_parallel, late_october, 1)
        assert has_read[0].wait(60)
        deliver(late_october, orders("S1", "S1-LATER", 1, 2, "2026-10-31"))
        late_october.lambda_.invoke("billing_jobs", sqs_event([{**REVISE_S1, "type": "reclose_marketplace"}],
                                                              "csba-local-billing-jobs"))
        queues.drain("billing_jobs_queue")
        b = pool.submit(revise_in_parallel, late_october, 1)
        assert has_read[1].wait(60)
        go[0].set()
        assert a.result() == [{"batchItemFailures": []}]
        go[1].set()
        assert b.result() == [{"batchItemFailures": []}]
    # Then the current revision bills 72 units, and what payments were sent nets to exactly that
    current, revision = corrections.current_revision(store, "S1", ev.DE, "2026-10")
    assert (revision, current.lines[0].units, current.total.to_wire()["amount"]) == (3, 72, "35.13")
    sent = payments_by_key(queues)
    assert all(all(b == bodies[0] for b in bodies) for bodies in sent.values()), "a key was reused for other figures"
    net = sum(int(bodies[0]["amount"]["amount"].replace(".", "")) for bodies in sent.values())
    assert net == 3513 - 2927  # the first invoice (29.27) was paid before; corrections net to the difference
    assert [d["status"] for d in documents(store, "S1").values()].count("issued") == 3  # CN-1, CN-2, INV-3


def test_six_reclose_jobs_at_once_issue_one_credit_note_and_one_revision(late_october, store, queues,
                                                                         atomic_requests):
    assert revise_in_parallel(late_october, 6) == [{"batchItemFailures": []}] * 6
    assert_one_correction(store, queues)


@pytest.mark.parametrize("after_apply", [False, True], ids=["send refused", "send's answer lost"])
def test_a_reclose_killed_at_its_send_repeats_a_message_only_under_its_key(late_october, store, queues, monkeypatch,
                                                                           after_apply):
    # Given the send of the credit note dies after the correction was committed
    failing = SendFails(settings.current().payments_queue, after_apply=after_apply).install(monkeypatch)
    failed = late_october.lambda_.invoke("billing_jobs", sqs_event([REVISE_S1], "csba-local-billing-jobs")).payload
    assert len(failed["batchItemFailures"]) == 1 and failing.injected == 1
    # When SQS delivers the job again (it resends what it can claim: the failed send gave its claim up, the
    # dead sender's other claim holds until its lease ends), and the daily sweep later relays what is left
    retried = late_october.lambda_.invoke("billing_jobs", sqs_event([REVISE_S1], "csba-local-billing-jobs")).payload
    assert retried == {"batchItemFailures": []}
    swept = late_october.lambda_.invoke("daily_sweep", scheduled(to_wire(utc_now() + timedelta(minutes=10)))).payload
    # Then nothing is issued twice, and each payment left (at least once) under its own key
    assert swept["resent"] <= 1
    assert_one_correction(store, queues)


def test_a_full_reclose_after_the_race_issues_nothing(late_october, store, queues, atomic_requests):
    revise_in_parallel(late_october, 3)
    queues.drain("payments_queue")
    reclose(late_october)
    assert set(documents(store, "S1")) == {DE_INV, f"{DE_CN}-1", f"{DE_INV}-2"} and queues.drain("payments_queue") == []
