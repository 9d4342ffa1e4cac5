"""The bare DynamoDB requests: recorded requests made again with a plain botocore client.

They go to shadow tables (`csba-bare-*`) in the same moto, right after the handler's batch that
made them, so both see tables of the same size (moto's cost per request grows with them) and the
same moment of a noisy machine.
"""
import time

import boto3
import botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError

from bench.delivery import harness

LIVE, SHADOW = "csba-local-", "csba-bare-"


class BareReplay:
    def __init__(self):
        from infra.resources import create_tables

        with harness():
            create_tables("bare", boto3.session.Session())
            config = Config(parameter_validation=False)  # as PynamoDB's client: only our own code differs
            self.client = botocore.session.get_session().create_client("dynamodb", region_name="us-east-1",
                                                                       config=config)
        self.seconds, self.requests, self.errors = 0.0, 0, 0

    def replay(self, calls) -> None:
        requests = [(c.operation, shadow(c.params)) for c in calls]
        with harness():
            started = time.perf_counter()
            for operation, params in requests:
                try:
                    self.client._make_api_call(operation, params)
                except ClientError:
                    self.errors += 1
            self.seconds += time.perf_counter() - started
        self.requests += len(requests)


def shadow(value):
    """The request's parameters with every table name of the stage moved to its shadow table."""
    if isinstance(value, dict):
        return {_table(k): (_table(v) if k == "TableName" else shadow(v))
                for k, v in value.items() if k != "ClientRequestToken"}
    if isinstance(value, list):
        return [shadow(v) for v in value]
    return value


def _table(name):
    return SHADOW + name[len(LIVE):] if isinstance(name, str) and name.startswith(LIVE) else name
