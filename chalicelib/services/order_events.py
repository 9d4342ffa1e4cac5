"""OrderPlaced, OrderShipped, ReturnRequested: orders and their monthly (and weekly) counters.

HANDLERS at the end registers each handler under its event type (services/events.py gathers them)."""
from chalicelib.domain import orders
from chalicelib.domain.errors import NotYetKnown
from chalicelib.services.changes import Change, CreateOrder, ShipUnits, counted_at
from chalicelib.services.inbound_events import Envelope, OrderPlaced, OrderShipped, ReturnRequested
from chalicelib.services.ports import EventReads, Handler


def order_placed(store: EventReads, event: Envelope, detail: OrderPlaced) -> list[Change]:
    """Stores the order with its CSBA decision, taken now for good; counts CSBA orders.

    An order announced again under another event id fails the creation's condition; the
    event is then marked processed with no effect (events.process).
    """
    seller, enrollment = store.seller_and_enrollment(event.seller_id, event.marketplace_id)
    if seller is None:
        raise NotYetKnown(f"seller {event.seller_id} is not registered yet; coverage cannot be decided")
    order = orders.place(detail.order_id, event.seller_id, event.marketplace_id, event.occurred_at,
                         detail.fulfillment_channel, detail.seller_fulfilled_prime, detail.units,
                         detail.total(event.marketplace_id), tuple(detail.asins), enrollment)
    return [CreateOrder(order), *counted_at(order.seller_id, order.marketplace_id, event.occurred_at,
                                            {"csba_orders": int(order.csba)})]


def order_shipped(store: EventReads, event: Envelope, detail: OrderShipped) -> list[Change]:
    """Counts a CSBA order's shipment; one that would ship more units than ordered is invalid (InvalidInput)."""
    order = _known_order(store, detail.order_id)
    shipped: list[Change] = [ShipUnits(order.ship(detail.units), detail.units)]
    if not order.csba:
        return shipped
    return shipped + counted_at(order.seller_id, order.marketplace_id, event.occurred_at, {
        "units_shipped": detail.units, "units_shipped_trial": detail.units if order.in_trial else 0,
        "shipments": 1, "shipments_valid_tracking": int(detail.tracking_valid)})


def return_requested(store: EventReads, event: Envelope, detail: ReturnRequested) -> list[Change]:
    order = _known_order(store, detail.order_id)
    if not order.csba:
        return []
    return counted_at(order.seller_id, order.marketplace_id, event.occurred_at,
                      {"returns": 1, "returns_prepaid_label": int(detail.prepaid_label)})


def _known_order(store: EventReads, order_id: str) -> orders.Order:
    order = store.get_order(order_id)
    if order is None:
        raise NotYetKnown(f"order {order_id} has not been placed yet")
    return order


HANDLERS: dict[str, Handler] = {"OrderPlaced": order_placed, "OrderShipped": order_shipped,
                                "ReturnRequested": return_requested}
