"""Front matter: validated YAML facts, errors with line numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgen.errors import SeedError
from newsgen.ingest.frontmatter import split

GOOD = """---
title: "Budget: what it means"
date: 2023-08-14
section: Politics
topics: [budget, tax]
author: Jane Smith
slug: ../../etc/passwd
language: EN
---
Budget: what it means

First paragraph.
"""


def test_good_front_matter() -> None:
    fields, rest, raw = split(GOOD, path="s.txt")
    assert fields["title"] == "Budget: what it means"
    assert fields["date"] == dt.date(2023, 8, 14)
    assert fields["topics"] == ["budget", "tax"]
    assert fields["authors"] == ["Jane Smith"]
    assert fields["slug"] == "../../etc/passwd"  # kept as text; the lead slugifies it
    assert fields["language"] == "en"
    assert rest.startswith("Budget: what it means\n")
    assert "section: Politics" in raw


def test_no_front_matter_is_untouched() -> None:
    assert split("Headline\n---\nBody", path="s.txt") == ({}, "Headline\n---\nBody", "")


def test_dates_as_text_and_comma_lists() -> None:
    fields, _, _ = split("---\ndate: 14 August 2023\ntags: a, b\n---\nH", path="s.txt")
    assert fields == {"date": dt.date(2023, 8, 14), "topics": ["a", "b"]}


def test_empty_block() -> None:
    assert split("---\n---\nHeadline", path="s.txt")[0] == {}


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("---\ntitle: ok\ndate: [oops\n---\nH", 3, "not valid YAML"),
        ("---\ntitle: ok\ntitel: typo\n---\nH", 3, "unknown front matter key"),
        ("---\ntitle: ok\ndate: someday\n---\nH", 3, "not a date"),
        ("---\ntitle: [a, b]\n---\nH", 2, "must be text"),
        ("---\ntopics: {a: 1}\n---\nH", 2, "list of names"),
        ("---\nlanguage: English please\n---\nH", 2, "not a language code"),
        ("---\n- a\n- b\n---\nH", 2, "key: value"),
        ("---\ntitle: never closed\n\nHeadline", 1, "never closed"),
    ],
)
def test_bad_front_matter(text: str, line: int, message: str) -> None:
    with pytest.raises(SeedError, match=message) as caught:
        split(text, path="seeds/s.txt")
    assert caught.value.line == line
    assert caught.value.path == "seeds/s.txt"


def test_impossible_yaml_date_is_a_seed_error() -> None:
    """Found by tests/hardening/test_fuzz.py: YAML builds dates itself and can raise ValueError."""
    import pytest as _pytest

    from newsgen.errors import SeedError
    from newsgen.ingest.frontmatter import split

    with _pytest.raises(SeedError, match="cannot be read") as caught:
        split("---\nauthor: A\ndate: 2024-13-45\n---\nTitle\n\nBody\n", path="seeds/x.txt")
    assert caught.value.line == 3
