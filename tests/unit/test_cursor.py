"""The contacts list's opaque cursor: what it issues it takes back; anything else is bad input."""
import pytest

from chalicelib.domain.errors import InvalidInput
from chalicelib.services.contacts import decode_cursor, encode_cursor

KEY = {"seller_id": "S1", "created_key": "2026-10-05T01:00:00Z#C1", "contact_id": "C1"}


def test_a_cursor_the_api_issued_gives_back_its_position():
    # Given
    cursor = encode_cursor(KEY)
    # When / Then
    assert "=" not in cursor and decode_cursor(cursor, "S1") == KEY


def test_the_end_of_the_list_has_no_cursor():
    assert encode_cursor(None) is None


def test_a_cursor_of_another_sellers_list_is_refused():
    with pytest.raises(InvalidInput):
        decode_cursor(encode_cursor(KEY), "S2")


@pytest.mark.parametrize("cursor", ["", "a", "a b", "x" * 2000, encode_cursor(KEY)[:-3] + "???",
                                    encode_cursor(KEY)[:-6]])
def test_a_tampered_or_truncated_cursor_is_refused(cursor):
    with pytest.raises(InvalidInput):
        decode_cursor(cursor, "S1")


@pytest.mark.parametrize("key", [{**KEY, "extra": "x"}, {**KEY, "contact_id": 7}, {**KEY, "contact_id": ""}])
def test_a_cursor_with_other_keys_or_values_is_refused(key):
    with pytest.raises(InvalidInput):
        decode_cursor(encode_cursor(key), "S1")
