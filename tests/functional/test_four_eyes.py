"""Four eyes (DESIGN 5): the supervisor who requested a refund may not approve it (422 self_approval); another
supervisor may, and then it is paid once."""
import json

from tests.functional.test_refunds import payments, post, refund, shop  # noqa: F401 - shop is a fixture


def test_a_supervisor_may_not_approve_a_refund_it_requested(shop, tokens, queues, store):  # noqa: F811
    # Given a supervisor requested a refund above the auto-approval limit
    requested = post(shop, tokens, refund(amount="120.00"), role="supervisor")
    assert requested.status_code == 202
    requester = json.loads(requested.body)
    # When the same supervisor approves it
    mine = shop.http.post("/refunds/R1/approve", headers=tokens.headers("A1", "supervisor"))
    # Then it is refused as self_approval, stays pending and nothing is paid
    assert mine.status_code == 422 and json.loads(mine.body)["Code"] == "self_approval"
    assert store.get_refund("R1").status == requester["status"] == "pending_approval"
    assert payments(queues) == []
    # And another supervisor's approval issues it, paid once
    theirs = shop.http.post("/refunds/R1/approve", headers=tokens.headers("B2", "supervisor"))
    assert theirs.status_code == 200 and json.loads(theirs.body)["status"] == "issued"
    (paid,) = payments(queues)
    assert paid["idempotency_key"] == "refund:R1"
