"""The read-ahead knows, by rehearsing the handlers, every item a batch's events will read."""
import json

from chalicelib.services import events, read_ahead
from chalicelib.services.batch_store import BatchStore
from chalicelib.services.ports import CONTACT, ENROLLMENT, NOTE, ORDER, SELLER
from tests.support import events as ev
from tests.support.fakes import InMemoryStore, RecordingPublisher
from tests.support.feeding import parsed_events


def bodies(*envelopes) -> list[str]:
    return [e if isinstance(e, str) else json.dumps(e) for e in envelopes]


class CountingStore(InMemoryStore):
    """The in-memory store, noting each read made outside a prefetch."""

    def __init__(self):
        super().__init__()
        self.single_reads, self.prefetches = [], 0

    def prefetch(self, keys):
        self.prefetches += 1
        return super().prefetch(keys)

    def get_seller(self, seller_id):
        self.single_reads.append((SELLER, seller_id))
        return super().get_seller(seller_id)

    def get_enrollment(self, seller_id, marketplace_id):
        self.single_reads.append((ENROLLMENT, seller_id, marketplace_id))
        return super().get_enrollment(seller_id, marketplace_id)

    def get_order(self, order_id):
        self.single_reads.append((ORDER, order_id))
        return super().get_order(order_id)

    def get_contact(self, contact_id):
        self.single_reads.append((CONTACT, contact_id))
        return super().get_contact(contact_id)

    def support_notes(self, seller_id, asins):
        self.single_reads.append((NOTE, seller_id, *asins))
        return super().support_notes(seller_id, asins)


def process(store, batch: list[str]) -> list[str]:
    return [events.process(store, RecordingPublisher(), body) for body in batch]


def keys(batch: list[str]) -> set:
    """What the handlers read first, nothing known yet."""
    return read_ahead.wanted(parsed_events(batch), {})


def test_each_event_type_names_what_its_handler_reads():
    batch = bodies(ev.seller_registered("S1"), ev.seller_status_changed("active", seller_id="S2"),
                   ev.order_placed("O1", seller_id="S3"), ev.order_shipped("O2"), ev.return_requested("O3", "R1"),
                   ev.contact_created("C1", "O4"), ev.contact_created("C2", asin="B000000009", seller_id="S4"),
                   ev.contact_responded("C3", "2026-10-03T12:00:00Z"), ev.contact_resolved("C4"),
                   ev.survey_answered("C5", True))
    assert keys(batch) == {
        (SELLER, "S1"), (ENROLLMENT, "S1", ev.DE), (SELLER, "S2"), (SELLER, "S3"), (ENROLLMENT, "S3", ev.DE),
        (ORDER, "O2"), (ORDER, "O3"), (ORDER, "O4"), (ENROLLMENT, "S4", ev.DE),
        (CONTACT, "C3"), (CONTACT, "C4"), (CONTACT, "C5")}


def test_malformed_records_add_no_key_and_break_nothing():
    weird = {**ev.order_shipped("O1"), "detail": {"order_id": ["O1"]}}
    batch = bodies("not json", "[]", json.dumps({"type": "OrderShipped"}), weird, {**ev.seller_registered("S1"),
                   "marketplace_id": "XX"}, {**ev.order_shipped("O2"), "detail": {"order_id": "x" * 129}})
    assert keys(batch) == set()


def test_notes_are_read_ahead_only_for_contacts_that_go_to_amazon_cs():
    # Given a CSBA order, an AFN order and an order the seller's enrolment did not cover
    store = InMemoryStore()
    process(store, bodies(ev.seller_registered("S1", occurred_at="2026-10-01T00:00:00Z"),
                          ev.order_placed("CSBA", asins=("B000000001", "B000000002")),
                          ev.order_placed("FBA", channel="AFN", asins=("B000000003",)),
                          ev.order_placed("SFP", sfp=True, asins=("B000000004",))))
    batch = bodies(ev.contact_created("C1", "CSBA"), ev.contact_created("C2", "FBA"),
                   ev.contact_created("C3", "SFP"), ev.contact_created("C4", "CSBA", topic="invoice"),
                   ev.contact_created("C5", "UNSEEN"))
    # When
    wanted = read_ahead.wanted(parsed_events(batch), store.prefetch(keys(batch)))
    # Then
    assert wanted == {(NOTE, "S1", "B000000001"), (NOTE, "S1", "B000000002"), (NOTE, "S1", "B000000003")}


def test_a_read_ahead_batch_makes_no_read_of_its_own():
    # Given a seller with orders and contacts, and support notes for one product
    store = CountingStore()
    process(store, bodies(ev.seller_registered("S1", occurred_at="2026-10-01T00:00:00Z"),
                          ev.seller_registered("S2", occurred_at="2026-10-01T00:00:00Z"),
                          *[ev.order_placed(f"O{n}") for n in range(4)],
                          ev.contact_created("C1", "O0"), ev.contact_responded("C1", "2026-10-03T13:00:00Z"),
                          ev.contact_created("C2", "O1")))
    store.notes[("S1", "B000000001")] = "Check the seal."
    store.single_reads, store.prefetches = [], 0
    # When a batch of every event type is read ahead, then processed
    batch = BatchStore(store)
    every_type = bodies(ev.seller_registered("S3"), ev.seller_status_changed("under_review", seller_id="S2"),
                        ev.order_placed("O9"), ev.order_shipped("O1"), ev.return_requested("O2", "R1"),
                        ev.contact_created("C3", "O3"), ev.contact_responded("C2", "2026-10-03T13:00:00Z"),
                        ev.contact_resolved("C1"), ev.survey_answered("C1", False),
                        ev.contact_created("C4", asin="B000000001"))
    assert batch.read_ahead(parsed_events(every_type)) == 0
    assert process(batch, every_type) == ["processed"] * 10
    # Then everything came from at most two prefetches
    assert store.single_reads == [] and store.prefetches == 2
