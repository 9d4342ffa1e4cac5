"""SellerRegistered and SellerStatusChanged: the seller profile and the default enrolment.

HANDLERS at the end registers each handler under its event type (services/events.py gathers them)."""
from chalicelib.domain import enrollment as enrolment_rules
from chalicelib.domain import sellers
from chalicelib.domain.errors import NotYetKnown
from chalicelib.services.changes import Change, CreateEnrollment, SaveSeller
from chalicelib.services.inbound_events import Envelope, SellerRegistered, SellerStatusChanged
from chalicelib.services.ports import EventReads, Handler


def seller_registered(store: EventReads, event: Envelope, detail: SellerRegistered) -> list[Change]:
    """Profile with residence and VAT id; enrolled by default in this marketplace, trial starting now."""
    existing = store.get_seller(event.seller_id)
    seller = sellers.register(event.seller_id, detail.country, detail.vat_id, event.occurred_at, existing)
    changes: list[Change] = [SaveSeller(seller)]
    if seller.is_active and store.get_enrollment(event.seller_id, event.marketplace_id) is None:
        first = enrolment_rules.first_enrollment(seller, event.marketplace_id, event.occurred_at)
        changes.append(CreateEnrollment(first))
    return changes


def seller_status_changed(store: EventReads, event: Envelope, detail: SellerStatusChanged) -> list[Change]:
    seller = store.get_seller(event.seller_id)
    if seller is None:
        raise NotYetKnown(f"seller {event.seller_id} is not registered yet")
    return [SaveSeller(seller.with_status(detail.status, event.occurred_at))]


HANDLERS: dict[str, Handler] = {"SellerRegistered": seller_registered, "SellerStatusChanged": seller_status_changed}
