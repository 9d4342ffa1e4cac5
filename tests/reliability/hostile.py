"""Hypothesis strategies for envelopes no marketplace service should send: each is invalid by construction.

A valid envelope of each type (for a registered seller in DE) gets one defect: a missing or
extra field, a value of the wrong type, a huge or non-ASCII identifier, a timestamp in the
future, before CSBA, without a zone or as an epoch number, another marketplace's currency, an
unknown type or marketplace; or the body is not a JSON object at all.
"""
import json
from datetime import datetime, timedelta, timezone

from hypothesis import strategies as st

from tests.support import events as ev

SELLER = "H1"
NOT_A_STRING = st.one_of(st.integers(), st.floats(allow_nan=False), st.booleans(), st.lists(st.integers(), max_size=3),
                         st.dictionaries(st.text(max_size=5), st.integers(), max_size=2))
NOT_A_BOOL = st.one_of(st.integers(), st.text(max_size=10), st.floats(allow_nan=False), st.none())
NOT_UNITS = st.one_of(st.integers(max_value=0), st.integers(min_value=100_001), st.text(max_size=10),
                      st.floats(allow_nan=False), st.booleans(), st.none())
NON_ASCII_ID = st.text(min_size=1, max_size=40).filter(lambda s: not s.isascii())
HUGE_ID = st.integers(min_value=129, max_value=20_000).map(lambda n: "A" * n)


def at(days_from_now: float) -> str:
    return (datetime.now(timezone.utc) + timedelta(days=days_from_now)).isoformat().replace("+00:00", "Z")


def valid_envelopes() -> list[dict]:
    """One valid envelope per type; only their defective variants are ever sent."""
    kw = {"seller_id": SELLER, "occurred_at": at(-5)}
    return [ev.seller_registered(SELLER, occurred_at=at(-5)), ev.seller_status_changed("active", **kw),
            ev.order_placed("HO1", **kw), ev.order_shipped("HO1", **kw), ev.return_requested("HO1", "HR1", **kw),
            ev.contact_created("HC1", "HO1", **kw), ev.contact_responded("HC1", at(-4), seller_id=SELLER),
            ev.contact_resolved("HC1", **kw), ev.survey_answered("HC1", True, **kw)]


STRING_FIELDS = {"event_id", "type", "marketplace_id", "seller_id", "order_id", "contact_id", "return_id", "country",
                 "status", "fulfillment_channel", "channel", "language", "topic", "message", "resolution"}
BOOL_FIELDS = {"seller_fulfilled_prime", "tracking_valid", "prepaid_label", "solved"}
ID_FIELDS = {"event_id", "seller_id", "order_id", "contact_id", "return_id"}
TIMESTAMPS = {"occurred_at", "responded_at"}
BAD_TIMESTAMP = st.one_of(
    st.floats(min_value=2, max_value=5000).map(at),  # the future
    st.sampled_from(["2020-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "0001-01-01T00:00:00Z"]),  # before CSBA
    st.integers(min_value=1_640_000_000, max_value=1_790_000_000),  # epoch numbers of plausible times
    st.floats(min_value=1.64e9, max_value=1.79e9), st.integers(1_640_000_000, 1_790_000_000).map(str),
    st.sampled_from(["2026-10-03T12:00:00", "2026-10-03", "yesterday", "", "2026-13-45T99:00:00Z"]))
OTHER_CURRENCY = st.sampled_from(["GBP", "JPY", "USD", "eur", "EURO", "XXX"])


@st.composite
def defective_envelope(draw) -> str:
    envelope = json.loads(json.dumps(draw(st.sampled_from(valid_envelopes()))))
    detail = envelope["detail"]
    defect = draw(st.sampled_from(["missing", "extra", "wrong type", "huge id", "unicode id", "timestamp",
                                   "currency", "unknown type", "unknown marketplace"]))
    if defect == "missing":
        fields = [("envelope", k) for k in envelope] + [("detail", k) for k in detail]  # all required
        where, key = draw(st.sampled_from(fields))
        del (envelope if where == "envelope" else detail)[key]
    elif defect == "extra":
        envelope[draw(st.text(min_size=1, max_size=20).filter(lambda k: k not in envelope))] = draw(NOT_A_STRING)
    elif defect == "wrong type":
        key = draw(st.sampled_from(sorted(set(detail) | {"event_id", "seller_id", "detail"})))
        target = detail if key in detail else envelope
        target[key] = draw(_wrong_value(key))
    elif defect in ("huge id", "unicode id"):
        key = draw(st.sampled_from(sorted(ID_FIELDS & (set(envelope) | set(detail)))))
        (detail if key in detail else envelope)[key] = draw(HUGE_ID if defect == "huge id" else NON_ASCII_ID)
    elif defect == "timestamp":
        key = draw(st.sampled_from(sorted(TIMESTAMPS & (set(envelope) | set(detail)))))
        (detail if key in detail else envelope)[key] = draw(BAD_TIMESTAMP)
    elif defect == "currency":
        envelope = json.loads(json.dumps(valid_envelopes()[2]))
        envelope["detail"]["order_total"]["currency"] = draw(OTHER_CURRENCY)
    elif defect == "unknown type":
        envelope["type"] = draw(st.text(max_size=30).filter(lambda t: t not in ALL_TYPES))
    else:
        envelope["marketplace_id"] = draw(st.one_of(st.sampled_from(["ATVPDKIKX0DEX", "A2EUQ1WTGCTBG2", ""]),
                                                    st.text(max_size=20)))
    return json.dumps(envelope)


ALL_TYPES = {e["type"] for e in valid_envelopes()}


def _wrong_value(key: str):
    if key in BOOL_FIELDS:
        return NOT_A_BOOL
    if key == "units":
        return NOT_UNITS
    if key == "detail":
        return st.one_of(NOT_A_STRING.filter(lambda v: not isinstance(v, dict)), st.text(max_size=10), st.none())
    if key in STRING_FIELDS:
        return st.one_of(NOT_A_STRING, st.none())
    return st.one_of(st.integers(), st.booleans(), st.lists(st.integers(), min_size=1, max_size=2))


def not_an_object() -> st.SearchStrategy[str]:
    """Bodies that are not an envelope at all: other JSON values, broken JSON, huge bodies."""
    return st.one_of(st.text(max_size=50).filter(lambda t: not t.strip().startswith("{")),
                     st.lists(st.integers(), max_size=3).map(json.dumps), st.sampled_from(["{", "null", '{"a":'] ),
                     st.integers(min_value=10_000, max_value=200_000).map(lambda n: json.dumps({"event_id": "x" * n})))
