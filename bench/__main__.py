"""`python -m bench [--full] [--only 1,2,...]`: every figure of issue 8 with its budget and verdict.

Budgets are read, not enforced: the exit status is 0 unless a section crashed.
"""
import argparse
import time
import traceback

from bench import report
from bench.stage import enter_local_stage

DEFAULT_CLOSE = (300, 3000)  # within the bench's two minutes; --full closes the 1,000 and 10,000


def parse(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--full", action="store_true",
                        help="monthly close at 1,000 and 10,000 sellers (about 5 minutes) instead of 300 and 3,000")
    parser.add_argument("--close-sellers", metavar="SMALL,LARGE",
                        help="the two close sizes, e.g. 1000,3000 (the growth is then normalised to 10x sellers)")
    parser.add_argument("--only", default="1,2,3,4,5,6,7", help="the figures to measure, e.g. 2,3")
    return parser.parse_args(argv)


def sections(args, wanted: set[str]) -> list:
    """The sections to run, in order; figure 4 reuses the close that figures 2 and 3 end with."""
    from bench import api_latency, close, cold_start, events_path, first_invocation, hot_keys, messaging

    shared = {}
    return [
        ({"1"}, cold_start.run),
        ({"1"}, first_invocation.run),
        ({"2", "3"}, lambda: shared.update(busy=events_path.run(wanted & {"2", "3"}))),
        ({"4"}, lambda: close.run(close_sizes(args), shared.get("busy"))),
        ({"5"}, api_latency.run),
        ({"6"}, messaging.run),
        ({"7"}, hot_keys.run),
    ]


def close_sizes(args) -> tuple[int, int]:
    if args.close_sellers:
        small, large = (int(n) for n in args.close_sellers.split(","))
        return small, large
    return (1000, 10_000) if args.full else DEFAULT_CLOSE


def main(argv=None) -> int:
    args = parse(argv)
    enter_local_stage()
    from simulation import recorder

    recorder.install()  # before any AWS client exists
    report.machine()
    started, crashed = time.perf_counter(), 0
    wanted = set(args.only.split(","))
    for keys, section in sections(args, wanted):
        if keys & wanted:
            try:
                section()
            except Exception:  # a crashed section is reported; the others still run
                traceback.print_exc()
                crashed += 1
    print(f"\nbench took {time.perf_counter() - started:.0f} s", flush=True)
    return 1 if crashed else 0


if __name__ == "__main__":
    raise SystemExit(main())
