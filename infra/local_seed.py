"""`seed`: fills the running local stack with a realistic history (infra/seed_plan.py, seed_events.py).

The events go through the marketplace events queue, phase by phase; the past months are closed with
`fire monthly_close` (the billing jobs make the invoices), one of them re-closed for one seller after
late orders (a credit note and a revision); `fire weekly_insights` builds the last four weeks' insights;
agents refund over the API (one refund waits for a supervisor); sellers write support notes and one
reply from the inbox; `fire daily_sweep` escalates the overdue contact. It prints the tokens to sign
in with. Everything goes through the stack's own doors.
"""
import contextlib
import io
import json
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone

import boto3

from infra import local_commands as commands
from infra import seed_plan as plan
from infra.local_dlq import sources_by_dlq
from infra.local_stage import stage_env
from infra.seed_events import MARKETPLACE_OF, history, wire
from infra.seed_summary import summary

DRAINED_WITHIN = 600  # seconds


def seed(api: str) -> dict:
    """Send the history, close its months, act as agents and sellers; returns what was made."""
    commands.require_endpoint()
    now = datetime.now(timezone.utc)
    built, sqs, env = history(now), boto3.client("sqs"), stage_env()
    events_queue = commands.queue_url(sqs, env["MARKETPLACE_EVENTS_QUEUE"])
    for number, phase in enumerate(built.phases, 1):
        print(f"phase {number}/{len(built.phases)}: {len(phase)} events", flush=True)
        _send(sqs, events_queue, phase)
        _wait_drained(sqs, events_queue)
    billing_queue = commands.queue_url(sqs, env["BILLING_JOBS_QUEUE"])
    for month in built.closed_months:
        _quietly(commands.fire, "monthly_close", _first_of_next(month), json.dumps({"month": month}))
    _wait_drained(sqs, billing_queue)
    print(f"closed and invoiced {', '.join(built.closed_months)}", flush=True)
    for phase in built.late:
        _send(sqs, events_queue, phase)
        _wait_drained(sqs, events_queue)
    late_seller = plan.LATE_SHOP[0]
    _quietly(commands.fire, "monthly_close", wire(now), json.dumps(
        {"month": built.closed_months[-1], "reclose": True, "seller_id": late_seller}))
    _quietly(commands.fire, "weekly_insights", wire(now))
    _wait_drained(sqs, billing_queue)
    print(f"late orders of {late_seller} re-closed {built.closed_months[-1]}; the last four weeks' insights built",
          flush=True)
    refunds = [_refund(api, case) for case in plan.CASES if case.refund]
    _reply_from_inbox(api, *plan.INBOX_REPLY)
    for seller_id, asin, text in plan.SUPPORT_NOTES:
        _call(api, "PUT", f"/sellers/{seller_id}/products/{asin}/support-notes", commands_token("seller", seller_id),
              {"text": text})
    swept = _quietly(commands.fire, "daily_sweep", wire(now))
    made = {"events": sum(map(len, built.phases)), "closed_months": built.closed_months, "refunds": refunds,
            "escalated": swept.get("escalated", 0), "dead_letters": _dead_letters(sqs)}
    print(summary(api, made, commands_token), flush=True)
    return made


def commands_token(role: str, sub: str) -> str:
    return _quietly(commands.token, role, sub)


def _send(sqs, url: str, envelopes: list[dict]) -> None:
    for start in range(0, len(envelopes), 10):
        entries = [{"Id": str(i), "MessageBody": json.dumps(e)} for i, e in enumerate(envelopes[start:start + 10])]
        failed = sqs.send_message_batch(QueueUrl=url, Entries=entries).get("Failed")
        if failed:
            raise commands.CommandError(f"the queue refused {len(failed)} event(s): {failed[0]}")


def _wait_drained(sqs, url: str) -> None:
    """Until the queue holds nothing (visible, in flight or delayed): its consumer has processed it all."""
    names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
             "ApproximateNumberOfMessagesDelayed"]
    deadline = time.monotonic() + DRAINED_WITHIN
    while sum(int(v) for v in sqs.get_queue_attributes(QueueUrl=url, AttributeNames=names)["Attributes"].values()):
        if time.monotonic() > deadline:
            raise commands.CommandError(f"{url.rsplit('/', 1)[-1]} is not drained after {DRAINED_WITHIN}s: "
                                        "is `python -m infra.local up` delivering?")
        time.sleep(0.5)


def _refund(api: str, case: plan.Case) -> dict:
    market_currency = MARKETPLACE_OF[case.country].currency
    body = {"refund_id": f"seed-{case.key}", "contact_id": f"case-{case.key}-C", "order_id": f"case-{case.key}",
            "amount": {"amount": case.refund, "currency": market_currency}, "reason": case.reason,
            "returnless": case.returnless}
    status, answer = _call(api, "POST", "/refunds", commands_token("agent", "A1"), body)
    return {"refund_id": body["refund_id"], "contact_id": body["contact_id"], "status": answer.get("status", status)}


def _reply_from_inbox(api: str, seller_id: str, text: str) -> None:
    token = commands_token("seller", seller_id)
    _, inbox = _call(api, "GET", f"/sellers/{seller_id}/inbox?status=awaiting_reply", token)
    for entry in inbox.get("entries", [])[:1]:
        status, answer = _call(api, "POST", f"/sellers/{seller_id}/inbox/{entry['contact_id']}/replies", token,
                               {"reply_id": f"seed-reply-{entry['contact_id']}", "text": text})
        if status != 201:
            raise commands.CommandError(f"the seller's reply was refused ({status}): {answer}")


def _call(api: str, method: str, path: str, token: str, body: dict | None = None) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"{api}{path}", data=data, method=method,
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - the local API
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        answer = json.loads(error.read() or b"{}")
        if error.code >= 500 or error.code in (401, 403, 404):
            raise commands.CommandError(f"{method} {path} answered {error.code}: {answer}") from None
        return error.code, answer
    except urllib.error.URLError as error:
        raise commands.CommandError(f"the API at {api} does not answer ({error.reason}): pass --api") from None


def _dead_letters(sqs) -> int:
    names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
    return sum(int(v) for dlq in sources_by_dlq() for v in sqs.get_queue_attributes(
        QueueUrl=commands.queue_url(sqs, dlq), AttributeNames=names)["Attributes"].values())


def _quietly(function, *args):
    with contextlib.redirect_stdout(io.StringIO()):
        return function(*args)


def _first_of_next(month: str) -> str:
    year, number = map(int, month.split("-"))
    return f"{year + number // 12}-{number % 12 + 1:02}-01T02:00:00Z"
