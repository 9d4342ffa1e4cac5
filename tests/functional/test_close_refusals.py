"""monthly_close closes only a month that has ended at the event's time and began after CSBA did (DESIGN 6);
for any other month it logs the refusal and enqueues nothing, so no report or invoice is touched."""
import logging

import pytest

from tests.functional.test_close_and_billing import scheduled
from tests.support import events as ev
from tests.support.sqs import sqs_event

REFUSED = [("2026-11-30T12:00:00Z", {"month": "2027-02"}, "has not ended"),
           ("2026-11-30T12:00:00Z", {"month": "2026-11"}, "has not ended"),
           ("1970-01-01T00:00:00Z", {}, "began before CSBA"),
           ("2026-11-30T12:00:00Z", {"month": "2021-11"}, "began before CSBA"),
           ("2026-11-30T12:00:00Z", {"month": "1969-12"}, "began before CSBA"),
           ("2026-11-30T12:00:00Z", {"month": "2026-1\u0661"}, "YYYY-MM")]


@pytest.mark.parametrize("at, detail, reason", REFUSED, ids=lambda v: str(v)[:20])
def test_a_month_not_ended_or_before_csba_is_refused_logged_and_enqueues_nothing(client, queues, tokens, caplog,
                                                                                  at, detail, reason):
    # Given a seller with a November in DE
    setup = [ev.seller_registered("S1", occurred_at="2026-05-01T00:00:00Z"),
             ev.order_placed("O1", occurred_at="2026-11-02T10:00:00Z")]
    assert client.lambda_.invoke("marketplace_events", sqs_event(setup)).payload == {"batchItemFailures": []}
    caplog.set_level(logging.INFO)
    # When the close runs for a month it may not close
    answer = client.lambda_.invoke("monthly_close", scheduled(at, detail)).payload
    # Then it says why, logs it, and enqueues no job
    assert answer["close_jobs"] == 0 and reason in answer["refused"]
    (logged,) = [r for r in caplog.records if r.getMessage() == "monthly close refused"]
    assert logged.reason == answer["refused"]
    assert queues.drain("billing_jobs_queue") == []
    # And no month counts as closed: the report without a month still has none to show
    report = client.http.get(f"/sellers/S1/metrics/{ev.DE}", headers=tokens.headers("S1"))
    assert report.status_code == 404


@pytest.mark.parametrize("at, detail, month", [("2021-12-31T23:59:59Z", {"month": "2021-11"}, None),
                                               ("2022-01-01T00:00:00Z", {}, "2021-12"),
                                               ("2026-12-01T03:00:00Z", {}, "2026-11"),
                                               ("2026-11-30T12:00:00Z", {"month": "2026-10"}, "2026-10")])
def test_the_first_month_after_csba_and_every_ended_month_is_closed(client, queues, at, detail, month):
    answer = client.lambda_.invoke("monthly_close", scheduled(at, detail)).payload
    if month is None:  # 2021-11 began before CSBA (16 Nov): refused even once it has ended
        assert "refused" in answer
    else:
        assert "refused" not in answer and answer["month"] == month and answer["close_jobs"] >= 1
