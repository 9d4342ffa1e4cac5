"""`GET /_csba/peek?QueueName=NAME`: the messages on a queue of the embedded AWS, read without a receive.

SQS has no read-only receive: each ReceiveMessage counts toward a message's ApproximateReceiveCount,
and past the redrive policy's maxReceiveCount the message moves to its dead-letter queue. So
`python -m infra.local peek` asks the embedded AWS itself, which reads moto's queue in place: nothing
is received, hidden or counted. (Against real SQS there is no such thing: use the console's
"poll for messages", which does count.)
"""
import base64
import json
from urllib.parse import parse_qs

from moto.core import DEFAULT_ACCOUNT_ID
from moto.sqs.models import sqs_backends

PATH = "/_csba/peek"


def with_peek(app):
    """The WSGI app `app`, answering PATH itself."""
    def serve(environ, start_response):
        if environ.get("PATH_INFO") != PATH:
            return app(environ, start_response)
        query = parse_qs(environ.get("QUERY_STRING", ""))
        name, region = query.get("QueueName", [""])[0], query.get("Region", ["us-east-1"])[0]
        queue = sqs_backends[DEFAULT_ACCOUNT_ID][region].queues.get(name)
        status, body = ("200 OK", {"Messages": [_message(m) for m in queue._messages]}) if queue else (
            "404 Not Found", {"Code": "QueueDoesNotExist", "Message": f"no queue {name!r} in {region}"})
        start_response(status, [("Content-Type", "application/json")])
        return [json.dumps(body).encode()]
    return serve


def _message(message) -> dict:
    return {"MessageId": message.id, "Body": message.body, "InFlight": not message.visible,
            "Attributes": {"ApproximateReceiveCount": str(message.approximate_receive_count),
                           "SentTimestamp": str(message.sent_timestamp or "")},
            "MessageAttributes": {name: _attribute(value) for name, value in message.message_attributes.items()}}


def _attribute(value: dict) -> dict:
    binary = value.get("BinaryValue")
    if isinstance(binary, bytes):
        return {**value, "BinaryValue": base64.b64encode(binary).decode("ascii")}
    return dict(value)
