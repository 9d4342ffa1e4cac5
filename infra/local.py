"""The local runner: `python -m infra.local <subcommand>` (DESIGN section 9).

  up                 embedded AWS + resources + API + queue delivery; Ctrl-C stops it all
  create-resources   every table and queue of infra/template.yaml at AWS_ENDPOINT_URL
  send FILE          envelope(s) onto the marketplace events queue
  fire NAME --at T   a schedule, run as EventBridge would at time T
  token              a local bearer token valid for an hour
  peek QUEUE         the messages waiting on a queue or DLQ, left in place and uncounted
  seed               a realistic history in the running stack (sellers, months, invoices, refunds)
  dlq list           each dead-letter queue, how many messages wait on it and its source queue
  dlq redrive QUEUE  every message of dead-letter queue QUEUE back onto its source queue

Every subcommand uses the `local` stage of .chalice/config.json. send, peek and fire talk to
AWS_ENDPOINT_URL, by default http://127.0.0.1:5000 (the moto server `up` starts).
"""
import argparse
import sys

from infra import local_commands as commands
from infra.delivery import DEFAULT_RETRY_AFTER
from infra.local_server import AppNotLoaded
from infra.local_stage import UnknownQueue, applied_env
from infra.moto_server import PortBusy

EXPECTED_FAILURES = (commands.CommandError, UnknownQueue, AppNotLoaded, PortBusy, FileNotFoundError)


def parser() -> argparse.ArgumentParser:
    """The command line: one sub-parser per subcommand, each naming the function it runs."""
    top = argparse.ArgumentParser(prog="python -m infra.local", description=__doc__.split("\n\n")[0],
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = top.add_subparsers(dest="command", required=True, metavar="SUBCOMMAND")

    up = sub.add_parser("up", help="run everything `make run` promises, until Ctrl-C")
    up.add_argument("--port", type=int, default=8000, help="API port on 127.0.0.1 (default 8000)")
    up.add_argument("--aws-port", type=int, default=5000, help="moto server port on 127.0.0.1 (default 5000)")
    up.add_argument("--retry-after", type=int, default=DEFAULT_RETRY_AFTER, metavar="SECONDS",
                    help="when a failed record is first delivered again, doubling at each failure "
                         "(default %(default)s: 15, 30, 60, 120 s; AWS waits the queue's VisibilityTimeout, 360 s)")
    up.set_defaults(run=lambda a: _up(a.port, a.aws_port, a.retry_after))

    create = sub.add_parser("create-resources", help="create every table and queue at AWS_ENDPOINT_URL")
    create.set_defaults(run=lambda a: commands.create_resources())

    send = sub.add_parser("send", help="put the envelope(s) in FILE on the marketplace events queue")
    send.add_argument("file", metavar="FILE", help="JSON: one envelope or a list of envelopes")
    send.set_defaults(run=lambda a: commands.send(a.file))

    fire = sub.add_parser("fire", help="run a schedule as EventBridge would at a given time")
    fire.add_argument("name", metavar="NAME", help="schedule: monthly_close, daily_sweep or weekly_insights")
    fire.add_argument("--at", required=True, metavar="TIME", help="ISO 8601, e.g. 2026-11-01T00:00:00Z")
    fire.add_argument("--detail", metavar="JSON", help="event detail, e.g. '{\"month\": \"2026-10\"}'; a "
                      "correction: '{\"month\": \"2026-10\", \"reclose\": true}' (optionally \"seller_id\")")
    fire.set_defaults(run=lambda a: commands.fire(a.name, a.at, a.detail))

    token = sub.add_parser("token", help="print a local bearer token")
    token.add_argument("--role", required=True, help="seller, agent or supervisor")
    token.add_argument("--sub", required=True, metavar="ID", help="the seller id for sellers")
    token.add_argument("--lifetime", type=int, default=3600, metavar="SECONDS", help="default an hour")
    token.set_defaults(run=lambda a: commands.token(a.role, a.sub, a.lifetime))

    seed = sub.add_parser("seed", help="fill the running stack with months of history, and print tokens")
    seed.add_argument("--api", default="http://127.0.0.1:8000", help="the running API (default %(default)s)")
    seed.set_defaults(run=lambda a: _seed(a.api))

    peek = sub.add_parser("peek", help="print the messages waiting on a queue or DLQ, leaving them")
    peek.add_argument("queue", metavar="QUEUE",
                      help="payments, marketplace-events-dlq, PAYMENTS_QUEUE or a full queue name")
    peek.set_defaults(run=lambda a: _peek(a.queue))

    dlq = sub.add_parser("dlq", help="list dead-letter queues, or redrive one to its source queue")
    dlq_sub = dlq.add_subparsers(dest="dlq_command", required=True, metavar="ACTION")
    dlq_sub.add_parser("list", help="each DLQ with its message count and source queue").set_defaults(
        run=lambda a: _dlq().dlq_list())
    redrive = dlq_sub.add_parser("redrive", help="move every message of a DLQ back to its source queue")
    redrive.add_argument("queue", metavar="QUEUE", help="e.g. marketplace-events-dlq or MARKETPLACE_EVENTS_DLQ")
    redrive.set_defaults(run=lambda a: _dlq().redrive(a.queue))
    return top


def _up(port: int, aws_port: int, retry_after: int) -> int:
    from infra.local_up import up

    return up(port, aws_port, retry_after)


def _peek(queue: str):
    from infra.local_peek import peek

    return peek(queue)


def _seed(api: str):
    from infra.local_seed import seed

    return seed(api)


def _dlq():
    from infra import local_dlq

    return local_dlq


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand with the local stage's environment; 0 on success, 1 on a known failure."""
    args = parser().parse_args(argv)
    try:
        with applied_env():
            args.run(args)
    except EXPECTED_FAILURES as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
