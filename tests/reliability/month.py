"""A scripted month (October 2026) for 50 sellers across DE, UK and JP, in causal order.

The mix and causal rules of simulation/workload.py (a shipment needs a placed order, a response an
open contact, ...), with three currencies, registrations in June (their 90-day trial is over
by October, so units are billed) and a few large sellers (above the 30 orders that make a
month billable under policy 2026-05).
"""
import random
from datetime import datetime, timezone

from simulation.workload import Stream

MARKETS = {"A1PA6795UKMFR9": ("DE", "de-DE", "EUR"), "A1F83G8C2ARO7P": ("GB", "en-GB", "GBP"),
           "A1VC38T7YXB528": ("JP", "ja-JP", "JPY")}
REGISTERED = datetime(2026, 6, 1, tzinfo=timezone.utc)
SELLERS, LARGE_SELLERS, LARGE_WEIGHT = 50, 3, 20


def scripted_month(events: int, seed: int = 10) -> list[dict]:
    """`events` envelopes, the first 50 SellerRegistered; deterministic for a seed."""
    markets = list(MARKETS)
    market_of = {f"rS{i:03d}": markets[i % len(markets)] for i in range(SELLERS)}
    weights = [LARGE_WEIGHT if i < LARGE_SELLERS else 1 for i in range(SELLERS)]
    return Stream(random.Random(seed), "r", market_of, MARKETS, weights, REGISTERED).events(events)
