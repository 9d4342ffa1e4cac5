"""Services name who receives a message; the stage's queue for it is looked up when the message is sent."""
from chalicelib.entrypoints import wiring
from chalicelib.services.changes import QueueMessage
from chalicelib.services.destinations import Destination


def test_each_destination_is_its_own_queue_of_the_stage(monkeypatch):
    # Given the local stage's default queue names
    monkeypatch.setenv("CSBA_STAGE", "local")
    for name in ("PAYMENTS_QUEUE", "CS_CONTACTS_QUEUE", "SELLER_MESSAGES_QUEUE", "BUYER_MESSAGES_QUEUE",
                 "BILLING_JOBS_QUEUE"):
        monkeypatch.delenv(name, raising=False)
    # When each destination is looked up
    queues = {destination: wiring.queue_of(destination) for destination in Destination}
    # Then each has its own queue, of that stage
    assert len(set(queues.values())) == len(Destination)
    assert queues[Destination.PAYMENTS] == "csba-local-payments"
    assert queues[Destination.AMAZON_CS] == "csba-local-cs-contacts"


def test_the_queue_is_read_from_the_settings_at_each_send(monkeypatch):
    # Given a destination looked up once
    wiring.queue_of(Destination.SELLER_INBOX)
    # When the stage's configuration names another queue
    monkeypatch.setenv("SELLER_MESSAGES_QUEUE", "renamed-seller-messages")
    # Then the next lookup finds it
    assert wiring.queue_of(Destination.SELLER_INBOX) == "renamed-seller-messages"


def test_a_message_read_back_from_the_outbox_names_its_destination():
    # Given the value an outbox item stores (the same before destinations were typed)
    stored = "payments_queue"
    # When the message is rebuilt from it
    message = QueueMessage("invoice:INV-1", stored, {})
    # Then it is the typed destination
    assert message.destination is Destination.PAYMENTS
