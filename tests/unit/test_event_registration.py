"""Each event type is registered once, by its handler's module, and has the detail model its parser reads."""
from chalicelib.services import contact_events, events, order_events, seller_events
from chalicelib.services.inbound_events import DETAILS


def test_each_event_type_has_one_handler_and_a_detail_model():
    # Given the handler modules' registrations
    registered = [seller_events.HANDLERS, order_events.HANDLERS, contact_events.HANDLERS]
    # Then no type is registered twice, and every type the parser knows has its handler
    assert sum(map(len, registered)) == len(events.HANDLERS)
    assert set(events.HANDLERS) == set(DETAILS)
