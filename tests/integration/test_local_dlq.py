"""`python -m infra.local dlq list | redrive QUEUE` against a real moto server on loopback."""
from infra.local import main
from infra.local_dlq import sources_by_dlq


def url(sqs, name: str) -> str:
    return sqs.get_queue_url(QueueName=f"csba-local-{name}")["QueueUrl"]


def everything_on(sqs, name: str) -> list[dict]:
    found = []
    while batch := sqs.receive_message(QueueUrl=url(sqs, name), MaxNumberOfMessages=10, VisibilityTimeout=60,
                                       MessageAttributeNames=["All"]).get("Messages", []):
        found += batch
    return found


def test_every_dead_letter_queue_of_the_template_has_its_source():
    assert sources_by_dlq() == {f"csba-local-{q}-dlq": f"csba-local-{q}" for q in (
        "marketplace-events", "billing-jobs", "cs-contacts", "seller-messages", "payments", "buyer-messages")}


def test_list_counts_what_waits_on_each_dead_letter_queue(sqs, capsys):
    capsys.readouterr()
    for n in range(3):
        sqs.send_message(QueueUrl=url(sqs, "payments-dlq"), MessageBody=f"m{n}")
    assert main(["dlq", "list"]) == 0
    lines = {line.split()[0]: line.split()[1] for line in capsys.readouterr().out.splitlines()}
    assert lines == {"marketplace-events-dlq": "0", "billing-jobs-dlq": "0", "cs-contacts-dlq": "0",
                     "seller-messages-dlq": "0", "payments-dlq": "3", "buyer-messages-dlq": "0"}


def test_redrive_moves_every_message_back_with_its_attributes(sqs, capsys):
    # Given 25 dead-lettered events (more than one receive), one with the reason the consumer gave
    reason = {"reason": {"DataType": "String", "StringValue": "unknown marketplace"}}
    for n in range(25):
        sqs.send_message(QueueUrl=url(sqs, "marketplace-events-dlq"), MessageBody=f'{{"event_id": "e{n}"}}',
                         MessageAttributes=reason if n == 0 else {})
    # When
    assert main(["dlq", "redrive", "MARKETPLACE_EVENTS_DLQ"]) == 0
    # Then
    assert "moved 25 message(s)" in capsys.readouterr().out
    back = everything_on(sqs, "marketplace-events")
    assert sorted(m["Body"] for m in back) == sorted(f'{{"event_id": "e{n}"}}' for n in range(25))
    assert [m["MessageAttributes"]["reason"]["StringValue"] for m in back if "MessageAttributes" in m] == [
        "unknown marketplace"]
    assert everything_on(sqs, "marketplace-events-dlq") == []


def test_redrive_refuses_a_queue_that_is_not_a_dead_letter_queue(sqs, capsys):
    assert main(["dlq", "redrive", "payments"]) == 1
    assert "payments is not a dead-letter queue" in capsys.readouterr().err
