"""The events the console's browser test sends through the queue: three sellers' last month.

S1 (DE) has a poor month: 30 orders of 2 units, 6 of its 30 shipments without valid tracking (80%: red) and one
preventable contact in 60 units (1.67%: yellow), answered in two hours and solved (green). Billed 60 units at the
not-enough-data rate 0.41 EUR, 19% German VAT: 24.60 + 4.67 = 29.27 EUR. S3 (DE) is a tidy seller, so the
marketplace average differs from S1. S2 (JP) has 5 orders: 5 x 65 JPY, waived (fewer than 30 orders).
"""
from datetime import date, timedelta

from tests.support import events as ev

S1_TOTAL = "29.27"


def month_events(month: str) -> list[dict]:
    registered = (date.fromisoformat(f"{month}-01") - timedelta(days=200)).isoformat() + "T09:00:00Z"
    at = lambda day, hour: f"{month}-{day:02}T{hour:02}:00:00Z"  # noqa: E731
    s1 = [ev.seller_registered("S1", ev.DE, "DE", occurred_at=registered)]
    for n in range(30):
        s1 += [ev.order_placed(f"S1-O{n}", units=2, seller_id="S1", occurred_at=at(2 + n % 20, 8)),
               ev.order_shipped(f"S1-O{n}", units=2, tracking_valid=n >= 6, seller_id="S1",
                                occurred_at=at(3 + n % 20, 8))]
    s1 += [ev.contact_created("S1-C1", "S1-O1", topic="damaged", seller_id="S1", occurred_at=at(10, 9)),
           ev.contact_responded("S1-C1", at(10, 11), seller_id="S1"),
           ev.survey_answered("S1-C1", True, seller_id="S1", occurred_at=at(11, 9))]
    s2 = [ev.seller_registered("S2", ev.JP, "JP", occurred_at=registered)]
    for n in range(5):
        s2 += [ev.order_placed(f"S2-O{n}", total="3000", currency="JPY", seller_id="S2", marketplace_id=ev.JP,
                               occurred_at=at(4 + n, 8)),
               ev.order_shipped(f"S2-O{n}", seller_id="S2", marketplace_id=ev.JP, occurred_at=at(5 + n, 8))]
    s3 = [ev.seller_registered("S3", ev.DE, "DE", occurred_at=registered)]
    for n in range(10):
        s3 += [ev.order_placed(f"S3-O{n}", units=3, seller_id="S3", occurred_at=at(2 + n, 8)),
               ev.order_shipped(f"S3-O{n}", units=3, seller_id="S3", occurred_at=at(3 + n, 8))]
    return s1 + s2 + s3


# What the counters show once every event above is processed: seller -> (marketplace, shipments).
SHIPMENTS = {"S1": (ev.DE, 30), "S2": (ev.JP, 5), "S3": (ev.DE, 10)}
