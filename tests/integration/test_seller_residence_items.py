"""The date of a seller's kept residence, stored beside it, and profiles stored before that date was kept."""
from datetime import datetime, timezone

from chalicelib.domain.sellers import register
from chalicelib.services.changes import SaveSeller

OCT, MAR = datetime(2025, 10, 2, tzinfo=timezone.utc), datetime(2026, 3, 19, 22, tzinfo=timezone.utc)


def test_a_saved_profile_reads_back_with_the_date_of_its_residence(any_store):
    seller = register("S2", "DE", None, OCT, register("S2", "ES", "ESA28015865", MAR, None))
    assert any_store.commit_event("e1", "SellerRegistered", [SaveSeller(seller)])
    read = any_store.get_seller("S2")
    assert (read.country, read.vat_id, read.residence_at, read.registered_at) == ("ES", "ESA28015865", MAR, OCT)


def test_an_item_stored_without_a_residence_date_reads_and_yields_to_the_next_registration(store):
    # Given a profile item as written before residence_at was kept
    store.t.SellerRecord("S2", country="ES", vat_id="ESA28015865", vat_id_valid=True, status="active",
                         status_changed_at=MAR, registered_at=MAR).save()
    stored = store.get_seller("S2")
    assert (stored.country, stored.residence_at) == ("ES", None)
    # When a registration arrives, even an earlier one, then its residence replaces the undated one
    assert store.commit_event("e1", "SellerRegistered", [SaveSeller(register("S2", "DE", None, OCT, stored))])
    read = store.get_seller("S2")
    assert (read.country, read.vat_id, read.vat_id_valid, read.residence_at, read.registered_at) == (
        "DE", None, False, OCT, OCT)
