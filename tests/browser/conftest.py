"""The real local stack (`python -m infra.local up` in a subprocess, on free ports) and headless Chromium.

Chromium and its driver are Debian's (`make browser` installs them); the driver is named explicitly, so Selenium
Manager never looks for, or downloads, a browser.
"""
import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from infra.moto_server import endpoint_of, free_port

ROOT = Path(__file__).resolve().parents[2]
ARTEFACTS = ROOT / "build" / "test-artefacts"
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
TOKEN_LINE = re.compile(r"^\s+(eyJ[\w-]+\.[\w-]+\.[\w-]+)\s*$", re.MULTILINE)


@dataclass
class Stack:
    api: str
    env: dict
    log: Path

    def runner(self, *args: str) -> str:
        """`python -m infra.local ARGS` against this stack; its standard output."""
        done = subprocess.run([sys.executable, "-m", "infra.local", *args], cwd=ROOT, env=self.env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, (args, done.stderr)
        return done.stdout

    @staticmethod
    def token(sub: str, role: str = "seller") -> str:
        """A token as `python -m infra.local token` makes, without starting a process (same stage secret)."""
        from tests.support.auth import TokenFactory

        return TokenFactory().token(sub, role)

    def get(self, path: str, token: str) -> tuple[int, dict]:
        request = urllib.request.Request(f"{self.api}{path}", headers={"Authorization": f"Bearer {token}"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def printed_token(self) -> str:
        """The seller token `up` prints in its banner."""
        return TOKEN_LINE.search(self.log.read_text()).group(1)


def wait_for(predicate, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while (result := predicate()) in (None, False):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.3)
    return result


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    with running_stack(tmp_path_factory.mktemp("stack")) as running:
        yield running


@contextlib.contextmanager
def running_stack(folder: Path):
    """`python -m infra.local up` on free ports, its output in FOLDER/up.log; stopped (Ctrl-C) on leaving."""
    port, aws_port = free_port(), free_port()
    log = folder / "up.log"
    env = {k: v for k, v in os.environ.items() if k != "AWS_ENDPOINT_URL"}
    with log.open("w") as out:
        up = subprocess.Popen([sys.executable, "-m", "infra.local", "up", "--port", str(port), "--aws-port",
                               str(aws_port), "--retry-after", "1"], cwd=ROOT, env=env, stdout=out,
                              stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: up.poll() is None and "Ctrl-C stops everything." in log.read_text(), 60,
                 "the local stack to start")
        yield Stack(f"http://127.0.0.1:{port}", {**env, "AWS_ENDPOINT_URL": endpoint_of(aws_port)}, log)
    finally:
        up.send_signal(signal.SIGINT)
        try:
            up.wait(timeout=15)
        except subprocess.TimeoutExpired:
            up.kill()
            up.wait()


@pytest.fixture(scope="session")
def browser():
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.fail("Chromium is not installed: run `make browser` (Debian's chromium and chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,1000", "--lang=en-GB"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.implicitly_wait(0)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()
