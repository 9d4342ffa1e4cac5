"""Checks a seller's message to a buyer against the messaging rules (`messaging_rules`).

`check(text, csba_order)` lists every violation in the order it appears, each with
the excerpt that breaks the rule, quoted from the text as written. Links, e-mail addresses and
phone numbers are found by their shape: a URL, `www.` or a domain name (Amazon's own marketplace
names, "your Amazon.de orders", are a name, not a link: with a path they are one); phone numbers
by Google's libphonenumber (`phonenumbers`, imported at the first check so no other function's
cold start pays for it) in the national formats of every CSBA country, after Amazon order ids
and numbers labelled as order, tracking or invoice numbers are set aside.
"""
import re
import unicodedata
from functools import lru_cache
from typing import Iterable, Sequence

from msgspec import Struct

from chalicelib.domain import messaging_rules as rules
from chalicelib.domain.wire import JsonObject

PHONE_REGIONS = ("DE", "GB", "FR", "IT", "ES", "JP", "US")
TLDS = ("com|net|org|info|biz|shop|store|online|site|io|co|me|app|eu|de|fr|it|es|jp|uk|at|ch|nl|be|pl|us|ca|"
        "cn|ru|xyz|top")
URL = re.compile(r"(?<![\w.-])(?:(?:https?|ftp)://|www\.)[^\s<>\"'「」（）()]+", re.IGNORECASE)
DOMAIN = re.compile(r"(?<![\w@.-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(" + TLDS + r"))(?![\w-])(/[^\s]*)?",
                    re.IGNORECASE | re.ASCII)
AMAZON_NAME = re.compile(r"amazon\.(com|de|fr|it|es|co\.jp|co\.uk|jp|ca|nl|eu)", re.IGNORECASE)
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+(@|\s?[\[(]\s?at\s?[\])]\s?)[A-Za-z0-9-]+(\.|\s?[\[(]\s?dot\s?[\])]\s?)"
                   r"[A-Za-z0-9.-]*[A-Za-z]{2,}", re.IGNORECASE)
SENTENCE = re.compile(r"[^.!?。！？\n]+")
MAX_EXCERPT = 160


class Violation(Struct, frozen=True):
    rule: str
    excerpt: str
    start: int = 0

    def to_wire(self) -> JsonObject:
        return {"rule": self.rule, "excerpt": self.excerpt}


def check(text: str, csba_order: bool) -> list[Violation]:
    """Every rule `text` breaks, in reading order; haggling only counts on a CSBA order."""
    plain, origin = _normalised(text)
    found: list[tuple[str, int, int]] = []
    found += _emails(plain)
    found += _links(plain, [span for _, *span in found])
    found += _phones(plain, [span for _, *span in found])
    for rule, patterns in _phrases().items():
        found += [(rule, m.start(), m.end()) for pattern in patterns for m in pattern.finditer(plain)]
    if csba_order:
        found += _haggling(plain)
    violations: dict[tuple[str, str], Violation] = {}
    for rule, start, end in sorted(found, key=lambda f: (f[1], f[0])):
        if any(r == rule and s <= start and end <= e and (s, e) != (start, end) for r, s, e in found):
            continue  # "refund 20%" inside the sentence already quoted for the same rule
        excerpt = text[origin[start]:origin[end - 1] + 1].strip()[:MAX_EXCERPT]
        violations.setdefault((rule, excerpt), Violation(rule, excerpt, origin[start]))
    return list(violations.values())


def _normalised(text: str) -> tuple[str, list[int]]:
    """NFKC per character (full-width ｗｗｗ becomes www), with the original index of every character."""
    chars, origin = [], []
    for index, char in enumerate(text):
        for out in unicodedata.normalize("NFKC", char):
            chars.append(out)
            origin.append(index)
    return "".join(chars), origin


def _emails(plain: str) -> list[tuple[str, int, int]]:
    return [("email_address", m.start(), m.end()) for m in EMAIL.finditer(plain)]


def _links(plain: str, taken: list[list[int]]) -> list[tuple[str, int, int]]:
    links = [(m.start(), m.end()) for m in URL.finditer(plain)]
    for m in DOMAIN.finditer(plain):
        tld, path = m.group(2), m.group(3)
        brand = AMAZON_NAME.fullmatch(m.group(1)) and not path
        if brand or not (tld.islower() or tld.isupper()):  # "the item.It arrived" is a typo, not a domain
            continue
        links.append((m.start(), m.end()))
    return [("link", start, end) for start, end in links if not _inside(start, end, taken + [list(s) for s in links
                                                                                          if s != (start, end)])]


def _inside(start: int, end: int, spans: Iterable[Sequence[int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _phones(plain: str, taken: list[list[int]]) -> list[tuple[str, int, int]]:
    import phonenumbers  # about 35 ms: only the functions that check a message pay for it

    masked = _masked(plain, taken)
    spans = set()
    for region in PHONE_REGIONS:
        for match in phonenumbers.PhoneNumberMatcher(masked, region, leniency=phonenumbers.Leniency.VALID):
            spans.add((match.start, match.end))
    return [("phone_number", start, end) for start, end in sorted(spans)
            if not _inside(start, end, [s for s in spans if s != (start, end)])]


def _masked(plain: str, taken: list[list[int]]) -> str:
    """The text with ids, links and e-mail addresses overwritten by letters (offsets kept)."""
    chars = list(plain)
    spans = [m.span() for m in _id_pattern().finditer(plain)] + [tuple(s) for s in taken]
    for start, end in spans:
        chars[start:end] = "x" * (end - start)
    return "".join(chars)


def _haggling(plain: str) -> list[tuple[str, int, int]]:
    partial, keep, offer = (_table(name) for name in ("PARTIAL_REFUND", "KEEP_ITEM", "OFFER"))
    found = [("haggling", m.start(), m.end()) for pattern in partial for m in pattern.finditer(plain)]
    for sentence in SENTENCE.finditer(plain):
        words = sentence.group()
        if any(p.search(words) for p in keep) and any(p.search(words) for p in offer):
            found.append(("haggling", sentence.start(), sentence.end()))
    return found


@lru_cache(maxsize=1)
def _phrases() -> dict[str, tuple[re.Pattern[str], ...]]:
    return {rule: _compiled(by_language) for rule, by_language in rules.PHRASES.items()}


@lru_cache(maxsize=4)
def _table(name: str) -> tuple[re.Pattern[str], ...]:
    return _compiled(getattr(rules, name))


def _compiled(by_language: dict[str, tuple[str, ...]]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for language in rules.LANGUAGES for p in by_language.get(language, ()))


@lru_cache(maxsize=1)
def _id_pattern() -> re.Pattern[str]:
    labels = "|".join(label for language in rules.LANGUAGES for label in rules.ID_LABELS[language])
    token = r"(?-i:[A-Z0-9](?:[A-Z0-9]|[ -](?=[A-Z0-9])){4,40})"  # no lower case: "123456 and call ..." stops
    gap = r"[\s:#.は-]{0,4}(?:(?:is|ist|lautet|est|è|es)\s+)?"
    return re.compile(rf"{'|'.join(rules.NOT_PHONE_NUMBERS)}|(?:{labels}){gap}{token}", re.IGNORECASE)
