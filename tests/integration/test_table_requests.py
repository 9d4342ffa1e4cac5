"""The requests of adapters/table_requests.py and table_queries.py on moto: as PynamoDB's Model methods make them
(the reference here: each case is run both ways where PynamoDB has the method), through the one connection.

Versions: a write under a stale version is refused with the error the repositories catch (PutError or
UpdateError, ConditionalCheckFailedException), and a write that succeeds moves the record's version as
Model.save and Model.update do. Batches: more keys or items than one request takes, and what DynamoDB
leaves unprocessed (`throttled`, conftest.py) asked again. Queries: pages, limits and resume positions.
"""
from datetime import datetime, timezone

import pytest
from pynamodb.exceptions import DeleteError, GetError, PutError, QueryError, UpdateError

from chalicelib.adapters import table_requests
from chalicelib.adapters.table_queries import query

T0 = datetime(2026, 10, 1, tzinfo=timezone.utc)


@pytest.fixture
def t(store):
    return store.t


def seller(t, seller_id="S1", **values):
    return t.SellerRecord(seller_id, country="DE", vat_id_valid=False, status="active", status_changed_at=T0,
                          registered_at=T0, **values)


def invoice(t, n: int, seller_id="S1"):
    return t.InvoiceRecord(f"I{n:03d}", seller_id=seller_id, month_market=f"2026-{n % 12 + 1:02d}#DE-{n:03d}",
                           body="{}", total_minor=n, created_at=T0)


def test_get_answers_the_record_or_none(t):
    t.requests.save(seller(t))
    assert t.requests.get(t.SellerRecord, "S1", consistent_read=True).country == "DE"
    assert t.requests.get(t.SellerRecord, "S2") is None
    assert t.requests.get(t.EnrollmentRecord, "S1", "DE") is None


def test_a_save_moves_the_version_as_model_save_does_and_a_stale_one_is_refused(t):
    # Given a seller saved once through the requests, one once through PynamoDB's own save
    ours, theirs = seller(t, "S1"), seller(t, "S2")
    t.requests.save(ours)
    theirs.save()
    assert ours.version == theirs.version == 1
    assert t.requests.get(t.SellerRecord, "S1").version == t.requests.get(t.SellerRecord, "S2").version == 1
    # When a copy never saved, then a copy of version 1, is written after it was saved again
    t.requests.save(seller(t, "S1", version=1))
    for stale in (seller(t, "S1"), seller(t, "S1", version=1)):
        with pytest.raises(PutError) as refused:
            t.requests.save(stale)
        # Then it is refused as the repositories expect, and the stored one is kept
        assert refused.value.cause_response_code == "ConditionalCheckFailedException"
    assert t.requests.get(t.SellerRecord, "S1", consistent_read=True).version == 2


def test_an_update_under_a_stale_version_is_refused_and_one_that_succeeds_gives_the_whole_item(t):
    t.requests.save(seller(t))
    current, stale = seller(t, version=1), seller(t, version=0)
    with pytest.raises(UpdateError) as refused:
        t.requests.update(stale, [t.SellerRecord.status.set("closed")])
    assert refused.value.cause_response_code == "ConditionalCheckFailedException"
    # an update of the current version increments it, and the record holds every attribute as stored
    bare = t.SellerRecord("S1", version=1)
    t.requests.update(bare, [t.SellerRecord.status.set("closed")], t.SellerRecord.country == "DE")
    assert (bare.status, bare.country, bare.version) == ("closed", "DE", 2)
    with pytest.raises(UpdateError):  # `current` is now stale too
        t.requests.update(current, [t.SellerRecord.status.set("active")])


def test_a_delete_under_a_failed_condition_is_refused(t):
    t.requests.save(t.OutboxRecord("m:1", queue="payments_queue", body="{}", created_at="2026-10-01"))
    with pytest.raises(DeleteError) as refused:
        t.requests.delete(t.OutboxRecord("m:1"), t.OutboxRecord.queue == "another")
    assert refused.value.cause_response_code == "ConditionalCheckFailedException"
    t.requests.delete(t.OutboxRecord("m:1"))
    assert t.requests.get(t.OutboxRecord, "m:1") is None


def test_batches_of_more_than_one_request_takes_write_and_read_every_item(t):
    # Given 130 invoices written in one call (25 per BatchWriteItem)
    t.requests.batch_save(invoice(t, n) for n in range(130))
    # When 150 ids are asked for, some twice (100 per BatchGetItem)
    asked = [f"I{n:03d}" for n in range(150)] + ["I000", "I129"]
    found = t.requests.batch_get(t.InvoiceRecord, asked)
    # Then each stored one is answered once, as PynamoDB's own batch_get answers
    assert sorted(r.invoice_id for r in found) == [f"I{n:03d}" for n in range(130)]
    assert sorted(r.invoice_id for r in t.InvoiceRecord.batch_get(asked)) == sorted(r.invoice_id for r in found)
    assert t.requests.batch_get(t.InvoiceRecord, []) == []


def test_what_a_throttled_batch_leaves_unprocessed_is_asked_again(t, throttled, monkeypatch):
    monkeypatch.setattr(table_requests, "FIRST_PAUSE", 0)
    throttled("BatchWriteItem", 3)
    t.requests.batch_save([invoice(t, n) for n in range(30)])
    throttled("BatchGetItem", 3)
    found = t.requests.batch_get(t.InvoiceRecord, [f"I{n:03d}" for n in range(30)], consistent_read=True)
    assert sorted(r.invoice_id for r in found) == [f"I{n:03d}" for n in range(30)]
    # and a batch still unprocessed after every try is refused, never answered as absent
    throttled("BatchGetItem", None)
    with pytest.raises(GetError):
        t.requests.batch_get(t.InvoiceRecord, ["I000"])
    throttled("BatchWriteItem", None)
    with pytest.raises(PutError):
        t.requests.batch_save([invoice(t, 99)])


@pytest.mark.parametrize("forward", [True, False])
@pytest.mark.parametrize("limit, page_size", [(None, None), (5, None), (5, 3), (7, 2), (9, 6), (20, 6), (1, None)])
def test_an_index_query_pages_and_stops_as_pynamodbs_does(t, forward, limit, page_size):
    # Given 12 invoices of one seller and 3 of another
    t.requests.batch_save([invoice(t, n) for n in range(12)] + [invoice(t, n, "S2") for n in range(12, 15)])
    record, condition = t.InvoiceRecord, t.InvoiceRecord.month_market >= "2026-03"
    # When queried with a limit and a page size, by the requests and by PynamoDB's Index.query
    ours = query(t.requests, record, "S1", condition, index=record.by_seller, scan_index_forward=forward,
                 limit=limit, page_size=page_size)
    theirs = record.by_seller.query("S1", condition, scan_index_forward=forward, limit=limit, page_size=page_size)
    # Then both give the same records in the same order, and the same place to resume
    assert [r.invoice_id for r in ours] == [r.invoice_id for r in theirs]
    assert ours.last_evaluated_key == theirs.last_evaluated_key
    # and resuming there gives the rest, none twice
    rest = query(t.requests, record, "S1", condition, index=record.by_seller, scan_index_forward=forward,
                 last_evaluated_key=ours.last_evaluated_key) if ours.last_evaluated_key else []
    every = query(t.requests, record, "S1", condition, index=record.by_seller, scan_index_forward=forward)
    taken = [r.invoice_id for r in query(t.requests, record, "S1", condition, index=record.by_seller,
                                         scan_index_forward=forward, limit=limit, page_size=page_size)]
    assert taken + [r.invoice_id for r in rest] == [r.invoice_id for r in every]


def test_a_filtered_table_query_with_a_consistent_read(t):
    t.requests.batch_save([t.MarketStatsRecord("DE", f"2026-{m:02d}", stats="{}", closed_at=T0,
                                               invoices_enqueued=m % 2 == 0) for m in range(1, 13)])
    record = t.MarketStatsRecord
    found = query(t.requests, record, "DE", record.month.between("2026-03", "2026-09"),
                  filter_condition=record.invoices_enqueued == True, consistent_read=True)  # noqa: E712
    assert [r.month for r in found] == ["2026-04", "2026-06", "2026-08"]
    assert list(query(t.requests, record, "FR")) == []


def test_a_refused_page_leaves_the_query_where_it_was(t, throttled):
    t.requests.batch_save([invoice(t, n) for n in range(6)])
    pages = query(t.requests, t.InvoiceRecord, "S1", index=t.InvoiceRecord.by_seller, page_size=2).pages
    first = next(pages)
    throttled("Query", 1, error="ThrottlingException")
    with pytest.raises(QueryError) as refused:
        next(pages)
    assert refused.value.cause_response_code == "ThrottlingException"
    rest = [item["invoice_id"]["S"] for page in pages for item in page["Items"]]
    assert [item["invoice_id"]["S"] for item in first["Items"]] + rest == [f"I{n:03d}" for n in range(6)]
