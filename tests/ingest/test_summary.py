"""Summary, word count, reading time, language."""

from __future__ import annotations

import random

import pytest

from newsgen.article import Dateline
from newsgen.ingest.summary import (
    count_and_language,
    language,
    reading_minutes,
    sentences,
    summarise,
    word_count,
)
from newsgen.ingest.summary import words as summary_words


def test_sentences_respect_abbreviations() -> None:
    text = "Mr. Kim met U.S. officials on Aug. 14. They talked. J. Smith left."
    assert sentences(text) == [
        "Mr. Kim met U.S. officials on Aug. 14.",
        "They talked.",
        "J. Smith left.",
    ]


def test_summary_skips_dateline_and_short_paragraphs() -> None:
    line = Dateline("SEOUL, Aug 14 (Reuters) -", "Seoul", "Reuters")
    paragraphs = [
        "Jane Smith",
        "SEOUL, Aug 14 (Reuters) - North Korea fired two missiles into the sea on Monday. "
        "It was the third launch this month. Officials were alarmed by it all.",
    ]
    assert summarise(paragraphs, line) == (
        "North Korea fired two missiles into the sea on Monday. It was the third launch this month."
    )


def test_long_lede_is_cut_at_a_word() -> None:
    long = "word " * 200
    result = summarise([long])
    assert len(result) <= 300
    assert result.endswith("…")


def test_counts() -> None:
    assert word_count(["Kim’s well-known plan, in 2023.", "Two words"]) == 7
    assert reading_minutes(0) == 1
    assert reading_minutes(1000) == 5


def test_language() -> None:
    assert language("The cat sat on the mat and it was said to be happy.") == "en"
    assert language("Le chat est dans la maison et il ne veut pas sortir pour la pluie.") == "fr"
    assert language("Der Hund ist nicht in dem Haus und er will auch nicht mit.") == "de"
    assert language("Zzz") == "en"


def _by_regex(text: str) -> tuple[int, str]:
    return len(summary_words(text)), language(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "One",
        "A well-known plan: don’t stop -- it's £5m—“so” 'much' - _x_ a--b -c d- 'e",
        "le chat et le chien sont dans la maison de la mer, pour que qui",
        "le-chat et-le chien-sont dans-la maison de--la le' 'le -le le-",
        "Der Hund und die Katze ist nicht da, auch für mich",  # ü: the regex path
        "die und der " * 400 + "the and of",  # past the language sample
        "the " * 749 + "abc-de le le le le le",  # a joined word cut by the sample
    ],
)
def test_count_and_language_match_the_word_regex(text: str) -> None:
    assert count_and_language(text) == _by_regex(text)


def test_count_and_language_match_the_word_regex_on_random_text() -> None:
    rng = random.Random(5)
    pieces = ["the", "de", "la", "et", "und", "Der", "-", "'", "’", " ", "_", "x9", "£", "—"]
    pieces += ["“", "é", "\n", ".", "--", "'s", "LE"]
    for _ in range(3_000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        assert count_and_language(text) == _by_regex(text), text


def test_count_and_language_tells_french_without_the_regex() -> None:
    assert count_and_language("le chat et le chien sont dans la maison de la mer") == (12, "fr")
