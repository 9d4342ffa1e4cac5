"""The embedded AWS: moto server, in-process on a loopback port (so stopping it leaves no process)."""
import socket
import urllib.error
import urllib.request

from moto.server import ThreadedMotoServer

HOST = "127.0.0.1"


class PortBusy(RuntimeError):
    """The port is taken (often by another `python -m infra.local up`)."""


def require_free(port: int, host: str = HOST) -> None:
    """Raise PortBusy unless (host, port) can be bound right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            raise PortBusy(f"{host}:{port} is already in use (another `python -m infra.local up`?); "
                           "pick another with --port / --aws-port") from None


def free_port(host: str = HOST) -> int:
    """A port nobody listens on at the moment (for tests and ad-hoc runs)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def start(port: int, host: str = HOST) -> ThreadedMotoServer:
    """Start moto on host:port and return it; `.stop()` shuts it down and frees the port.

    ThreadedMotoServer would wait forever if the port were taken, so that is checked first.
    """
    require_free(port, host)
    server = ThreadedMotoServer(ip_address=host, port=port, verbose=False)
    server.start()
    return server


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
