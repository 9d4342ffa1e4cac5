"""Contacts: where each goes (DESIGN section 4) and what it counts (section 6), in domain time.

CSBA counts a contact on a CSBA order whose topic is not excluded; its first response
(the earliest `responded_at`) is measured in the month of that response; its survey counts
the latest answer, in the month of the first answer. Contacts routed to the seller are
counted apart (`seller_contacts`, in the month they were created), with the seller's first
reply through the inbox (`seller_replies`, within 24 h or not, in the contact's month);
contacts on AFN orders go to Amazon CS and count nowhere.
"""
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from tests.model.policy_data import EXCLUDED_TOPICS, MARKETPLACES, PREVENTABLE
from tests.model.validity import instant

DAY = timedelta(hours=24)


def destination(history, event: dict) -> tuple[str, str | None]:
    """("csba" | "fba" | "seller", the seller's reason)."""
    d = event["detail"]
    if d["order_id"] is None:
        covers = MARKETPLACES[event["marketplace_id"]][3]
        enrolled = history.enrolled_at(event["seller_id"], event["marketplace_id"], instant(event["occurred_at"]))
        return ("csba", None) if covers and enrolled else ("seller", "pre_order_not_covered")
    order = history.orders[d["order_id"]]
    if order["channel"] == "AFN":
        return "fba", None
    if order["channel"] == "MCF":
        return "seller", "mcf"
    if order["sfp"]:
        return "seller", "seller_fulfilled_prime"
    if not order["csba"]:
        return "seller", "not_enrolled"
    return ("seller", "excluded_topic") if d["topic"] in EXCLUDED_TOPICS else ("csba", None)


def count_contacts(history) -> dict:
    contacts = {}
    for e in history.by_type["ContactCreated"]:
        d = e["detail"]
        if d["contact_id"] in contacts or (d["order_id"] is not None and d["order_id"] not in history.orders):
            continue  # announced twice, or on an order never placed (retried for ever)
        where, reason = destination(history, e)
        at, seller, market = instant(e["occurred_at"]), e["seller_id"], e["marketplace_id"]
        contacts[d["contact_id"]] = {"seller": seller, "market": market, "at": at, "to": where, "reason": reason}
        if where == "csba":
            history.count(seller, market, at, contacts=1, contacts_preventable=int(d["topic"] in PREVENTABLE))
        elif where == "seller":
            history.routed_to_seller.append((seller, market, at, reason))
            history.count(seller, market, at, seller_contacts=1)
    _count_responses(history, contacts)
    _count_surveys(history, contacts)
    _count_replies(history, contacts)
    return contacts


def _count_replies(history, contacts: dict) -> None:
    """The seller's first reply through the inbox to a contact routed to it, in the contact's month."""
    replied = set()
    for action in history.actions:  # in time order: the first reply is the earliest
        contact = contacts.get(action.contact_id)
        if action.kind == "reply" and contact and contact["to"] == "seller" and action.contact_id not in replied:
            replied.add(action.contact_id)
            history.count(contact["seller"], contact["market"], contact["at"], seller_replies=1,
                          seller_replies_within_24h=int(action.at - contact["at"] <= DAY))


def _count_responses(history, contacts: dict) -> None:
    first = {}
    for e in history.by_type["ContactResponded"]:
        contact_id, at = e["detail"]["contact_id"], instant(e["detail"]["responded_at"])
        if contact_id in contacts and (contact_id not in first or at < first[contact_id]):
            first[contact_id] = at
    for contact_id, at in first.items():
        contact = contacts[contact_id]
        if contact["to"] == "csba":
            waited = at - contact["at"]
            minutes = int((Decimal(waited.total_seconds()) / 60).quantize(Decimal(1), rounding=ROUND_HALF_UP))
            history.count(contact["seller"], contact["market"], at, responses=1,
                          responses_within_24h=int(waited <= DAY), response_minutes_total=max(0, minutes))


def _count_surveys(history, contacts: dict) -> None:
    answers = {}
    for e in history.by_type["SurveyAnswered"]:
        if e["detail"]["contact_id"] in contacts:
            answers.setdefault(e["detail"]["contact_id"], []).append((instant(e["occurred_at"]), e["detail"]["solved"]))
    for contact_id, given in answers.items():
        contact = contacts[contact_id]
        if contact["to"] == "csba":
            first_at, latest = min(given)[0], max(given)[1]
            history.count(contact["seller"], contact["market"], first_at, survey_answers=1, survey_no=int(not latest))
