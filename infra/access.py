"""What each Lambda function of csba may touch: DynamoDB actions per table or index, and queues.

The one source of the IAM policies in .chalice/policies/ (written by `python -m infra.policies`).
Table and queue names are those of infra/template.yaml without the `csba-<stage>-` prefix; an
index is `table/index/name`. A transaction (TransactWriteItems) needs the action of each of its
items (PutItem, UpdateItem, ...) on that item's table; SendMessageBatch needs sqs:SendMessage.
tests/integration/test_iam_policies.py runs every handler and checks each AWS call it makes is granted.
"""
from dataclasses import dataclass, field

GET, PUT, UPDATE, DELETE, QUERY = "GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query"
BATCH_GET, BATCH_WRITE = "BatchGetItem", "BatchWriteItem"


@dataclass(frozen=True)
class Access:
    logical_id: str  # the function's logical id in the template chalice packages
    tables: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sends: tuple[str, ...] = ()
    consumes: str | None = None  # the queue of its SQS event source


# Lambda sends a scheduled run that failed its retries there with the function's own role (DeadLetterQueue).
SCHEDULE_FAILURES = "schedule-failures-dlq"
OUTBOX_DELIVERY = (BATCH_GET, PUT, UPDATE, DELETE)  # written with the change, claimed to resend, deleted once sent

FUNCTIONS: dict[str, Access] = {
    "marketplace_events": Access(
        "MarketplaceEvents",
        tables={"sellers": (GET, PUT, BATCH_GET), "enrollments": (GET, PUT, BATCH_GET),
                "processed-events": (GET, PUT), "orders": (GET, PUT, UPDATE, BATCH_GET),
                "contacts": (GET, PUT, BATCH_GET),
                "support-notes": (BATCH_GET,), "counters": (UPDATE,), "outbox": (*OUTBOX_DELIVERY, BATCH_WRITE),
                "weekly-counters": (UPDATE,)},
        sends=("cs-contacts", "seller-messages", "marketplace-events-dlq"), consumes="marketplace-events"),
    "billing_jobs": Access(
        "BillingJobs",
        tables={"counters": (QUERY,), "counters/index/by-market-month": (QUERY,),
                "snapshots": (GET, QUERY, BATCH_WRITE), "market-stats": (GET, PUT, UPDATE), "sellers": (GET,),
                "invoices": (GET, PUT, UPDATE),
                "outbox": OUTBOX_DELIVERY, "weekly-counters": (QUERY,), "insight-stats": (GET, PUT, QUERY)},
        sends=("billing-jobs", "payments", "billing-jobs-dlq"), consumes="billing-jobs"),
    "monthly_close": Access("MonthlyClose", tables={"market-stats": (GET,)}, sends=("billing-jobs", SCHEDULE_FAILURES)),
    "weekly_insights": Access("WeeklyInsights", sends=("billing-jobs", SCHEDULE_FAILURES)),
    "daily_sweep": Access(
        "DailySweep",
        tables={"contacts": (GET, PUT), "contacts/index/awaiting-response": (QUERY,), "orders": (GET,),
                "support-notes": (BATCH_GET,), "processed-events": (PUT,), "outbox": OUTBOX_DELIVERY,
                "outbox/index/pending": (QUERY,)},
        sends=("cs-contacts", "seller-messages", "payments", "buyer-messages", SCHEDULE_FAILURES)),
    "api_handler": Access(
        "APIHandler",
        tables={"sellers": (GET,), "enrollments": (GET, PUT, QUERY), "contacts": (GET, PUT), "replies": (GET, PUT),
                "contacts/index/by-seller": (QUERY,), "support-notes": (PUT, BATCH_GET), "orders": (GET, UPDATE),
                "refunds": (GET, PUT, UPDATE), "refunds/index/by-contact": (QUERY,), "counters": (UPDATE, QUERY),
                "snapshots": (GET, BATCH_GET), "market-stats": (GET, QUERY), "invoices": (GET,),
                "invoices/index/by-seller": (QUERY,), "outbox": (*OUTBOX_DELIVERY, UPDATE),
                "weekly-counters": (BATCH_GET,), "insight-stats": (GET,)},
        sends=("payments", "buyer-messages")),
    "jwt_auth": Access("JwtAuth"),  # verifies tokens against the JWKS over HTTPS: no AWS resource
}
