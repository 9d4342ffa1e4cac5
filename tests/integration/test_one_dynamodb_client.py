"""One configuration, one DynamoDB client: every table is reached through the configuration's one PynamoDB
Connection (binding.Tables.requests), never through a record class's own connection, which would build a botocore
session and client of its own at its first request (tens of milliseconds of every cold start; bench figure 1)."""
import json
from collections import Counter
from datetime import datetime, timedelta, timezone

import botocore.session
import pytest

from chalicelib.domain.clock import to_wire, utc_now
from chalicelib.domain.enrollment import first_enrollment
from chalicelib.domain.sellers import register
from chalicelib.entrypoints import wiring
from chalicelib.services.changes import CreateEnrollment, SaveSeller
from tests.support import events as ev
from tests.support.sqs import pump, sqs_event

T0 = datetime(2026, 10, 1, tzinfo=timezone.utc)
OCT = lambda day: f"2026-10-{day:02d}T10:00:00Z"  # noqa: E731


@pytest.fixture
def dynamodb_clients(aws, monkeypatch):
    """The DynamoDB clients botocore builds from now on, each with the operations sent through it."""
    clients: list[Counter] = []
    create_client = botocore.session.Session.create_client

    def noting(session, service_name, *args, **kwargs):
        client = create_client(session, service_name, *args, **kwargs)
        if service_name == "dynamodb":
            sent = Counter()
            clients.append(sent)
            client.meta.events.register("before-call.dynamodb", lambda model, **_: sent.update([model.name]))
        return client

    monkeypatch.setattr(botocore.session.Session, "create_client", noting)
    wiring.reset()
    return clients


def recent(days: int) -> str:
    return to_wire(utc_now() - timedelta(days=days))


def test_events_a_close_the_report_a_refund_and_the_sellers_pages_all_go_through_one_dynamodb_client(
        dynamodb_clients, client, tokens):
    # Given a seller's October, and another seller's recent order with a contact about it, as marketplace events
    october = [ev.seller_registered("SA", occurred_at="2026-09-01T00:00:00Z"),
               ev.order_placed("A1", units=40, seller_id="SA", occurred_at=OCT(1)),
               ev.order_shipped("A1", units=40, seller_id="SA", occurred_at=OCT(2)),
               ev.contact_created("AC1", "A1", seller_id="SA", occurred_at=OCT(5))]
    shop = [ev.seller_registered("S1", occurred_at=recent(200)),
            ev.order_placed("O1", total="150.00", occurred_at=recent(10)),
            ev.contact_created("C1", "O1", topic="damaged", occurred_at=recent(9))]
    assert client.lambda_.invoke("marketplace_events", sqs_event(october + shop)).payload == {"batchItemFailures": []}
    # When October is closed and billed, the week's insights computed, an agent issues a refund and reads the case,
    # the sellers read their report, history, invoices, insights, enrolments, contacts and inbox and write a note
    client.lambda_.invoke("monthly_close", scheduled("2026-11-01T02:00:00Z"))
    pump(client, "billing_jobs", "billing_jobs_queue")
    client.lambda_.invoke("weekly_insights", scheduled(to_wire(utc_now())))
    pump(client, "billing_jobs", "billing_jobs_queue", rounds=1)  # 10 of its ~200 shard jobs: each reads and writes
    refund = {"refund_id": "R1", "contact_id": "C1", "order_id": "O1", "reason": "damaged", "returnless": False,
              "amount": {"amount": "20.00", "currency": "EUR"}}
    issued = client.http.post("/refunds", headers={**tokens.headers("A1", "agent"), "Content-Type": "application/json"},
                              body=json.dumps(refund))
    case = client.http.get("/contacts/C1", headers=tokens.headers("A1", "agent"))
    report = client.http.get(f"/sellers/SA/metrics/{ev.DE}?month=2026-10", headers=tokens.headers("SA"))
    pages = [client.http.get(path, headers=tokens.headers(path.split("/")[2])).status_code for path in (
        f"/sellers/SA/metrics/{ev.DE}/history", "/sellers/SA/invoices", f"/sellers/S1/insights/{ev.DE}",
        "/sellers/S1/enrollments", "/sellers/S1/contacts", "/sellers/S1/inbox")]
    note = client.http.put("/sellers/S1/products/B00000000A/support-notes", body=json.dumps({"text": "fragile"}),
                           headers={**tokens.headers("S1"), "Content-Type": "application/json"})
    swept = client.lambda_.invoke("daily_sweep", scheduled(to_wire(utc_now()))).payload
    # Then each did its work
    assert json.loads(report.body)["month"] == "2026-10" and json.loads(report.body)["provisional"] is False
    assert issued.status_code == 201 and [r["refund_id"] for r in json.loads(case.body)["refunds"]] == ["R1"]
    assert pages == [200] * 6 and note.status_code == 200 and swept["resent"] == 0
    # and every request of it, of every kind, went through one client
    assert len(dynamodb_clients) == 1, dynamodb_clients
    sent = dynamodb_clients[0]
    assert {"GetItem", "Query", "BatchGetItem", "BatchWriteItem", "PutItem", "UpdateItem", "DeleteItem",
            "TransactWriteItems"} <= set(sent), sent


def test_a_store_reaches_every_table_through_one_dynamodb_client(dynamodb_clients):
    store = wiring.store()
    seller = register("S1", "DE", None, T0, None)
    # When requests go to many tables, read one by one, in a batch and in a transaction
    assert store.commit_event("e1", "SellerRegistered", [SaveSeller(seller),
                                                          CreateEnrollment(first_enrollment(seller, ev.DE, T0))])
    found = (store.get_seller("S1"), store.get_enrollment("S1", ev.DE), store.list_enrollments("S1"),
             store.get_order("O1"), store.get_contact("C1"), store.get_refund("R1"),
             store.support_notes("S1", ["B01"]), store.seller_and_enrollment("S1", ev.DE))
    # Then
    assert found[0].seller_id == "S1" and [e.marketplace_id for e in found[2]] == [ev.DE]
    assert found[3:7] == (None, None, None, [])
    assert len(dynamodb_clients) == 1


def test_a_record_asked_to_make_a_request_itself_builds_a_client_of_its_own(dynamodb_clients):
    # Given a store that has made its requests
    store = wiring.store()
    assert store.get_seller("S1") is None and len(dynamodb_clients) == 1
    # When a record class is asked directly, as the repositories never do
    with pytest.raises(store.t.SellerRecord.DoesNotExist):
        store.t.SellerRecord.get("S1")
    # Then a second client is built: what the tests above would see if a repository did so
    assert len(dynamodb_clients) == 2


def scheduled(at: str) -> dict:
    return {"version": "0", "id": "x", "detail-type": "Scheduled Event", "source": "aws.events",
            "account": "123456789012", "time": at, "region": "us-east-1", "resources": [], "detail": {}}
