"""Drives a planned history through the real handlers, as SQS and EventBridge would.

Registrations come first, in batches, each seller's newest first or oldest first (sellers
alternate), then some again, shuffled. Every other event is delivered no earlier than the
actions (opt-in, opt-out, inbox reply) before its time (what has not happened cannot arrive),
often later, shuffled, in batches of 1-10, some twice; a record that fails (it refers to what
is not known yet) stays on the queue and comes again. Status changes, and the contact a reply
answers with its order, arrive before the next action, so an opt-in sees the status of its
time and a reply finds its contact. Then every month is closed in turn.
"""
import json
from datetime import datetime, timedelta

from tests.model.generator import month_start, months_from
from tests.support.sqs import failed_ids, pump, sqs_event


def scheduled(at: datetime, detail: dict | None = None) -> dict:
    return {"version": "0", "id": "x", "detail-type": "Scheduled Event", "source": "aws.events",
            "account": "123456789012", "time": at.strftime("%Y-%m-%dT%H:%M:%SZ"), "region": "us-east-1",
            "resources": [], "detail": detail or {}}


def at_of(event: dict) -> datetime:
    return datetime.fromisoformat(event["occurred_at"].replace("Z", "+00:00"))


def needed_by_replies(envelopes: list, actions: list) -> set[str]:
    """The event ids a reply needs delivered before it: its contact's creation and that contact's order."""
    contacts = {a.contact_id for a in actions if a.kind == "reply"}
    created = [e for e in envelopes if e["type"] == "ContactCreated" and e["detail"].get("contact_id") in contacts]
    orders = {e["detail"]["order_id"] for e in created}
    return {e["event_id"] for e in created} | {e["event_id"] for e in envelopes if e["type"] == "OrderPlaced"
                                                and e["detail"].get("order_id") in orders}


def epochs(envelopes: list, actions: list, rnd) -> list[list]:
    """Events to deliver before each action (the last list: after all of them)."""
    times, needed = sorted(a.at for a in actions), needed_by_replies(envelopes, actions)
    lists = [[] for _ in range(len(times) + 1)]
    for event in envelopes:
        if event["type"] == "SellerRegistered":
            continue
        natural = sum(1 for t in times if t < at_of(event))
        on_time = event["type"] == "SellerStatusChanged" or event["event_id"] in needed
        late = 0 if on_time else rnd.choice([0, 0, 0, 1, 2])
        lists[min(len(times), natural + late)].append(event)
        if rnd.random() < 0.1:  # delivered twice, the copy possibly later
            lists[min(len(times), natural + late + rnd.choice([0, 1]))].append(event)
    return lists


def in_time_order_both_ways(registrations: list, rnd) -> list:
    """Each seller's registrations newest first or oldest first, alternating from seller to seller (which way
    the first goes drawn): a stale registration overwriting a newer one, and the first delivered kept, both
    show in one history."""
    sellers = sorted({e["seller_id"] for e in registrations})
    flip = rnd.randrange(2)
    return [e for n, seller in enumerate(sellers)
            for e in sorted((e for e in registrations if e["seller_id"] == seller), key=at_of, reverse=(n + flip) % 2)]


def deliver(client, events: list, rnd, rounds: int = 1, shuffled: bool = True) -> list:
    """Batches, shuffled (or in the order given); returns what still fails after `rounds` passes (it stays on
    the queue)."""
    pending = list(events)
    for _ in range(rounds):
        if shuffled:
            rnd.shuffle(pending)
        failed = []
        while pending:
            size = rnd.randint(1, 10)
            batch, pending = pending[:size], pending[size:]
            event = sqs_event(batch)
            by_id = {r["messageId"]: body for r, body in zip(event["Records"], batch)}
            failed += [by_id[i] for i in failed_ids(client.lambda_.invoke("marketplace_events", event).payload)]
        pending = failed
        if not pending:
            break
    return pending


def run(stack, tokens, plan, envelopes: list, rnd) -> None:
    """Every event of `envelopes` delivered, every action taken."""
    registrations = [e for e in envelopes if e["type"] == "SellerRegistered"]
    assert deliver(stack.client, in_time_order_both_ways(registrations, rnd), rnd, shuffled=False) == []
    assert deliver(stack.client, rnd.sample(registrations, len(registrations) // 2), rnd, 5) == []
    actions, waiting = sorted(plan.actions, key=lambda a: a.at), []
    for n, events in enumerate(epochs(envelopes, plan.actions, rnd)):
        waiting = deliver(stack.client, waiting + events, rnd, rounds=3)
        if n < len(actions):
            act(stack, tokens, actions[n])
    assert deliver(stack.client, waiting, rnd, 20) == [], "events still failing after every other was delivered"


def act(stack, tokens, action) -> None:
    """An opt-in (refused, 409, unless the seller is active), an opt-out, or a reply (409 to a contact CSBA handles)."""
    stack.clock, headers = action.at, {**tokens.headers(action.seller_id), "Content-Type": "application/json"}
    if action.kind == "reply":
        text = "Thank you for your message. We are looking into it today."
        body = {"reply_id": f"R-{action.contact_id}", "text": text}
        response = stack.client.http.post(f"/sellers/{action.seller_id}/inbox/{action.contact_id}/replies",
                                          headers=headers, body=json.dumps(body))
        assert response.status_code in (201, 409), response.body
        return
    method = stack.client.http.put if action.kind == "opt_in" else stack.client.http.delete
    response = method(f"/sellers/{action.seller_id}/enrollments/{action.marketplace_id}", headers=headers)
    assert response.status_code in (200, 409), response.body


def close_every_month(stack, months: list[str], reclose: bool = False) -> None:
    """The close of each month at the start of the next (or, `reclose`, every month re-closed afterwards)."""
    for month in months:
        after = month_start(months_from(month, 2)[1]) + timedelta(hours=2)
        detail = {"month": month, "reclose": True} if reclose else {}
        stack.client.lambda_.invoke("monthly_close", scheduled(after + timedelta(days=90 if reclose else 0), detail))
        pump(stack.client, "billing_jobs", "billing_jobs_queue", rounds=200)


def split_late(envelopes: list, actions: list, rnd, share: float = 0.1) -> tuple[list, list]:
    """(on time, late): a late order comes with all that follows it; some shipments, returns, responses
    and survey answers come late on their own. Registrations, status changes and what a reply needs are
    never late."""
    needed = needed_by_replies(envelopes, actions)
    late_orders = {e["detail"]["order_id"] for e in envelopes
                   if e["type"] == "OrderPlaced" and e["event_id"] not in needed and rnd.random() < share / 2}
    late_contacts = {e["detail"]["contact_id"] for e in envelopes
                     if e["type"] == "ContactCreated" and e["detail"]["order_id"] in late_orders}
    leaves = ("OrderShipped", "ReturnRequested", "ContactResponded", "SurveyAnswered")
    on_time, late = [], []
    for event in envelopes:
        detail = event["detail"] if isinstance(event.get("detail"), dict) else {}
        follows = detail.get("order_id") in late_orders or detail.get("contact_id") in late_contacts
        (late if follows or (event["type"] in leaves and rnd.random() < share) else on_time).append(event)
    return on_time, late


def get(stack, tokens, seller: str, path: str):
    response = stack.client.http.get(path, headers=tokens.headers(seller))
    return response.status_code, json.loads(response.body, parse_float=__import__("decimal").Decimal)
