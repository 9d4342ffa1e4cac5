"""The messaging rules on a labelled corpus (precision and recall per rule), and their excerpts."""
import subprocess
import sys

from hypothesis import given, settings, strategies as st

from chalicelib.domain.message_check import check
from chalicelib.domain.messaging_rules import LANGUAGES, RULES
from simulation import message_corpus as corpus


def rules_found(text: str, csba_order: bool) -> list[str]:
    return [violation.rule for violation in check(text, csba_order)]


def test_the_corpus_has_sixty_compliant_and_sixty_violating_messages_in_each_of_the_six_languages_together():
    assert len(corpus.COMPLIANT) >= 60 and len(corpus.VIOLATING) >= 60
    assert {language for language, *_ in corpus.COMPLIANT} == set(LANGUAGES)
    assert {language for language, *_ in corpus.VIOLATING} == set(LANGUAGES)
    assert set().union(*(rules for *_, rules in corpus.VIOLATING)) == set(RULES)


def test_precision_and_recall_are_at_least_95_percent_per_rule_and_overall():
    # When
    scores = corpus.scores(rules_found)
    # Then
    assert set(scores) == {*RULES, "overall"}
    low = {rule: s for rule, s in scores.items() if s["precision"] < 0.95 or s["recall"] < 0.95}
    assert not low, low


def test_haggling_counts_only_on_a_csba_order():
    text = "Would you like to keep the item if I offer you a 40% refund?"
    assert rules_found(text, True) == ["haggling"]
    assert rules_found(text, False) == []


def test_each_violation_quotes_the_text_as_written_in_reading_order():
    # Given: full-width characters, which the check reads normalised
    text = "詳細はｗｗｗ．ｅｘａｍｐｌｅ．ｊｐ、またはsupport@example.jpまで。星5のレビューをお願いします。"
    # When
    violations = [v.to_wire() for v in check(text, True)]
    # Then
    assert violations == [{"rule": "link", "excerpt": "ｗｗｗ．ｅｘａｍｐｌｅ．ｊｐ"},
                          {"rule": "email_address", "excerpt": "support@example.jp"},
                          {"rule": "review_request", "excerpt": "星5"}]


def test_amazon_marketplace_names_are_names_but_with_a_path_they_are_links():
    assert rules_found("All your Amazon.de orders are under Your Orders.", True) == []
    assert rules_found("Open amazon.de/gp/help to start the return.", True) == ["link"]
    assert rules_found("Open www.amazon.de to start the return.", True) == ["link"]


COMPLIANT_TEXTS = st.sampled_from([text for _, text, _ in corpus.COMPLIANT])
ORDER_IDS = st.from_regex(r"\A\d{3}-\d{7}-\d{7}\Z")
LOCAL = st.from_regex(r"\A[a-z][a-z0-9.]{0,10}[a-z0-9]\Z")
HOSTS = st.from_regex(r"\A[a-z][a-z0-9-]{1,12}[a-z0-9]\.(com|de|fr|it|es|jp|co\.uk)\Z")


@settings(max_examples=60, deadline=None)
@given(COMPLIANT_TEXTS, ORDER_IDS)
def test_an_order_id_added_to_a_compliant_message_keeps_it_compliant(text, order_id):
    assert rules_found(f"{text} Order {order_id}.", True) == []
    assert rules_found(f"{order_id} {text}", True) == []


@settings(max_examples=60, deadline=None)
@given(COMPLIANT_TEXTS, LOCAL, HOSTS)
def test_an_email_address_added_to_a_compliant_message_is_found_and_quoted(text, local, host):
    address = f"{local}@{host}"
    violations = [v.to_wire() for v in check(f"{text} {address} ", True)]
    assert violations == [{"rule": "email_address", "excerpt": address}]


def test_importing_the_check_does_not_load_phonenumbers_until_a_message_is_checked():
    script = ("import sys; from chalicelib.domain import message_check as m; a = 'phonenumbers' in sys.modules; "
              "m.check('Call 030 12345678', False); print(a, 'phonenumbers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True"]
