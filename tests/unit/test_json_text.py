"""Every outside body is read by one function that fails only with InvalidInput, whatever its size or depth."""
import json

import pytest
from hypothesis import given, settings, strategies as st

from chalicelib.adapters.queues import SQS_MAX_BYTES, _fitting, _not_sqs_text
from chalicelib.domain.errors import InvalidInput
from chalicelib.json_text import MAX_DEPTH, read_json

JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
                    max_leaves=20)


@settings(deadline=None)
@given(value=JSON)
def test_shallow_json_reads_back_as_itself(value):
    text = json.dumps(value)
    if text.count("[") + text.count("{") <= MAX_DEPTH:  # at most that deep, whatever the strings hold
        assert read_json(text) == value


@pytest.mark.parametrize("text", ["[" * 5000 + "]" * 5000, '{"a":' * 1000 + "1" + "}" * 1000, "[" * 300_000,
                                  "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), b"\xff\xfe", None, 12, "{",
                                  '"' + "x" * 200_000 + '"', "\ud800"])
def test_what_cannot_be_read_is_invalid_input_with_a_reason(text):
    with pytest.raises(InvalidInput, match="body"):
        read_json(text)


def test_brackets_inside_strings_do_not_count_as_depth():
    assert read_json(json.dumps({"message": "[[[[" * 100 + '\\"{{{{' * 100})) == {"message": "[[[[" * 100 + '\\"{{{{' * 100}


@settings(deadline=None)
@given(body_bytes=st.integers(min_value=0, max_value=SQS_MAX_BYTES), reason=st.text(min_size=1, max_size=1000))
def test_dead_letter_attributes_are_shortened_to_fit_beside_the_body_in_characters_sqs_accepts(body_bytes, reason):
    body = "x" * body_bytes
    attributes = dict(_fitting(body, {"reason": reason, "source_message_id": "m" * 36}))
    size = body_bytes + sum(len(k) + len("String") + len(v.encode()) for k, v in attributes.items())
    assert size <= SQS_MAX_BYTES
    assert _not_sqs_text().sub("?", reason).startswith(attributes.get("reason", ""))  # characters SQS refuses as "?"
