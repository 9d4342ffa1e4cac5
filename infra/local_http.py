"""The local API's HTTP server: Chalice's, answering what never reaches a view as our API Gateway does.

Chalice's local server answers an unsupported method (TRACE, CONNECT, anything unknown), an
over-long header or request line and a malformed Content-Length with http.server's HTML page, or
drops the connection. Here each is a JSON `{"Code", "Message"}`: a method the API does not serve is
API Gateway's MISSING_AUTHENTICATION_TOKEN (404 "no such route", infra/local_gateway.py), the rest
keep http.server's status. The server binds with SO_REUSEADDR (a crashed run's connections in
TIME-WAIT do not block a restart) and queues 128 connections (30 parallel clients get no reset).
"""
import json
from http import HTTPStatus

from chalice.local import ChaliceRequestHandler, ThreadedHTTPServer

from infra.local_gateway import NO_ROUTE_BODY

CODES = {HTTPStatus.BAD_REQUEST: "BadRequestError", HTTPStatus.NOT_FOUND: "NotFoundError"}


class ApiHttpServer(ThreadedHTTPServer):
    allow_reuse_address = True
    request_queue_size = 128


class ApiRequestHandler(ChaliceRequestHandler):
    """Chalice's request handler, every refusal of it in the API's error shape."""

    def __getattr__(self, name: str):
        if name.startswith("do_"):  # a method the local gateway does not serve
            return self._no_such_route
        raise AttributeError(name)

    def _no_such_route(self) -> None:
        self._send_json(HTTPStatus.NOT_FOUND, NO_ROUTE_BODY)

    def _generic_handle(self) -> None:
        if not self.headers.get("content-length", "0").isdigit():
            self.send_error(HTTPStatus.BAD_REQUEST, "Content-Length is not a number")
            return
        super()._generic_handle()

    do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = do_PATCH = do_OPTIONS = _generic_handle

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        status = HTTPStatus(code)
        self.log_error("code %d, message %s", code, message)
        body = json.dumps({"Code": CODES.get(status, status.phrase.replace(" ", "")),
                           "Message": message or status.phrase}).encode()
        self._send_json(status, body)

    def _send_json(self, status: HTTPStatus, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Connection", "close")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
