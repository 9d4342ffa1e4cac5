"""SQS publishing by queue name (URLs looked up once per client).

The client is botocore's, as PynamoDB's are: importing boto3 as well would cost every cold start that
sends a message about 30 ms of CPU for nothing boto3 adds here.
"""
import json
import re
from functools import cache, lru_cache
from typing import Iterator, Protocol

import botocore.session

from chalicelib.domain.wire import JsonObject

SQS_MAX_BYTES = 256 * 1024  # body and attributes (names, types, values) together


@cache
def _not_sqs_text() -> re.Pattern[str]:
    """Characters SQS refuses; compiled at the first send (about 6 ms of CPU, spared by functions that send nothing)."""
    return re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class SqsClient(Protocol):
    """The calls made on botocore's SQS client (botocore has no annotations); its answers are raw JSON."""

    def get_queue_url(self, *, QueueName: str) -> JsonObject: ...

    def send_message(self, *, QueueUrl: str, MessageBody: str,
                     MessageAttributes: dict[str, dict[str, str]]) -> JsonObject: ...

    def send_message_batch(self, *, QueueUrl: str, Entries: list[dict[str, str]]) -> JsonObject: ...


class Queues:
    def __init__(self, client: SqsClient) -> None:
        self.client = client
        self._urls: dict[str, str] = {}

    def url(self, queue_name: str) -> str:
        if queue_name not in self._urls:
            url: str = self.client.get_queue_url(QueueName=queue_name)["QueueUrl"]
            self._urls[queue_name] = url
        return self._urls[queue_name]

    def send(self, queue_name: str, body: JsonObject | str | None, attributes: dict[str, str] | None = None) -> str:
        """Send one message; `attributes` become String message attributes, shortened (in their order) to fit
        beside the body in SQS's limit, and dropped where nothing fits: a dead-lettered body of 256 KB still goes."""
        text = body if isinstance(body, str) else json.dumps(body, sort_keys=True)
        message_attributes = {k: {"DataType": "String", "StringValue": v} for k, v in _fitting(text, attributes or {})}
        response = self.client.send_message(QueueUrl=self.url(queue_name), MessageBody=text,
                                            MessageAttributes=message_attributes)
        message_id: str = response["MessageId"]
        return message_id

    def send_batch(self, queue_name: str, bodies: list[JsonObject]) -> None:
        """Up to 10 messages in one request; raises if any was not accepted (the caller's retry resends all)."""
        entries = [{"Id": str(i), "MessageBody": json.dumps(b, sort_keys=True)} for i, b in enumerate(bodies)]
        response = self.client.send_message_batch(QueueUrl=self.url(queue_name), Entries=entries)
        if response.get("Failed"):
            raise RuntimeError(f"{len(response['Failed'])} of {len(entries)} messages refused by {queue_name}")


def _fitting(body: str, attributes: dict[str, str]) -> Iterator[tuple[str, str]]:
    room = SQS_MAX_BYTES - len(body.encode("utf-8", "surrogatepass"))
    for name, value in attributes.items():
        room -= len(name) + len("String")
        value = _not_sqs_text().sub("?", value).encode()[:max(room, 0)].decode(errors="ignore")
        if room <= 0 or not value:
            return
        room -= len(value.encode())
        yield name, value


@lru_cache(maxsize=8)
def queues_for(endpoint_url: str | None, region: str) -> Queues:
    client = botocore.session.get_session().create_client("sqs", endpoint_url=endpoint_url, region_name=region)
    return Queues(client)
