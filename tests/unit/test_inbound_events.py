"""The inbound events parsed by plain checks (services/inbound_events.py, services/checked_fields.py): the types
pydantic's models enforced, and the ids a rejected body keeps for the log lines."""
import json
from typing import Annotated

import pytest

from chalicelib.services.checked_fields import Record, flag
from chalicelib.services.inbound_events import Event, Rejected, parse
from tests.support import events as ev


def parsed(envelope: dict) -> Event:
    event = parse(json.dumps(envelope))
    assert isinstance(event, Event), event
    return event


def reason(envelope: dict) -> str:
    rejected = parse(json.dumps(envelope))
    assert isinstance(rejected, Rejected), rejected
    return rejected.reason


@pytest.mark.parametrize("units", [True, 1.0, "1", 0, 100_001, None])
def test_units_are_a_whole_number_from_1_to_100000_and_nothing_else(units):
    assert "OrderShipped.detail: units:" in reason(ev.order_shipped("O1", units=units))


@pytest.mark.parametrize("flag", [1, 0, "true", None])
def test_a_flag_is_true_or_false_and_nothing_else(flag):
    assert "tracking_valid:" in reason(ev.order_shipped("O1", tracking_valid=flag))


@pytest.mark.parametrize("order_id", ["O1\n", " O1", "", "O" * 65, "Ö1", 7])
def test_an_id_matches_its_pattern_whole(order_id):
    assert "order_id:" in reason(ev.order_placed(order_id))


def test_every_problem_is_named_with_its_path_nested_ones_too():
    # Given an order with two defects, one in its nested total and one in its list of ASINs
    order = ev.order_placed("O1")
    order["detail"]["order_total"]["amount"] = "1,00"
    order["detail"]["asins"] = ["B000000001", "short"]
    # When / Then both are reported, each with where it is
    problems = reason(order)
    assert "order_total.amount:" in problems and "asins.1:" in problems


def test_an_unknown_envelope_field_is_refused_an_unknown_detail_field_ignored():
    # Given
    extra_envelope, extra_detail = ev.order_placed("O1"), ev.order_placed("O2")
    extra_envelope["trace"] = "x"
    extra_detail["detail"]["note"] = "x"
    # When / Then
    assert "trace: Extra inputs are not permitted" in reason(extra_envelope)
    assert parsed(extra_detail).detail.order_id == "O2"


def test_a_nullable_field_must_still_be_present():
    # Given a shipment without tracking id, one with a null one
    missing, null = ev.order_shipped("O1"), ev.order_shipped("O1")
    missing["detail"].pop("tracking_id", None)
    null["detail"]["tracking_id"] = None
    # When / Then
    assert "tracking_id: Field required" in reason(missing)
    assert parsed(null).detail.tracking_id is None


def test_the_parsed_event_is_read_only_and_its_instant_in_utc():
    # Given
    event = parsed(ev.order_shipped("O1", occurred_at="2026-10-03T14:00:00+02:00"))
    envelope, detail = event.envelope, event.detail
    # Then
    assert envelope.occurred_at.isoformat() == "2026-10-03T12:00:00+00:00"
    with pytest.raises(AttributeError):
        detail.units = 5


def test_a_rejected_body_keeps_the_ids_it_had_for_the_log_lines():
    # Given an unknown type naming a contact, a detail that is not valid, a huge id, and bodies that are no envelope
    unknown = ev.envelope("OrderCancelled", {"contact_id": "C7"}, event_id="e-1")
    invalid = ev.contact_resolved("C8", event_id="e-2")
    invalid["detail"]["resolution"] = ""
    huge = {**ev.seller_registered("S1"), "event_id": "x" * 300}
    # When / Then
    assert parse(json.dumps(unknown)) == Rejected("unknown event type 'OrderCancelled'",
                                                  {"event_id": "e-1", "event_type": "OrderCancelled",
                                                   "contact_id": "C7"})
    assert parse(json.dumps(invalid)).ids == {"event_id": "e-2", "event_type": "ContactResolved", "contact_id": "C8"}
    assert parse(json.dumps(huge)).ids == {"event_id": "x" * 200, "event_type": "SellerRegistered"}
    assert parse("[1, 2]") == Rejected("envelope must be a JSON object", {})
    assert parse("{").ids == {} and parse(None) == Rejected("body is not JSON text", {})


def test_a_valid_event_carries_its_ids_and_its_typed_detail():
    event = parsed(ev.survey_answered("C1", False, event_id="e-3"))
    assert event.ids == {"event_id": "e-3", "event_type": "SurveyAnswered", "contact_id": "C1"}
    assert (event.envelope.type, event.detail.contact_id, event.detail.solved) == ("SurveyAnswered", "C1", False)


def test_a_field_declared_without_its_check_is_refused_when_its_model_is_written():
    with pytest.raises(TypeError, match="Unchecked declares note without a check"):
        type("Unchecked", (Record,), {"__annotations__": {"solved": Annotated[bool, flag], "note": str}})
