"""`up`: all of `make run` in one process, stopped by Ctrl-C (SIGINT) or SIGTERM.

moto server on 127.0.0.1:<aws-port> (in-process, so nothing outlives us), every table and
queue of infra/template.yaml created in it, the API served as `chalice local --stage local`
serves it on 127.0.0.1:<port>, and a delivery thread per queue feeding the app's SQS handlers.
"""
import logging
import os
import signal
import sys
import threading
from contextlib import ExitStack

import boto3
from botocore.exceptions import ClientError

from infra import delivery, moto_server, resources
from infra.local_server import HttpServer, LoadedApp, load_app
from infra.local_stage import REGION, STAGE, fake_aws_env, short_name

log = logging.getLogger("infra.local")
CONTRACT_HANDLERS = ("marketplace_events", "billing_jobs", "monthly_close", "daily_sweep")


def up(port: int = 8000, aws_port: int = 5000, retry_after: int = delivery.DEFAULT_RETRY_AFTER) -> int:
    """Run everything until SIGINT/SIGTERM, then stop it all; returns the exit status."""
    _configure_logging()
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    moto_server.require_free(port)
    with ExitStack() as running:
        moto = moto_server.start(aws_port)
        running.callback(moto.stop)
        endpoint = moto_server.endpoint_of(aws_port)
        os.environ.update(fake_aws_env(endpoint))
        resources.create_all(STAGE, boto3.session.Session())
        loaded = load_app()
        http = HttpServer(loaded, moto_server.HOST, port).start()
        running.callback(http.stop)
        sqs = boto3.client("sqs")
        consumers = bind_consumers(loaded, sqs)
        for consumer in consumers:  # one poller per queue, as Lambda's: an idle queue's long poll stalls no other
            worker = threading.Thread(target=delivery.run, args=(sqs, [consumer], stop, retry_after),
                                      name=f"csba-delivery-{consumer.name}", daemon=True)
            worker.start()
            running.callback(worker.join, 10)
        running.callback(stop.set)
        print(banner(http.url, endpoint, loaded, consumers, retry_after), flush=True)
        while not stop.wait(0.5):
            pass
        print("stopping: HTTP server, delivery, moto server", flush=True)
    return 0


def bind_consumers(loaded: LoadedApp, sqs) -> list[delivery.Consumer]:
    """A Consumer for each SQS event source of the app whose handler and queue exist."""
    consumers = []
    for source in loaded.sources("SQSEventConfig"):
        handler = loaded.handler(source.name)
        queue = source.queue or source.queue_arn.rsplit(":", 1)[-1]
        if handler is None:
            log.warning("%s: registered but not found in app.py; not delivered", source.name)
            continue
        try:
            consumers.append(delivery.Consumer.bind(sqs, source.name, queue, handler, source.batch_size))
        except ClientError as error:
            log.warning("%s: queue %s unavailable (%s); not delivered", source.name, queue, error)
    return consumers


def banner(api: str, endpoint: str, loaded: LoadedApp, consumers, retry_after: int) -> str:
    """What runs where, and commands to try from another shell."""
    delivered = ", ".join(f"{c.name} <- {short_name(c.queue_url.rsplit('/', 1)[-1])}" for c in consumers)
    schedules = ", ".join(loaded.schedules()) or "none yet"
    missing = [name for name in CONTRACT_HANDLERS if loaded.handler(name) is None]
    waits = ", ".join(f"{delivery.retry_wait(retry_after, n)}s" for n in range(1, 5))
    return "\n".join([
        "", "csba local stage is up (its data lives in memory: Ctrl-C forgets it)",
        f"  API          {api}    (curl {api}/health)",
        f"  AWS (moto)   {endpoint}    (region {REGION}, any credentials, e.g. testing/testing)",
        f"  delivering   {delivered or 'nothing yet'}; a failed record is retried after {waits} "
        "and goes to the DLQ at its 5th failure",
        f"  schedules    {schedules} (run with `fire`)",
        f"  console      {api}/console    sign in with this seller token (S1, valid an hour):",
        f"  {seller_token('S1')}",
        *([f"  not in app.py yet: {', '.join(missing)}"] if missing else []),
        "", "from another shell (in this directory):",
        f"  export AWS_ENDPOINT_URL={endpoint} AWS_DEFAULT_REGION={REGION} "
        "AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing",
        "  .venv/bin/python -m infra.local seed        # sellers, months, invoices, refunds: every screen with data",
        "  TOKEN=$(.venv/bin/python -m infra.local token --role seller --sub S1)",
        f'  curl -H "Authorization: Bearer $TOKEN" {api}/sellers/S1/enrollments',
        "  .venv/bin/python -m infra.local send events/envelopes/SellerRegistered.json",
        "  .venv/bin/python -m infra.local peek marketplace-events-dlq",
        "  .venv/bin/python -m infra.local fire daily_sweep --at 2026-11-01T06:00:00Z",
        "  aws sqs list-queues        # the AWS CLI works against the embedded AWS with the variables above",
        "", "Ctrl-C stops everything.", ""])


def seller_token(seller_id: str) -> str:
    """A local token for the seller console and curl, as `python -m infra.local token` makes."""
    from chalicelib import settings
    from chalicelib.adapters.tokens import issue_local_token

    return issue_local_token(settings.current(), seller_id, "seller")


def _configure_logging() -> None:
    logging.basicConfig(stream=sys.stdout, level=logging.INFO, format="%(asctime)s %(message)s",
                        datefmt="%H:%M:%S")
    for noisy in ("werkzeug", "botocore", "boto3", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
