"""search_terms: the words a story is found by."""

from __future__ import annotations

import random

import pytest

from newsgen.records.search_terms import folded_words, index_terms, words


@pytest.mark.parametrize(
    "text",
    [
        "Costs £5m — “a lot”, says the firm’s boss",
        "Zürich café naïve CAFÉ",
        "ab\u0301cd £ ef",  # a combining mark joins its neighbours
        "™ and ² are words: fold makes letters of them",
        "ΑΣ’Β and ΑΣ",  # final sigma looks past the apostrophe
        "a\u00a0b cd\u2003ef gh\u2028ij",
    ],
)
def test_words_match_the_token_by_token_fold(text: str) -> None:
    assert words(text) == folded_words(text)


def test_a_pound_sign_separates_words_as_a_space_does() -> None:
    assert words("prices £5bn£6bn rise") == {"prices", "5bn", "6bn", "rise"}
    assert index_terms("£5bn Deal", "The £5bn deal") == "5bn deal\n"


def test_words_match_the_token_by_token_fold_on_random_text() -> None:
    rng = random.Random(11)
    pool = [*"abcXYZ019_ -'.,", "é", "ü", "\xa0", "\u2003", "\x85", "Σ", "İ", "ß", "ﬁ"]
    pool += ["£", "€", "’", "—", "e\u0301", "\u0301", "日本", "²", "™", "\u1680", "“"]
    for _ in range(20_000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 20)))
        assert words(text) == folded_words(text), repr(text)
