"""The app as `chalice local --stage local` loads and serves it, but in-process: the runner
patches the gateway, serves HTTP from a thread and calls the queue and schedule handlers itself.
"""
import sys
import threading
from dataclasses import dataclass

from chalice.cli.factory import CLIFactory
from chalice.deploy.validate import validate_routes
from chalice.local import CustomLocalChalice, LocalChalice, LocalDevServer

from infra import local_gateway
from infra.local_http import ApiHttpServer, ApiRequestHandler
from infra.local_stage import PROJECT_DIR, STAGE


class AppNotLoaded(RuntimeError):
    """app.py is missing or failed to import."""


@dataclass
class LoadedApp:
    """The Chalice app, its module (where handlers live by name) and the stage config."""
    app: object
    module: object
    config: object

    def handler(self, name: str):
        """The registered Lambda handler called `name`, or None while app.py lacks it."""
        return getattr(self.module, name, None)

    def sources(self, kind: str) -> list:
        """Event sources of a Chalice class name, e.g. SQSEventConfig, ScheduledEventConfig."""
        return [s for s in self.app.event_sources if type(s).__name__ == kind]

    def schedules(self) -> dict:
        """Schedule name -> handler, for the schedules app.py defines."""
        found = {s.name: self.handler(s.name) for s in self.sources("ScheduledEventConfig")}
        return {name: handler for name, handler in found.items() if handler is not None}


def load_app() -> LoadedApp:
    """Import app.py as Chalice does for the local stage (its environment applied to os.environ)."""
    if not (PROJECT_DIR / "app.py").exists():
        raise AppNotLoaded(f"no app.py in {PROJECT_DIR}")
    factory = CLIFactory(str(PROJECT_DIR))
    config = factory.create_config_obj(chalice_stage_name=STAGE)
    try:
        app = config.chalice_app
    except ImportError as error:
        raise AppNotLoaded(f"app.py does not import: {error}") from error
    return LoadedApp(app=app, module=sys.modules["app"], config=config)


def lambda_timeout_ms(loaded: LoadedApp) -> int:
    return int(loaded.config.lambda_timeout or 60) * 1000


class HttpServer:
    """The local API Gateway on host:port, serving from a daemon thread until `stop()`."""

    def __init__(self, loaded: LoadedApp, host: str, port: int):
        local_gateway.install()
        validate_routes(loaded.app.routes)
        if not isinstance(loaded.app, LocalChalice):  # as chalice.local.create_local_server does
            CustomLocalChalice.__bases__ = (LocalChalice, type(loaded.app))
            loaded.app.__class__ = CustomLocalChalice
        self._server = LocalDevServer(loaded.app, loaded.config, host, port, handler_cls=ApiRequestHandler,
                                      server_cls=ApiHttpServer)
        self.url = f"http://{host}:{port}"
        self._thread = threading.Thread(target=self._server.server.serve_forever, name="csba-http", daemon=True)

    def start(self) -> "HttpServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join(timeout=5)
        self._server.server.server_close()
