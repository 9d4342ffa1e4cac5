"""`python -m infra.local up` in a subprocess on free ports, and plain HTTP clients for it."""
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import boto3

from infra import moto_server
from infra.local_stage import stage_env
from tests.support.auth import TokenFactory

ROOT = Path(__file__).resolve().parents[2]


class LiveStack:
    """A running local stage: its API at `.api`, its embedded AWS at `.aws`."""

    def __init__(self, log_path: Path):
        self.port, self.aws_port = moto_server.free_port(), moto_server.free_port()
        self.api, self.aws = f"http://127.0.0.1:{self.port}", moto_server.endpoint_of(self.aws_port)
        self.log_path = log_path
        env = {k: v for k, v in os.environ.items() if k != "AWS_ENDPOINT_URL"}
        self._process = subprocess.Popen(
            [sys.executable, "-m", "infra.local", "up", "--port", str(self.port), "--aws-port", str(self.aws_port)],
            cwd=ROOT, env=env, stdout=log_path.open("w"), stderr=subprocess.STDOUT)

    def wait_until_up(self, seconds: float = 60) -> "LiveStack":
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"up exited: {self.log()}")
            if "Ctrl-C stops everything" in self.log():  # the banner: API served, queues delivered
                return self
            time.sleep(0.3)
        raise RuntimeError(f"up did not print its banner: {self.log()}")

    def log(self) -> str:
        return self.log_path.read_text()

    def stop(self) -> int:
        self._process.send_signal(signal.SIGINT)
        try:
            return self._process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self._process.kill()
            raise

    def runner(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        """`python -m infra.local ARGS` against this stack."""
        env = {**os.environ, "AWS_ENDPOINT_URL": self.aws}
        return subprocess.run([sys.executable, "-m", "infra.local", *args], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=timeout)

    def token(self, role: str, sub: str) -> str:
        """A token as `python -m infra.local token` prints it (same local secret)."""
        return TokenFactory().token(sub, role)

    def send(self, envelopes: list[dict]) -> None:
        """Put envelopes on the marketplace events queue, as `python -m infra.local send` does."""
        sqs = boto3.client("sqs", endpoint_url=self.aws)
        url = sqs.get_queue_url(QueueName=stage_env()["MARKETPLACE_EVENTS_QUEUE"])["QueueUrl"]
        for envelope in envelopes:
            sqs.send_message(QueueUrl=url, MessageBody=json.dumps(envelope))

    def request(self, method: str, path: str, body=None, token: str | None = None,
                headers: dict | None = None) -> tuple[int, object]:
        """(status, JSON body or raw text) of one request to the API."""
        data = json.dumps(body).encode() if body is not None else None
        all_headers = {"Content-Type": "application/json", **(headers or {})}
        if token:
            all_headers["Authorization"] = f"Bearer {token}"
        request = urllib.request.Request(self.api + path, data=data, method=method, headers=all_headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
                return response.status, _parsed(response.read())
        except urllib.error.HTTPError as error:
            return error.code, _parsed(error.read())


def _parsed(raw: bytes):
    try:
        return json.loads(raw)
    except ValueError:
        return raw.decode(errors="replace")
