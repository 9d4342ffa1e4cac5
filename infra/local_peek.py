"""`peek QUEUE`: print the messages waiting on a queue or DLQ, leaving them there, uncounted.

SQS has no read-only receive (each receive counts toward ApproximateReceiveCount, and past the
queue's maxReceiveCount moves the message to its DLQ), so peek asks the runner's embedded AWS to
read the queue in place (infra/moto_peek.py): nothing is received, hidden or counted.
"""
import datetime
import json
import urllib.error
import urllib.parse
import urllib.request

from infra.local_commands import CommandError, require_endpoint
from infra.local_stage import REGION, resolve_queue
from infra.moto_peek import PATH


def peek(name: str) -> list[dict]:
    """Print and return the messages on queue `name` (short, env-var style or full name)."""
    endpoint = require_endpoint()
    full_name = resolve_queue(name)
    messages = _read_in_place(endpoint, full_name)
    for number, message in enumerate(messages, 1):
        print(render(message, number, len(messages)))
    print(f"{len(messages)} message(s) waiting on {full_name}")
    return messages


def _read_in_place(endpoint: str, queue: str) -> list[dict]:
    query = urllib.parse.urlencode({"QueueName": queue, "Region": REGION})
    try:
        with urllib.request.urlopen(f"{endpoint}{PATH}?{query}", timeout=10) as response:  # noqa: S310 - local
            return json.loads(response.read())["Messages"]
    except urllib.error.HTTPError as error:
        if error.code == 404 and error.headers.get_content_type() == "application/json":
            raise CommandError(f"queue {queue} not found at {endpoint}: run create-resources first") from None
        raise CommandError(f"{endpoint} is not the runner's embedded AWS ({error.code} on {PATH}): peek reads "
                           "queues in place there, as SQS has no receive that does not count") from None


def render(message: dict, number: int, total: int) -> str:
    """One message: a header line, its body (pretty when JSON) and its message attributes."""
    attributes = message.get("Attributes", {})
    sent = _timestamp(attributes.get("SentTimestamp"))
    received = attributes.get("ApproximateReceiveCount", "?")
    state = ", in flight" if message.get("InFlight") else ""
    lines = [f"--- {number}/{total} message {message['MessageId']} (received {received} times{state}, sent {sent})",
             _pretty(message["Body"])]
    extra = {k: _attribute_value(v) for k, v in message.get("MessageAttributes", {}).items()}
    if extra:
        lines.append("message attributes: " + json.dumps(extra, indent=2, ensure_ascii=False))
    return "\n".join(lines)


def _pretty(body: str) -> str:
    try:
        return json.dumps(json.loads(body), indent=2, ensure_ascii=False)
    except json.JSONDecodeError:
        return body


def _attribute_value(value: dict) -> str:
    """A string attribute's value, a binary one's base64 (as the embedded AWS sends it)."""
    return value.get("StringValue", value.get("BinaryValue", ""))


def _timestamp(millis: str | None) -> str:
    if not millis:
        return "?"
    moment = datetime.datetime.fromtimestamp(int(millis) / 1000, tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
