"""Bound records: every table of a configuration is reached through one botocore client, not one per table."""
from datetime import datetime, timezone

import botocore.session

from chalicelib.domain.enrollment import first_enrollment
from chalicelib.domain.sellers import register
from chalicelib.entrypoints import wiring
from chalicelib.services.changes import CreateEnrollment, SaveSeller
from tests.support.events import DE

T0 = datetime(2026, 10, 1, tzinfo=timezone.utc)


def test_a_store_reaches_every_table_through_one_dynamodb_client(aws, monkeypatch):
    # Given: every botocore client created from now on is noted
    created = []
    create_client = botocore.session.Session.create_client

    def noting(session, service_name, *args, **kwargs):
        created.append(service_name)
        return create_client(session, service_name, *args, **kwargs)

    monkeypatch.setattr(botocore.session.Session, "create_client", noting)
    wiring.reset()
    store = wiring.store()
    seller = register("S1", "DE", None, T0, None)
    # When: requests go to many tables, read one by one, in a batch and in a transaction
    assert store.commit_event("e1", "SellerRegistered", [SaveSeller(seller),
                                                          CreateEnrollment(first_enrollment(seller, DE, T0))])
    found = (store.get_seller("S1"), store.get_enrollment("S1", DE), store.list_enrollments("S1"),
             store.get_order("O1"), store.get_contact("C1"), store.get_refund("R1"),
             store.support_notes("S1", ["B01"]), store.seller_and_enrollment("S1", DE))
    # Then
    assert found[0].seller_id == "S1" and [e.marketplace_id for e in found[2]] == [DE]
    assert found[3:7] == (None, None, None, [])
    assert created == ["dynamodb"]
