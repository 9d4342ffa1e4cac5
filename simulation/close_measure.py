"""A monthly close and its billing as measured (bench/close_run.py measures one): handler time and CPU, and
every AWS request by job.

The close job reads its shards in parallel (chalicelib/adapters/shards.py: 4 months x 29 shard
queries per marketplace, one page ahead each on a pool of threads), so the handlers' requests
overlap, and in-process moto does each request's work on the requesting thread. Their summed wall
times then exceed the handler time (at 3,000 sellers 450 s of requests in 118 s of handlers: each
of ~30 queries in flight waits for the GIL the others hold), and "handler time minus the requests'
time" was the difference of two negative numbers, its ratio meaningless. What the handlers spend
outside AWS is measured instead in CPU time, which adds up across threads: the process's CPU in
the handlers minus the CPU each requesting thread spent inside its requests (`Call.cpu_seconds`,
from `before-call` to `after-call`: moto's work, and botocore's sending and parsing). Every CPU
second is thus charged once, to the request that ran it or to our code, whatever overlaps, and
the other processes of a shared machine move it little. The wall time with at least one request
in flight (`aws_seconds`, overlaps counted once) is shown beside it; it cannot split the two,
since our code (merging the shards' pages) runs while read-aheads are in flight and in-process
moto and our code take turns on one GIL.
"""
from dataclasses import dataclass

from simulation.recorder import Call


@dataclass
class CloseRun:
    title: str
    sellers: int
    invoices: int
    seconds: float  # in the handlers
    cpu_seconds: float  # the process's CPU time in the handlers
    calls: list[Call]  # the handlers' AWS requests

    @property
    def dynamo(self) -> list[Call]:
        return [c for c in self.calls if c.service == "dynamodb"]

    @property
    def payments(self) -> int:
        """Charged invoices: each sends InvoiceIssued and marks its outbox item sent (one DeleteItem)."""
        return sum(1 for c in self.dynamo if c.operation == "DeleteItem" and (c.table or "").endswith("-outbox"))

    @property
    def aws_seconds(self) -> float:
        """Wall time with at least one of the handlers' AWS requests in flight (overlaps once)."""
        return in_flight(self.calls)

    @property
    def aws_cpu_seconds(self) -> float:
        """CPU time of the requesting threads inside the requests (in-process: the emulator's work)."""
        return sum(c.cpu_seconds for c in self.calls)

    @property
    def cpu_outside_aws(self) -> float:
        return self.cpu_seconds - self.aws_cpu_seconds

    def ms_per_seller(self) -> float:
        return self.seconds / self.invoices * 1000

    def per_seller(self, payments_aside: bool = False) -> float:
        return (len(self.dynamo) - (self.payments if payments_aside else 0)) / self.invoices


def in_flight(calls: list[Call]) -> float:
    """Seconds during which at least one of `calls` was under way: overlapping requests counted once."""
    total, reached = 0.0, float("-inf")
    for begin, end in sorted((c.started, c.started + c.seconds) for c in calls):
        total += max(0.0, end - max(begin, reached))
        reached = max(reached, end)
    return total
