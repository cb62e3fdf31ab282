"""The fast tokenisers find exactly the words their patterns define."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgen.analysis import topic_text
from newsgen.analysis.ner_spans import FAST_TOKEN_RE, TOKEN_RE, tokenize

# Letters, digits and every character the patterns treat specially, so generated text
# hits titles, initials, hyphens, possessives and abbreviations as well as plain words.
_ALPHABET = "aesMrDSUCoIncJ019_ .,-&'’:;()\"\n\téÉ"
_WORDS = ["Mr.", "Mrs", "U.S.", "e.g.", "a.m.", "P. Simmons", "O'Neill", "3-1", "AT&T", "it's"]


@settings(max_examples=400)
@given(st.lists(st.one_of(st.text(_ALPHABET, max_size=12), st.sampled_from(_WORDS)), max_size=12))
def test_fast_tokens_are_token_re_tokens(pieces: list[str]) -> None:
    text = " ".join(pieces)
    assert FAST_TOKEN_RE.findall(text) == TOKEN_RE.findall(text)
    split = re.compile(f"({FAST_TOKEN_RE.pattern})")
    assert split.split(text) == re.compile(f"({TOKEN_RE.pattern})").split(text)


def test_tokens_of_a_news_sentence() -> None:
    text = "Mr. O'Neill met U.S. officials at 3 p.m. in Sao Paulo-based AT&T's office."
    assert tokenize(text) == [
        "Mr.", "O'Neill", "met", "U.S.", "officials", "at", "3", "p.m.", "in", "Sao",
        "Paulo-based", "AT&T", "'s", "office", ".",
    ]  # fmt: skip


_TEXT = st.text("abXYZ019 -'’.,_\té", max_size=40)


@settings(max_examples=400)
@given(_TEXT)
def test_topic_words_are_the_word_pattern_s(text: str) -> None:
    lowered = topic_text._POSSESSIVE.sub("", text.lower().replace("’", "'"))
    assert topic_text.words(text) == topic_text._WORD.findall(lowered)
