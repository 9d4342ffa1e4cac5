"""`python -m infra.local up` over real HTTP: every refusal in the API's shape, parallel clients served."""
import http.client
import json
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler

import pytest

from infra.local_http import ApiHttpServer


def raw_request(stack, method: str, path: str = "/health", headers: dict | None = None) -> tuple[int, dict, str]:
    connection = http.client.HTTPConnection("127.0.0.1", stack.port, timeout=30)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response.status, json.loads(response.read()), response.getheader("Content-Type")
    finally:
        connection.close()


@pytest.mark.parametrize("method, path", [("TRACE", "/health"), ("CONNECT", "example.com:443"),
                                          ("BREW", "/health"), ("PROPFIND", "/sellers/S1/enrollments")])
def test_a_method_the_api_does_not_serve_is_no_such_route_in_json(live_stack, method, path):
    status, body, content_type = raw_request(live_stack, method, path)
    assert (status, body["Code"], content_type) == (404, "NotFoundError", "application/json")
    assert isinstance(body["Message"], str)


def test_a_100_kb_header_is_refused_in_json(live_stack):
    status, body, content_type = raw_request(live_stack, "GET", headers={"X-Big": "x" * 100_000})
    assert (status, body["Code"], content_type) == (431, "RequestHeaderFieldsTooLarge", "application/json")


def test_a_content_length_that_is_not_a_number_is_a_bad_request(live_stack):
    status, body, _ = raw_request(live_stack, "POST", "/refunds", headers={"Content-Length": "lots"})
    assert (status, body["Code"]) == (400, "BadRequestError")


def test_thirty_parallel_clients_are_all_answered(live_stack):
    with ThreadPoolExecutor(30) as pool:
        statuses = list(pool.map(lambda _: raw_request(live_stack, "GET")[0], range(30)))
    assert statuses == [200] * 30


def test_the_api_server_queues_thirty_connections_it_has_not_accepted_yet():
    # Given the API's server, bound but not accepting (as when its threads are all busy)
    server = ApiHttpServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    clients = []
    try:
        # When 30 clients connect at once, Then each connection is established (none refused or dropped)
        for _ in range(30):
            clients.append(socket.create_connection(server.server_address, timeout=2))
    finally:
        for client in clients:
            client.close()
        server.server_close()
    assert len(clients) == 30


def test_fire_with_a_bad_month_says_so_in_one_line(live_stack):
    done = live_stack.runner("fire", "monthly_close", "--at", "2026-11-01T00:00:00Z",
                             "--detail", '{"month": "2026-13"}')
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and "monthly_close refused" in done.stderr and "2026-13" in done.stderr


def test_the_banner_says_data_is_in_memory_and_gives_commands_that_run_from_the_venv(live_stack):
    banner = live_stack.log()
    assert "its data lives in memory" in banner and "region us-east-1" in banner
    commands = [line.strip() for line in banner.splitlines() if "-m infra.local " in line]
    assert commands and all(".venv/bin/python -m infra.local" in line for line in commands)
