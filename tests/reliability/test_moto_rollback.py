"""The embedded DynamoDB cancels a transaction whole: moto as it is, and with the item-level rollback
the embedded AWS and the reliability suite install to keep long runs linear in time (infra/moto_transactions.py)."""
import contextlib

import boto3
import pytest
from botocore.exceptions import ClientError

from infra.moto_transactions import item_level_rollback

TABLE = "csba-local-counters"


def counters_of(dynamodb) -> dict:
    items = dynamodb.scan(TableName=TABLE, ConsistentRead=True)["Items"]
    return {(i["seller_market"]["S"], i["month"]["S"]): i.get("orders", {}).get("N") for i in items}


def a_transaction_that_fails_at_its_last_item(dynamodb) -> None:
    key = {"seller_market": {"S": "S1#DE"}, "month": {"S": "2026-10"}}
    with pytest.raises(ClientError, match="TransactionCanceled"):
        dynamodb.transact_write_items(TransactItems=[
            {"Put": {"TableName": TABLE, "Item": {"seller_market": {"S": "S2#DE"}, "month": {"S": "2026-10"}}}},
            {"Update": {"TableName": TABLE, "Key": key, "UpdateExpression": "ADD orders :one",
                        "ExpressionAttributeValues": {":one": {"N": "1"}}}},
            {"ConditionCheck": {"TableName": TABLE, "Key": {**key, "month": {"S": "2026-09"}},
                                "ConditionExpression": "attribute_exists(seller_market)"}}])


@pytest.mark.parametrize("rollback", ["moto's", "item-level"])
def test_a_cancelled_transaction_leaves_no_item_of_it_applied(aws, monkeypatch, rollback):
    # Given a counter item
    dynamodb = boto3.client("dynamodb")
    dynamodb.put_item(TableName=TABLE, Item={"seller_market": {"S": "S1#DE"}, "month": {"S": "2026-10"},
                                              "orders": {"N": "5"}})
    with item_level_rollback() if rollback == "item-level" else contextlib.nullcontext():
        # When a transaction that puts, updates, then fails a condition is cancelled
        a_transaction_that_fails_at_its_last_item(dynamodb)
    # Then neither the put nor the update happened
    assert counters_of(dynamodb) == {("S1#DE", "2026-10"): "5"}
