"""The embedded AWS: moto server, in-process on a loopback port (so stopping it leaves no process).

Unlike moto's ThreadedMotoServer, it applies each request atomically (infra/moto_serial.py),
its transactions roll back item by item rather than copying whole tables
(infra/moto_transactions.py), it shows a queue's messages without receiving them
(infra/moto_peek.py, for `peek`), and it binds with SO_REUSEADDR and a listen backlog of 128.
"""
import socket
import threading
import urllib.error
import urllib.request
from contextlib import ExitStack

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
from werkzeug.serving import make_server

from infra.moto_peek import with_peek
from infra.moto_serial import long_polls_release_the_lock, one_at_a_time
from infra.moto_transactions import item_level_rollback

HOST = "127.0.0.1"


class PortBusy(RuntimeError):
    """The port is taken (often by another `python -m infra.local up`)."""


def require_free(port: int, host: str = HOST) -> None:
    """Raise PortBusy unless (host, port) can be bound right now, as a server binds it (SO_REUSEADDR:
    connections of a crashed run waiting out TIME-WAIT do not count)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
            probe.listen(1)
        except OSError:
            raise PortBusy(f"{host}:{port} is already in use (another `python -m infra.local up`?); "
                           "pick another with --port / --aws-port") from None


def free_port(host: str = HOST) -> int:
    """A port nobody listens on at the moment (for tests and ad-hoc runs)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


class EmbeddedAws:
    """moto on host:port, serving from a daemon thread until `stop()`."""

    def __init__(self, host: str, port: int):
        self._patches = ExitStack()
        self._patches.enter_context(item_level_rollback())
        self._patches.enter_context(long_polls_release_the_lock())
        app = one_at_a_time(with_peek(DomainDispatcherApplication(create_backend_app)))
        self._server = make_server(host, port, app, threaded=True, request_handler=MotoRequestHandler)
        self._thread = threading.Thread(target=self._server.serve_forever, name="csba-moto", daemon=True)

    def start(self) -> "EmbeddedAws":
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, release the port and take moto's patches off."""
        self._server.shutdown()
        self._thread.join(timeout=5)
        self._server.server_close()
        self._patches.close()


def start(port: int, host: str = HOST) -> EmbeddedAws:
    """Start moto on host:port and return it; `.stop()` shuts it down and frees the port."""
    require_free(port, host)
    return EmbeddedAws(host, port).start()


def endpoint_of(port: int, host: str = HOST) -> str:
    return f"http://{host}:{port}"


def is_listening(endpoint: str) -> bool:
    """Whether something answers HTTP at `endpoint` (any status counts)."""
    try:
        urllib.request.urlopen(endpoint, timeout=2).close()  # noqa: S310 - local endpoint by design
    except urllib.error.HTTPError:
        return True
    except (urllib.error.URLError, OSError):
        return False
    return True
