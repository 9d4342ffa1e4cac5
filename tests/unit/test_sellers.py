"""Seller profiles from registrations and status changes that arrive in any order."""
from copy import replace
from datetime import datetime, timedelta, timezone

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


ES_WITH_VAT_ID = ("ES", "ESA28015865")  # valid: reverse charge
DE_WITHOUT = ("DE", None)


def registered_in(*registrations: tuple[datetime, tuple[str, str | None]]):
    seller = None
    for at, (country, vat_id) in registrations:
        seller = register("S2", country, vat_id, at, seller)
    return seller


def test_residence_and_vat_id_are_the_latest_registrations_whichever_arrives_first():
    # Given S2 registered in the UK in Oct 2025 resident in ES with a VAT id, then in JP in Mar 2026 moved to DE
    uk, jp = (UK_REGISTERED, ES_WITH_VAT_ID), (JP_REGISTERED, DE_WITHOUT)
    # Then in either arrival order it lives in DE without a VAT id, as its March registration says
    for seller in (registered_in(uk, jp), registered_in(jp, uk)):
        assert (seller.country, seller.vat_id, seller.vat_id_valid, seller.residence_at) == (
            "DE", None, False, JP_REGISTERED)
        assert seller.registered_at == UK_REGISTERED
    assert registered_in(uk, jp) == registered_in(jp, uk)


def test_a_late_earlier_registration_keeps_a_valid_vat_id_of_a_later_one():
    # Given S2 registered in JP in Mar 2026 with an ES VAT id, and (delivered later) in the UK in Oct 2025 without
    seller = registered_in((JP_REGISTERED, ES_WITH_VAT_ID), (UK_REGISTERED, DE_WITHOUT))
    # Then the VAT id of March stands
    assert (seller.country, seller.vat_id, seller.vat_id_valid) == ("ES", "ESA28015865", True)


def test_registrations_at_the_same_instant_keep_the_greater_residence_in_either_order():
    same = [(UK_REGISTERED, ES_WITH_VAT_ID), (UK_REGISTERED, DE_WITHOUT), (UK_REGISTERED, ("ES", None))]
    arrivals = [registered_in(*same), registered_in(*reversed(same)), registered_in(same[1], same[0], same[2])]
    assert all((s.country, s.vat_id) == ES_WITH_VAT_ID for s in arrivals)


def test_a_profile_stored_before_residence_dates_were_kept_takes_the_next_registrations_residence():
    # Given a profile of unknown residence date (stored before residence_at was kept)
    stored = replace(registered_in((JP_REGISTERED, ES_WITH_VAT_ID)), residence_at=None)
    # When an earlier registration arrives, then its residence is taken (it is dated; the stored one is not)
    seller = register("S2", *DE_WITHOUT, UK_REGISTERED, stored)
    assert (seller.country, seller.vat_id, seller.residence_at) == ("DE", None, UK_REGISTERED)
    # and from then on the latest by date is kept
    assert register("S2", *ES_WITH_VAT_ID, JP_REGISTERED, seller).country == "ES"
    assert register("S2", "FR", None, UK_REGISTERED - timedelta(days=1), seller).country == "DE"
