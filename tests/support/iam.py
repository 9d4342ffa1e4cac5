"""The IAM permissions the AWS calls made in a block need, and whether a policy document grants them."""
import contextlib
import fnmatch
from urllib.parse import urlparse

from botocore.client import BaseClient

from chalicelib.entrypoints import wiring

REGION, ACCOUNT = "us-east-1", "123456789012"
TRANSACT_ITEM_ACTIONS = {"Put": "PutItem", "Update": "UpdateItem", "Delete": "DeleteItem",
                         "ConditionCheck": "ConditionCheckItem"}
SQS_BATCH_ACTIONS = {"SendMessageBatch": "SendMessage", "DeleteMessageBatch": "DeleteMessage",
                     "ChangeMessageVisibilityBatch": "ChangeMessageVisibility"}
Permission = tuple[str, str]  # (action, resource ARN)


@contextlib.contextmanager
def recorded_permissions(monkeypatch):
    """Yields the set of permissions every AWS call made inside the block needs (client caches emptied first)."""
    needed: set[Permission] = set()
    original = BaseClient._make_api_call

    def recording(client, operation, params):
        needed.update(permissions(client.meta.service_model.endpoint_prefix, operation, params))
        return original(client, operation, params)

    wiring.reset()
    with monkeypatch.context() as patch:
        patch.setattr(BaseClient, "_make_api_call", recording)
        yield needed


def permissions(service: str, operation: str, params: dict) -> set[Permission]:
    if service == "dynamodb":
        return _dynamodb(operation, params)
    if service == "sqs":
        name = params.get("QueueName") or urlparse(params["QueueUrl"]).path.rsplit("/", 1)[-1]
        return {(f"sqs:{SQS_BATCH_ACTIONS.get(operation, operation)}", f"arn:aws:sqs:{REGION}:{ACCOUNT}:{name}")}
    return {(f"{service}:{operation}", "*")}


def _dynamodb(operation: str, params: dict) -> set[Permission]:
    if operation in ("BatchGetItem", "BatchWriteItem"):
        return {(f"dynamodb:{operation}", _table(name)) for name in params["RequestItems"]}
    if operation in ("TransactWriteItems", "TransactGetItems"):
        items = [next(iter(item.items())) for item in params["TransactItems"]]
        return {(f"dynamodb:{TRANSACT_ITEM_ACTIONS.get(kind, 'GetItem')}", _table(body["TableName"]))
                for kind, body in items}
    resource = _table(params["TableName"])
    if params.get("IndexName"):
        resource += f"/index/{params['IndexName']}"
    return {(f"dynamodb:{operation}", resource)}


def _table(name: str) -> str:
    return f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{name}"


def allows(policy: dict, action: str, resource: str) -> bool:
    """True when an Allow statement matches both (IAM wildcards; this policy style has no Deny or NotAction)."""
    return any(statement["Effect"] == "Allow"
               and any(fnmatch.fnmatchcase(action, a) for a in _listed(statement["Action"]))
               and any(fnmatch.fnmatchcase(resource, r) for r in _listed(statement["Resource"]))
               for statement in policy["Statement"])


def _listed(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)
