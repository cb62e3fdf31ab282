"""Quotes and sources."""

from __future__ import annotations

import random
import re

import pytest

from newsgen.ingest.quotes import (
    acronym,
    extract_quotes,
    extract_sources,
    resolve,
    whole_word_count,
)


def speakers(paragraphs: list[str], title: str = "") -> dict[str, str | None]:
    return {q.text: q.speaker for q in extract_quotes(paragraphs, title=title)}


def test_attribution_forms() -> None:
    found = speakers(
        [
            "Senator Chuck Schumer spoke in Washington on Tuesday.",
            '"We will win this fight," Schumer said.',
            'Schumer told reporters: "This bill is not done."',
            '"It is not over yet," said Maria Lopez, a spokeswoman.',
            "“We are ready for it,” she said.",
        ]
    )
    assert found == {
        "We will win this fight": "Chuck Schumer",
        "It is not over yet": "Maria Lopez",
        "This bill is not done.": "Chuck Schumer",
        "We are ready for it": "Maria Lopez",
    }


def test_sentence_subject_is_the_speaker() -> None:
    found = speakers(
        [
            "Prime minister Ana Ruiz Vega visited the port.",
            "While touring the docks, Ms. Vega urged workers to move “at a faster pace,” "
            "according to the agency.",
            "Vega was quoted by the agency as saying the port needed “more cranes and ships” "
            "with the power to “compete with anyone”.",
        ]
    )
    assert found == {
        "at a faster pace": "Ana Ruiz Vega",
        "more cranes and ships": "Ana Ruiz Vega",
        "compete with anyone": "Ana Ruiz Vega",
    }


def test_a_quotation_run_over_paragraphs_set_in_one_quotes_no_narration() -> None:
    """A quotation over several paragraphs opens each with a mark and closes only the
    last; copies that set them in one line (the BBC corpus does) must not have the
    narration between a close and the next open taken for a quote, nor its words for a
    speaker."""
    found = speakers(
        [
            "Campaign leader Ana Costa spoke on Monday.",
            'A spokesman said: "The plan will destroy the regiments. "They are the envy '
            'of armies around the world." An alternative had been put forward by Eric '
            'Joyce, who proposed a merger. Joyce said: "We can keep the history." The '
            "committee meets next week.",
            '"I\'ve worked hard on this. "I have always dreamt of it," said Ana Costa.',
        ]
    )
    assert found == {
        "The plan will destroy the regiments.": None,
        "They are the envy of armies around the world.": None,
        "We can keep the history.": "Eric Joyce",
        "I've worked hard on this.": None,
        "I have always dreamt of it": "Ana Costa",
    }


def test_single_word_scare_quotes_are_not_quotations() -> None:
    assert speakers(["Critics called the plan “reckless” on Monday."]) == {}


def test_resolve() -> None:
    names = ["Kim Jong Un", "North Korea"]
    assert resolve("Mr. Kim", names) == "Kim Jong Un"
    assert resolve("Kim", names) == "Kim Jong Un"
    assert resolve("Dr. Lee", names) == "Lee"
    assert resolve("Jane Doe", names) == "Jane Doe"


def test_sources_named_and_vague() -> None:
    paragraphs = [
        "According to the Korean Central News Agency, the plant opened.",
        "Output will rise, according to KCNA. KCNA also said more.",
        "According to the article, it was big. According to many experts, it is fine.",
        "A spokesman for the Ministry of Defence said the drill was routine.",
        "Jane Doe told Reuters the factory was busy, state media reported.",
    ]
    assert extract_sources(paragraphs) == ["KCNA", "Ministry of Defence", "Jane Doe"]


def test_acronym() -> None:
    assert acronym("Korean Central News Agency") == "KCNA"
    assert acronym("Reuters") == ""


def test_possessive_prefix_is_dropped_from_speaker() -> None:
    found = speakers(['"Demand is strong this year," Acme\'s Allen Wilson said.'])
    assert found == {"Demand is strong this year": "Allen Wilson"}


@pytest.mark.parametrize(
    ("form", "text"),
    [
        ("UN", "The UN and UNICEF, not UNs: UN."),
        ("A-B", "A-B A-BC xA-B A-B-A-B"),
        ("aa", "aaa aa aa_aa aa.aa"),
        ("(BBC)", "(BBC) x(BBC)y (BBC)(BBC)"),
        ("Zürich", "Zürich Zürichs éZürich"),
    ],
)
def test_whole_word_count_is_the_regex_count(form: str, text: str) -> None:
    expected = len(re.findall(rf"\b{re.escape(form)}\b", text))
    assert whole_word_count(form, text) == expected
    assert whole_word_count(form, text, most=1) == min(expected, 1)


def test_whole_word_count_is_the_regex_count_on_random_text() -> None:
    rng = random.Random(3)
    for _ in range(5_000):
        text = "".join(rng.choice("ab _.-é(") for _ in range(rng.randint(0, 30)))
        form = "".join(rng.choice("ab _.-é(") for _ in range(rng.randint(1, 3)))
        expected = len(re.findall(rf"\b{re.escape(form)}\b", text))
        assert whole_word_count(form, text) == expected, (form, text)


def test_speaker_searches_find_what_the_regexes_find() -> None:
    from newsgen.ingest.quotes import _BEFORE, _SUBJECT, said_before, subjects

    rng = random.Random(4)
    pool = ["Mr", "Mrs.", "Kim", "Jong", "Un", "he", "she", "they", "He", "said", "says"]
    pool += ["told", "the", "The", " ", ",", ":", ".", "'s", "’s", "O'Neil", "U.S.", "of"]
    pool += ["by", "according", "to", "added", "shesaid", "\n", "-", "X", "a", "Smith"]
    for _ in range(5_000):
        text = "".join(rng.choice(pool) + rng.choice(["", " "]) for _ in range(14))
        found, expected = said_before(text), _BEFORE.search(text)
        assert (found and (found.span(), found.groupdict())) == (
            expected and (expected.span(), expected.groupdict())
        ), text
        assert [m.span() for m in subjects(text)] == [m.span() for m in _SUBJECT.finditer(text)]
