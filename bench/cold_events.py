"""The first event each function serves in `bench/first_invocation.py`, as Lambda would pass it."""
import json
from pathlib import Path

from bench.delivery import sqs_event
from simulation import workload

EVENTS = Path(__file__).resolve().parent.parent / "events"
MONTH = "2026-10"  # the month of the workload's first batch
CONTEXT = ("from types import SimpleNamespace\n"
           "context = SimpleNamespace(function_name='csba-local', memory_limit_in_mb=512, aws_request_id='cold-1', "
           "invoked_function_arn='arn:aws:lambda:us-east-1:123456789012:function:csba-local', "
           "log_stream_name='local', get_remaining_time_in_millis=lambda: 60000)\n")


def marketplace_batch(run: int, queue: str) -> tuple[dict, str, str]:
    """A first batch of 10 events new to the tables (two sellers register, then orders and shipments).

    Returns the SQS event and the first seller and its marketplace (for the report request).
    """
    envelopes = workload.stream(2, 5, prefix=f"cold{run}-")
    first = envelopes[0]
    return sqs_event([json.dumps(e) for e in envelopes], queue), first["seller_id"], first["marketplace_id"]


def metrics_request(seller_id: str, marketplace_id: str) -> dict:
    """API Gateway's event for the seller's report, as it reaches the API function after the authorizer."""
    event = json.loads((EVENTS / "api_get_metrics.json").read_text())
    path = f"/sellers/{seller_id}/metrics/{marketplace_id}"
    event.update(path=path, pathParameters={"seller_id": seller_id, "marketplace_id": marketplace_id},
                 queryStringParameters={"month": MONTH}, multiValueQueryStringParameters={"month": [MONTH]})
    event["requestContext"].update(path=f"/api{path}", authorizer={"principalId": seller_id, "role": "seller"})
    return event


def authorizer_request(token: str, seller_id: str) -> dict:
    """API Gateway's TOKEN authorizer event for a seller's request."""
    return {"type": "TOKEN", "authorizationToken": f"Bearer {token}",
            "methodArn": f"arn:aws:execute-api:us-east-1:123456789012:abc123/api/GET/sellers/{seller_id}/enrollments"}
