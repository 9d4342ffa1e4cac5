"""Creates the tables and queues of infra/template.yaml in an AWS endpoint (moto, locally).

The template is the only list of resources: this module reads it, resolves the few
intrinsics it uses (!Sub of ${Stage}, !GetAtt Queue.Arn) and creates what it finds.
Creating twice is harmless: what exists is left alone.
"""
import json
import re
from functools import lru_cache
from pathlib import Path

import boto3
import yaml

TEMPLATE = Path(__file__).with_name("template.yaml")


def _intrinsic(loader, tag_suffix, node):
    tag = "Ref" if tag_suffix == "Ref" else f"Fn::{tag_suffix}"
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if tag_suffix == "GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {tag: value}


class _CfnLoader(yaml.SafeLoader):
    pass


_CfnLoader.add_multi_constructor("!", _intrinsic)


@lru_cache(maxsize=1)
def load_template() -> dict:
    return yaml.load(TEMPLATE.read_text(), Loader=_CfnLoader)  # noqa: S506 - SafeLoader subclass


def _resolve(value, stage: str, arns: dict):
    if isinstance(value, dict):
        if "Fn::Sub" in value:
            return re.sub(r"\$\{Stage\}", stage, value["Fn::Sub"])
        if "Fn::GetAtt" in value:
            logical_id, attribute = value["Fn::GetAtt"]
            if attribute != "Arn":
                raise ValueError(f"unsupported GetAtt {logical_id}.{attribute}")
            return arns[logical_id]
        if "Ref" in value and value["Ref"] == "Stage":
            return stage
        return {k: _resolve(v, stage, arns) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, stage, arns) for v in value]
    return value


def resources_of(kind: str) -> dict[str, dict]:
    """Logical id -> raw Properties of every resource of a CloudFormation type."""
    return {k: r.get("Properties", {}) for k, r in load_template()["Resources"].items() if r["Type"] == kind}


def queue_arn(name: str, region: str, account: str = "123456789012") -> str:
    return f"arn:aws:sqs:{region}:{account}:{name}"


def create_all(stage: str = "local", session: boto3.session.Session | None = None) -> dict:
    """Create every queue (dead-letter queues first) and table; returns names created or found."""
    session = session or boto3.session.Session()
    created = {"queues": create_queues(stage, session), "tables": create_tables(stage, session)}
    return created


def create_queues(stage: str, session) -> list[str]:
    sqs = session.client("sqs")
    account = session.client("sts").get_caller_identity()["Account"]
    queues = resources_of("AWS::SQS::Queue")
    arns = {lid: queue_arn(_resolve(p["QueueName"], stage, {}), sqs.meta.region_name, account)
            for lid, p in queues.items()}
    ordered = sorted(queues.items(), key=lambda item: "RedrivePolicy" in item[1])
    names = []
    for _, props in ordered:
        props = _resolve(props, stage, arns)
        attributes = {k: (json.dumps(v) if isinstance(v, dict) else str(v))
                      for k, v in props.items() if k != "QueueName"}
        sqs.create_queue(QueueName=props["QueueName"], Attributes=attributes)
        names.append(props["QueueName"])
    return names


def create_tables(stage: str, session) -> list[str]:
    dynamodb = session.client("dynamodb")
    existing = set(dynamodb.list_tables()["TableNames"])
    names = []
    for _, props in resources_of("AWS::DynamoDB::Table").items():
        props = _resolve(props, stage, {})
        name = props["TableName"]
        names.append(name)
        if name in existing:
            continue
        spec = {k: props[k] for k in ("TableName", "AttributeDefinitions", "KeySchema", "BillingMode",
                                       "GlobalSecondaryIndexes") if k in props}
        dynamodb.create_table(**spec)
        ttl = props.get("TimeToLiveSpecification")
        if ttl:
            dynamodb.update_time_to_live(TableName=name, TimeToLiveSpecification=ttl)
    return names
