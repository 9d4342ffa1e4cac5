"""Seller profiles from registrations and status changes that arrive in any order."""
from datetime import datetime, timezone

from chalicelib.domain.sellers import register

UK_REGISTERED = datetime(2025, 10, 2, tzinfo=timezone.utc)
SUSPENDED = datetime(2026, 1, 9, 6, 57, 57, tzinfo=timezone.utc)
JP_REGISTERED = datetime(2026, 3, 19, 22, tzinfo=timezone.utc)


def registered(*instants: datetime):
    seller = None
    for at in instants:
        seller = register("S2", "ES", None, at, seller)
    return seller


def test_a_seller_exists_from_its_earliest_registration_whichever_arrives_first():
    assert registered(JP_REGISTERED, UK_REGISTERED) == registered(UK_REGISTERED, JP_REGISTERED)
    assert registered(JP_REGISTERED, UK_REGISTERED).registered_at == UK_REGISTERED


def test_a_suspension_between_two_registrations_holds_whatever_the_arrival_order():
    # Given S2 registered in the UK in Oct 2025, suspended on 9 Jan 2026, registered in JP in Mar 2026
    arrival_orders = [
        lambda: registered(UK_REGISTERED, JP_REGISTERED).with_status("suspended", SUSPENDED),
        lambda: registered(JP_REGISTERED, UK_REGISTERED).with_status("suspended", SUSPENDED),
        lambda: register("S2", "ES", None, UK_REGISTERED,
                         registered(JP_REGISTERED).with_status("suspended", SUSPENDED)),
        lambda: register("S2", "ES", None, JP_REGISTERED,
                         registered(UK_REGISTERED).with_status("suspended", SUSPENDED)),
    ]
    # Then in every order the seller is suspended since 9 Jan (the JP registration reactivates nothing)
    for arrived in arrival_orders:
        seller = arrived()
        assert (seller.status, seller.status_changed_at, seller.registered_at) == (
            "suspended", SUSPENDED, UK_REGISTERED)


def test_a_late_status_event_does_not_override_a_newer_change():
    later = datetime(2026, 1, 14, tzinfo=timezone.utc)
    seller = registered(UK_REGISTERED).with_status("active", later).with_status("suspended", SUSPENDED)
    assert (seller.status, seller.status_changed_at) == ("active", later)
