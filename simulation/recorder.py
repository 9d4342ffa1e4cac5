"""Every AWS request of this process, counted and timed with botocore event hooks.

boto3 and PynamoDB each build their own botocore sessions (PynamoDB one per thread), so the
hooks go on every client any session creates: `install()` wraps `Session.create_client` once,
before the first client exists. A request is recorded with its API parameters (for a replay),
the label current when it was made (an event type, a billing job) and its time from the
`before-call` to the `after-call` event (the request and the emulator's work, not the client's
parameter checks and serialisation), in wall time and in the requesting thread's CPU time.
Requests made on several threads at once overlap: their wall times do not add up (`in_flight`
counts the time with any under way), their CPU times do.
"""
import time
from dataclasses import dataclass

import botocore.session


@dataclass
class Call:
    service: str
    operation: str
    params: dict
    label: str
    seconds: float = 0.0
    started: float = 0.0  # perf_counter at `before-call`
    cpu_seconds: float = 0.0  # CPU time of the requesting thread (the emulator's work, in-process) in the request
    status: int = 0  # the HTTP status; 400 for a refused condition or transaction

    @property
    def table(self) -> str | None:
        return self.params.get("TableName")


class Recorder:
    def __init__(self):
        self.calls: list[Call] = []
        self.label = "unlabelled"
        self.clients: list[tuple[str, str]] = []  # (service, label) of every client created

    def take(self) -> list[Call]:
        """The calls recorded since the last take."""
        calls, self.calls = self.calls, []
        return calls

    def attach(self, client) -> None:
        self.clients.append((client.meta.service_model.service_name, self.label))
        events = client.meta.events
        events.register("before-parameter-build", self._params)
        events.register("before-call", self._start)
        events.register("after-call", self._end)

    def _params(self, params, model, context, **_):
        call = Call(model.service_model.service_name, model.name, params, self.label)
        context["bench_call"] = call
        self.calls.append(call)

    def _start(self, context, **_):
        context["bench_started"] = time.perf_counter()
        context["bench_cpu"] = time.thread_time()
        if "bench_call" in context:
            context["bench_call"].started = context["bench_started"]

    def _end(self, context, http_response=None, **_):
        if "bench_call" in context and "bench_started" in context:
            context["bench_call"].seconds = time.perf_counter() - context["bench_started"]
            context["bench_call"].cpu_seconds = time.thread_time() - context["bench_cpu"]
            context["bench_call"].status = getattr(http_response, "status_code", 0)


RECORDER = Recorder()


def install() -> Recorder:
    """Hooks every client created from now on (idempotent)."""
    create_client = botocore.session.Session.create_client
    if getattr(create_client, "bench_hooked", False):
        return RECORDER

    def hooked(self, *args, **kwargs):
        client = create_client(self, *args, **kwargs)
        RECORDER.attach(client)
        return client

    hooked.bench_hooked = True
    botocore.session.Session.create_client = hooked
    return RECORDER
