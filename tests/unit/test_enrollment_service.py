"""The enrolment service on an in-memory store: opt in/out, coverage, seller events."""
import json
from datetime import datetime, timezone

import pytest

from chalicelib.domain.errors import Conflict, InvalidInput, NotFound, NotYetKnown, UnknownMarketplace
from chalicelib.services import enrollments, events
from tests.support import events as ev
from tests.support.fakes import InMemoryStore, RecordingPublisher

NOW = datetime(2026, 11, 1, 9, tzinfo=timezone.utc)


@pytest.fixture
def store():
    store = InMemoryStore()
    events.process(store, RecordingPublisher(), json.dumps(ev.seller_registered("S1", occurred_at="2026-10-01T00:00:00Z")))
    return store


def test_a_registered_seller_is_enrolled_by_default_with_the_trial_in_force(store):
    (enrolment,) = enrollments.list_enrollments(store, "S1")
    assert enrolment.status == "enrolled" and enrolment.marketplace_id == ev.DE
    assert enrolment.trial_ends_at == datetime(2026, 12, 30, tzinfo=timezone.utc)


def test_coverage_answers_for_any_instant(store):
    enrollments.opt_out(store, "S1", ev.DE, NOW)
    assert enrollments.enrolled_at(store, "S1", ev.DE, datetime(2026, 10, 15, tzinfo=timezone.utc))
    assert not enrollments.enrolled_at(store, "S1", ev.DE, NOW)
    assert not enrollments.enrolled_at(store, "S1", ev.UK, NOW)


def test_opt_in_in_a_new_marketplace_starts_a_trial_there(store):
    enrolment = enrollments.opt_in(store, "S1", ev.UK, NOW)
    assert enrolment.status == "enrolled" and enrolment.trial_ends_at > NOW


def test_unknown_seller_and_unknown_marketplace_are_refused(store):
    with pytest.raises(NotFound):
        enrollments.opt_in(store, "S404", ev.DE, NOW)
    with pytest.raises(UnknownMarketplace):
        enrollments.opt_in(store, "S1", "XX", NOW)


def test_a_suspended_seller_cannot_opt_in(store):
    events.process(store, RecordingPublisher(), json.dumps(ev.seller_status_changed("suspended", occurred_at="2026-10-05T00:00:00Z")))
    enrollments.opt_out(store, "S1", ev.DE, NOW)
    with pytest.raises(Conflict):
        enrollments.opt_in(store, "S1", ev.DE, NOW)


def test_the_same_event_twice_changes_nothing_the_second_time(store):
    body = json.dumps(ev.seller_status_changed("restricted", event_id="dup-1"))
    assert events.process(store, RecordingPublisher(), body) == "processed"
    assert events.process(store, RecordingPublisher(), body) == "duplicate"
    assert store.get_seller("S1").status == "restricted"


def test_a_status_change_for_an_unseen_seller_waits(store):
    with pytest.raises(NotYetKnown):
        events.process(store, RecordingPublisher(), json.dumps(ev.seller_status_changed("active", seller_id="S2")))


@pytest.mark.parametrize("body, reason", [
    ("not json", "not JSON"),
    (json.dumps(ev.envelope("Nope", {})), "unknown event type"),
    (json.dumps({**ev.seller_registered(), "marketplace_id": "XX"}), "not offered"),
    (json.dumps(ev.envelope("SellerRegistered", {"vat_id": None})), "country"),
    (json.dumps(ev.seller_status_changed("sleepy")), "status"),
    (json.dumps(ev.seller_registered(occurred_at="2026-10-03T12:00:00")), "zone"),
])
def test_malformed_events_are_refused_with_a_reason(store, body, reason):
    with pytest.raises(InvalidInput, match=reason):
        events.process(store, RecordingPublisher(), body)
