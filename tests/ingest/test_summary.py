"""Summary, word count, reading time, language."""

from __future__ import annotations

from newsgen.article import Dateline
from newsgen.ingest.summary import (
    language,
    reading_minutes,
    sentences,
    summarise,
    word_count,
)


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
