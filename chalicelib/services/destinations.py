"""Where outbound messages go, named by who receives them; wiring maps each to its stage's queue at send time."""
from enum import StrEnum


class Destination(StrEnum):
    """A receiver of the service's messages (DESIGN section 1, "downstream").

    The value is what the outbox stores with a pending message: the same strings it stored before destinations
    were typed, so a message left pending across a deploy is still delivered where it was meant to go.
    """

    AMAZON_CS = "cs_contacts_queue"  # contacts Amazon CS handles, and their escalations
    SELLER_INBOX = "seller_messages_queue"  # contacts routed back to the seller
    PAYMENTS = "payments_queue"  # InvoiceIssued, CreditNoteIssued, RefundIssued
    BUYER_MESSAGES = "buyer_messages_queue"  # sellers' replies to buyers
    BILLING_JOBS = "billing_jobs_queue"  # the close's fan-out: one job per marketplace, then per invoice
