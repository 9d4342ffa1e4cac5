"""The rules several entry points share, each in one place of the domain: ids, months, roles, enrolment."""
from datetime import date, datetime, timezone

import pytest

from chalicelib.domain.enrollment import Enrollment, Interval, enrolled
from chalicelib.domain.errors import Forbidden, InvalidInput
from chalicelib.domain.identifiers import ASIN, DOCUMENT_MAX_LENGTH, EVENT_ID, ID, MAX_LENGTH, SELLER_ID, is_id
from chalicelib.domain.identity import ROLES, STAFF, SUPERVISORS, Caller
from chalicelib.domain.months import check_month, first_day, parse_month

AT = datetime(2026, 10, 3, tzinfo=timezone.utc)


@pytest.mark.parametrize("value, kind, expected", [
    ("O-1.a_b", ID, True), ("x" * MAX_LENGTH, ID, True), ("x" * (MAX_LENGTH + 1), ID, False), ("", ID, False),
    ("-O1", ID, False), ("O 1", ID, False), ("O1\n", ID, False), ("Ｏ1", ID, False), (7, ID, False),
    ("S1.a", SELLER_ID, False), ("S1_a-b", SELLER_ID, True), ("urn:e#1/2", EVENT_ID, True),
    ("e" * (MAX_LENGTH + 1), EVENT_ID, False), ("B000000001", ASIN, True), ("b000000001", ASIN, False)])
def test_an_id_is_a_letter_or_digit_then_its_kinds_characters_up_to_64(value, kind, expected):
    assert is_id(value, kind) is expected


def test_an_invoice_id_may_reach_128_characters_as_it_holds_a_seller_id():
    invoice_id = f"INV-{'S' * MAX_LENGTH}-A1PA6795UKMFR9-2026-10-2"
    assert is_id(invoice_id, ID, DOCUMENT_MAX_LENGTH) and not is_id(invoice_id, ID)


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "2026-1", "26-10", "２０２６-10", 202610, None, "2026-10 "])
def test_a_month_is_yyyy_mm_in_ascii_digits(text):
    with pytest.raises(InvalidInput, match="must be YYYY-MM"):
        check_month(text)


def test_a_month_before_csba_is_refused_where_callers_name_one_and_its_first_day_is_known():
    assert check_month("2020-01") == "2020-01" and first_day("2026-02") == date(2026, 2, 1)
    with pytest.raises(InvalidInput, match="before CSBA began"):
        parse_month("2021-10")
    assert parse_month("2021-11") == "2021-11"


@pytest.mark.parametrize("role, roles, allowed", [
    ("agent", STAFF, True), ("supervisor", STAFF, True), ("seller", STAFF, False), ("agent", SUPERVISORS, False),
    ("seller", ROLES, True), ("admin", ROLES, False), ("", STAFF, False)])
def test_a_route_for_some_roles_refuses_the_others_naming_them(role, roles, allowed):
    caller = Caller("A1", role)
    if allowed:
        assert caller.require(roles) is caller
    else:
        with pytest.raises(Forbidden, match="this route is for .*supervisor tokens"):
            caller.require(roles)


def test_the_refusal_names_the_roles_in_order():
    with pytest.raises(Forbidden, match="^this route is for seller, agent or supervisor tokens$"):
        Caller("X", "admin").require(ROLES)
    with pytest.raises(Forbidden, match="^this route is for agent or supervisor tokens$"):
        Caller("S1", "seller").require(STAFF)


def test_a_seller_is_enrolled_at_an_instant_inside_one_of_its_intervals_only():
    enrollment = Enrollment("S1", "DE", AT, (Interval(AT, datetime(2026, 11, 1, tzinfo=timezone.utc)),))
    assert enrolled(enrollment, AT) and not enrolled(enrollment, datetime(2026, 11, 1, tzinfo=timezone.utc))
    assert not enrolled(None, AT)
