"""The embedded AWS of `make run` over real HTTP: each request atomic, as in DynamoDB and SQS."""
import threading
import time
import urllib.request

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from infra import moto_server

ROUNDS, RACERS, FILLER = 6, 8, 300


@pytest.fixture
def dynamodb(moto_endpoint):
    urllib.request.urlopen(urllib.request.Request(f"{moto_endpoint}/moto-api/reset", method="POST")).close()
    client = boto3.client("dynamodb", endpoint_url=moto_endpoint, config=Config(max_pool_connections=RACERS))
    client.create_table(TableName="race", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                        BillingMode="PAY_PER_REQUEST")
    for number in range(FILLER):  # a table worth copying, as moto's own rollback does
        client.put_item(TableName="race", Item={"pk": {"S": f"filler-{number}"}, "pad": {"S": "x" * 200}})
    return client


def claim(dynamodb, round_: int, racer: int) -> bool:
    """One transaction: a ticket for the racer, and the round's claim if nobody holds it yet."""
    try:
        dynamodb.transact_write_items(TransactItems=[
            {"Put": {"TableName": "race", "Item": {"pk": {"S": f"ticket-{round_}-{racer}"}}}},
            {"Put": {"TableName": "race", "Item": {"pk": {"S": f"claim-{round_}"}, "owner": {"N": str(racer)}},
                     "ConditionExpression": "attribute_not_exists(pk)"}}])
    except ClientError as error:
        assert error.response["Error"]["Code"] == "TransactionCanceledException"
        return False
    return True


def test_concurrent_conflicting_transactions_never_interleave(dynamodb):
    won: dict[int, list[int]] = {round_: [] for round_ in range(ROUNDS)}
    for round_ in range(ROUNDS):
        # When 8 threads race for one claim, each with a ticket in the same transaction
        start = threading.Barrier(RACERS)

        def race(racer, round_=round_):
            start.wait()
            if claim(dynamodb, round_, racer):
                won[round_].append(racer)

        threads = [threading.Thread(target=race, args=(racer,)) for racer in range(RACERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    items = {i["pk"]["S"]: i for i in dynamodb.scan(TableName="race", ConsistentRead=True)["Items"]}
    for round_, winners in won.items():
        # Then exactly one won, its claim names it, and only its ticket was written
        assert len(winners) == 1, (round_, winners)
        assert items[f"claim-{round_}"]["owner"]["N"] == str(winners[0])
        assert [pk for pk in items if pk.startswith(f"ticket-{round_}-")] == [f"ticket-{round_}-{winners[0]}"]
    assert sum(pk.startswith("filler-") for pk in items) == FILLER


def test_a_long_poll_does_not_hold_up_other_requests(moto_endpoint, dynamodb):
    sqs = boto3.client("sqs", endpoint_url=moto_endpoint)
    url = sqs.create_queue(QueueName="quiet")["QueueUrl"]
    waiting = threading.Thread(target=sqs.receive_message, kwargs={"QueueUrl": url, "WaitTimeSeconds": 5})
    waiting.start()
    time.sleep(0.5)
    # While a receive waits for messages, other requests are answered
    answered = [dynamodb.describe_table(TableName="race")["Table"]["TableName"] for _ in range(3)]
    assert waiting.is_alive() and answered == ["race"] * 3
    waiting.join()


def test_the_port_of_a_crashed_run_can_be_bound_at_once():
    # Given a server that closed its side of a connection first (its port now in TIME-WAIT), then died
    port = moto_server.free_port()
    listener = moto_server.start(port)
    with urllib.request.urlopen(f"{moto_server.endpoint_of(port)}/moto-api/data.json") as response:
        response.read()
    listener.stop()
    # When the runner starts again on the same port, Then it binds
    moto_server.start(port).stop()
