"""docs/asyncapi.yaml documents the queues: every sample event matches it and the app's parser accepts it, every
field it requires the parser requires, its event types are the app's, and what the services send matches it.

The app is reached only through its public parser (`inbound_events.parse`) and its real handlers, never its models.
"""
import copy
import json
from pathlib import Path

import boto3
import pytest
import yaml

from chalicelib import settings
from chalicelib.domain.clock import utc_now
from chalicelib.domain.identifiers import ASIN, EVENT_ID, ID, MAX_LENGTH, SELLER_ID, anchored
from chalicelib.domain.months import MONTH
from chalicelib.services import events
from chalicelib.services.inbound_events import Event, parse
from infra.seed_events import history
from tests.support import asyncapi, scenario
from tests.support import events as ev
from tests.support.sqs import QueueReader, failed_ids, sqs_event

EVENTS = Path(__file__).resolve().parents[2] / "events"
INBOUND = asyncapi.channel_messages("marketplaceEvents")


def test_the_document_is_asyncapi_3_and_every_schema_is_a_json_schema():
    document = asyncapi.load()
    assert document["asyncapi"].startswith("3.")
    asyncapi.check_references(document)
    for schema in document["components"]["schemas"].values():
        asyncapi.check_schema(schema)


def test_every_example_matches_its_message():
    examples = [(name, example) for name, message in asyncapi.load()["components"]["messages"].items()
                for example in message["examples"]]
    assert len(examples) >= len(asyncapi.load()["components"]["messages"])
    for name, example in examples:
        asyncapi.check_message(name, example["payload"], example.get("headers"))


def test_the_documented_event_types_are_the_ones_the_app_handles():
    assert set(INBOUND) == set(events.HANDLERS)
    for name in INBOUND:  # each message's payload names its own type
        asyncapi.check_message(name, asyncapi.example(name))
        assert accepted(asyncapi.example(name)).envelope.type == name
    assert refused({**asyncapi.example("OrderShipped"), "type": "OrderCancelled"})


def test_the_documents_ids_and_months_are_the_domains():
    http = yaml.safe_load((Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml").read_text())
    schemas = asyncapi.load()["components"]["schemas"]
    for documented, kind in [(schemas["Id"], ID), (http["components"]["schemas"]["Id"], ID),
                             (schemas["SellerId"], SELLER_ID), (schemas["EventId"], EVENT_ID)]:
        assert (documented["pattern"], documented["maxLength"]) == (anchored(kind), MAX_LENGTH)
    assert (schemas["Asin"]["pattern"], schemas["Month"]["pattern"]) == (anchored(ASIN), anchored(MONTH))


def sample_events() -> list[tuple[str, dict]]:
    """Every sample envelope the project has: events/, the SQS sample, the builders the tests use, `seed`'s history."""
    samples = [(path.name, json.loads(path.read_text())) for path in sorted((EVENTS / "envelopes").glob("*.json"))]
    sqs_sample = json.loads((EVENTS / "sqs_marketplace_events.json").read_text())["Records"]
    samples += [("sqs_marketplace_events.json", json.loads(record["body"])) for record in sqs_sample]
    built = [ev.seller_registered(), ev.seller_status_changed("active"), ev.order_placed("O1"),
             ev.order_shipped("O1"), ev.return_requested("O1", "RET1"), ev.contact_created("C1", "O1"),
             ev.contact_created("C2", asin="B000000001"), ev.contact_responded("C1", "2026-10-03T13:00:00Z"),
             ev.contact_resolved("C1"), ev.survey_answered("C1", True)]
    samples += [("tests/support/events.py", envelope) for envelope in built]
    seeded = history(utc_now())
    samples += [("infra/seed_events.py", envelope) for phase in seeded.phases + seeded.late for envelope in phase]
    return samples


def test_every_sample_event_matches_the_document_and_the_parser_accepts_it():
    samples = sample_events()
    assert {envelope["type"] for _, envelope in samples} == set(INBOUND)
    for where, envelope in samples:
        asyncapi.check_message(envelope["type"], envelope, where=where)
        accepted(envelope)


def test_the_sample_billing_jobs_match_the_document():
    records = json.loads((EVENTS / "sqs_billing_jobs.json").read_text())["Records"]
    assert records
    for record in records:
        asyncapi.check_message("BillingJob", json.loads(record["body"]), where="sqs_billing_jobs.json")


@pytest.mark.parametrize("event_type", sorted(INBOUND))
def test_each_field_the_document_requires_is_one_the_parser_requires(event_type):
    example = asyncapi.example(event_type)
    paths = asyncapi.required_paths(event_type, example)
    assert ("event_id",) in paths and ("detail",) in paths and len(paths) > 6
    for path in paths:
        incomplete = copy.deepcopy(example)
        parent = incomplete
        for name in path[:-1]:
            parent = parent[name]
        assert path[-1] in parent, f"the {event_type} example lacks {'.'.join(path)}"
        del parent[path[-1]]
        assert refused(incomplete), f"{event_type} without {'.'.join(path)} was accepted"


@pytest.mark.parametrize("event_type", sorted(INBOUND))
def test_the_parser_accepts_exactly_the_values_the_document_lists(event_type):
    example = asyncapi.example(event_type)
    for name, values in asyncapi.enumerated_detail_fields(event_type):
        for value in [*values, "not_" + str(values[0])]:
            changed = {**example, "detail": {**example["detail"], name: value}}
            assert refused(changed) == (value not in values), f"{event_type} with {name} {value!r}"


@pytest.mark.parametrize("event_type", sorted(INBOUND))
def test_the_parser_accepts_the_longest_text_the_document_allows_and_refuses_one_character_more(event_type):
    example, tried = asyncapi.example(event_type), []
    for path, schema in asyncapi.bounded_text_fields(event_type):
        longest = "A" * schema["maxLength"]
        if not asyncapi.is_valid(schema, longest):
            continue  # a pattern that "A"s do not match (a language tag)
        for value, accepted in ((longest, True), (longest + "A", False)):
            changed = copy.deepcopy(example)
            (changed if len(path) == 1 else changed["detail"])[path[-1]] = value
            assert refused(changed) is not accepted, f"{event_type} with {'.'.join(path)} of {len(value)} characters"
        tried.append(path)
    assert ("event_id",) in tried and ("seller_id",) in tried


def test_the_parser_accepts_exactly_the_documented_marketplaces():
    served = asyncapi.resolve(asyncapi.load()["components"]["schemas"]["MarketplaceId"])["enum"]
    example = asyncapi.example("SellerStatusChanged")
    for marketplace_id in [*served, "A1AM78C64UM0Y8"]:  # Mexico: an Amazon marketplace CSBA does not serve
        assert refused({**example, "marketplace_id": marketplace_id}) == (marketplace_id not in served)


def refused(envelope: dict) -> bool:
    return not isinstance(parse(json.dumps(envelope)), Event)


def accepted(envelope: dict) -> Event:
    event = parse(json.dumps(envelope))
    assert isinstance(event, Event), event
    return event


@pytest.mark.parametrize("event_type", sorted(INBOUND))
def test_an_unknown_envelope_field_is_refused_and_an_unknown_detail_field_ignored(event_type):
    example = asyncapi.example(event_type)
    assert refused({**example, "version": 2})
    accepted({**example, "detail": {**example["detail"], "note": "more is welcome"}})


OUTBOUND = {"cs_contacts_queue": "csContacts", "seller_messages_queue": "sellerMessages",
            "payments_queue": "payments", "buyer_messages_queue": "buyerMessages",
            "marketplace_events_dlq": "marketplaceEventsDlq", "billing_jobs_dlq": "billingJobsDlq"}
INJECTED = "stuck:1"  # the scenario's own unfinished outbox entry, written by the test to exercise the sweep's relay


def test_every_message_the_services_send_in_a_full_run_matches_the_document(client, store, tokens):
    jobs: list[dict] = []
    scenario.run_handlers(client, store, each=lambda function, run: (
        checked_billing_jobs(client, jobs) if function == "billing_jobs" else run()))
    for method, path, headers, body in scenario.api_requests(tokens):
        scenario.send(client, method, path, headers, body)
    sent = {queue: QueueReader().drain(queue) for queue in OUTBOUND}
    assert {job["type"] for job in jobs} == {"close_marketplace", "invoice", "insights_shard", "reclose_marketplace",
                                             "revise_invoice"}
    seen = set()
    for queue, messages in sent.items():
        for message in messages:
            if message["attributes"].get("idempotency_key") == INJECTED:
                continue
            name = check_sent(OUTBOUND[queue], message)
            seen.add(name)
    assert seen == {"ContactForAmazonCs", "ContactForSeller", "InvoiceIssued", "CreditNoteIssued", "RefundIssued",
                    "SellerReply", "RefusedEvent", "RefusedJob"}


def check_sent(channel: str, message: dict) -> str:
    """The name of the channel's message that `message` (body and attributes as sent) is; it must match one."""
    names = asyncapi.channel_messages(channel)
    payload = message["body"] if channel.endswith("Dlq") else json.loads(message["body"])
    name = payload.get("type") if len(names) > 1 else names[0]
    assert name in names, (channel, payload)
    asyncapi.check_message(name, payload, message["attributes"], where=channel)
    return name


def checked_billing_jobs(client, jobs: list[dict]) -> None:
    """Delivers what waits on the billing jobs queue to `billing_jobs`, as scenario's pump does, each job checked
    against the document first (the close enqueues the invoice jobs while this runs)."""
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName=settings.current().billing_jobs_queue)["QueueUrl"]
    while messages := sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", []):
        for message in messages:
            jobs.append(json.loads(message["Body"]))
            asyncapi.check_message("BillingJob", jobs[-1], where="billingJobs")
        event = sqs_event([m["Body"] for m in messages], "csba-local-billing-jobs")
        assert not failed_ids(client.lambda_.invoke("billing_jobs", event).payload)
        for message in messages:
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
    bad = client.lambda_.invoke("billing_jobs", sqs_event(["{}"], "csba-local-billing-jobs")).payload
    assert bad == {"batchItemFailures": []}  # dead-lettered: the RefusedJob the run checks
