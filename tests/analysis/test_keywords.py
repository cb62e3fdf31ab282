from __future__ import annotations

from newsgen.analysis.keywords import extract_keywords

STORY = [
    "The harbour authority raised port fees on Monday, and shipping companies said port fees now",
    "threaten the ferry routes. Port fees rose for the third time this year.",
    "Maria Costa, the harbour master in Lisbon, said the ferry routes would survive.",
]


def test_keywords_prefer_what_the_story_is_about() -> None:
    words = extract_keywords("Harbour raises port fees", STORY, names=["Maria Costa", "Lisbon"])
    assert words[0] == "port fees"
    assert "harbour" in words
    assert not {"maria", "costa", "lisbon"} & set(words)


def test_one_off_phrases_and_contractions_are_not_keywords() -> None:
    words = extract_keywords(
        "Council says no", ["We don't know, it's a lot of money for the council."]
    )
    assert all("'" not in w and w != "lot" for w in words)


def test_keywords_are_deterministic() -> None:
    assert extract_keywords("Harbour raises port fees", STORY) == extract_keywords(
        "Harbour raises port fees", STORY
    )
