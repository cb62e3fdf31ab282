"""Structure: headline, metadata lines and paragraphs."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgen.ingest.structure import Layout, byline_names, layout, metadata_fields, split_blocks

LONG = "This paragraph is long enough to read as text and it ends like a sentence."


def story(text: str, title: str | None = None) -> Layout:
    return layout(split_blocks(text), title=title)


def test_blank_line_separated() -> None:
    result = story(f"Headline\n\n{LONG}\n\nSecond.\n")
    assert result.title == "Headline"
    assert result.paragraphs == [LONG, "Second."]


def test_no_blank_lines_means_one_paragraph_per_line() -> None:
    result = story(f"Headline\n{LONG}\nShort line\nAnother")
    assert result.paragraphs == [LONG, "Short line", "Another"]


def test_no_blank_line_after_headline() -> None:
    result = story(f"Headline\n{LONG}\n\nSecond.")
    assert result.title == "Headline"
    assert result.paragraphs == [LONG, "Second."]


def test_hard_wrapped_lines_are_joined() -> None:
    wrapped = "This paragraph was wrapped by an old mail client at\nseventy columns, so it continues here."
    result = story(f"Headline\n\n{wrapped}")
    assert result.paragraphs == [wrapped.replace("\n", " ")]


def test_headline_repeated_as_first_paragraph_is_dropped() -> None:
    result = story(f"Big News Today\n\nBig news today.\n\n{LONG}")
    assert result.paragraphs == [LONG]


def test_metadata_lines_become_fields() -> None:
    text = f"By Jane Smith\nHeadline\nPublished: 14 August 2023\nUpdated 15 Aug 2023\n\n{LONG}"
    result = story(text)
    assert result.title == "Headline"
    assert result.authors == ["Jane Smith"]
    assert result.date == dt.date(2023, 8, 14)
    assert result.updated == dt.date(2023, 8, 15)
    assert result.paragraphs == [LONG]
    assert "By Jane Smith" in result.metadata


def test_byline_sentence_is_text() -> None:
    text = "Headline\n\nBy the end of the year, prices had doubled.\n\nBy Monday it was over."
    result = story(text)
    assert result.authors == []
    assert len(result.paragraphs) == 2


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Jane Smith", ["Jane Smith"]),
        ("By Jane Smith and John Doe, Reuters", ["Jane Smith", "John Doe"]),
        ("BY JOHN SMITH", ["John Smith"]),
        ("By the end of the year", []),
        ("By Friday", []),
        ("By Air Force One standards, this is small", []),
    ],
)
def test_bylines(line: str, names: list[str]) -> None:
    assert byline_names(line) == names


def test_posted_on_with_author() -> None:
    fields = metadata_fields("Posted on August 14, 2023 by Jane Smith")
    assert fields == {"date": dt.date(2023, 8, 14), "authors": ["Jane Smith"]}


@pytest.mark.parametrize(
    ("line", "fields"),
    [
        (
            "By Jane Smith, 14 August 2023",
            {"authors": ["Jane Smith"], "date": dt.date(2023, 8, 14)},
        ),
        (
            "By Jane Smith | August 14, 2023",
            {"authors": ["Jane Smith"], "date": dt.date(2023, 8, 14)},
        ),
        ("BY JANE SMITH - 2023-08-14", {"authors": ["Jane Smith"], "date": dt.date(2023, 8, 14)}),
        ("By the end of the year, 2023", None),  # a sentence: text
        ("By Jane Smith, 14 August", None),
    ],
)
def test_a_byline_with_a_date_gives_both(line: str, fields: dict[str, object] | None) -> None:
    """As web pages print them; a date without its year is no date here."""
    assert metadata_fields(line) == fields


def test_front_matter_title_and_repeat() -> None:
    result = story(f"Headline\n\n{LONG}", title="Headline")
    assert result.title == "Headline"
    assert result.paragraphs == [LONG]
    result = story(f"{LONG}\n\nMore.", title="Other")
    assert result.paragraphs == [LONG, "More."]


def test_very_long_first_line_keeps_its_text() -> None:
    line = "Word " * 2000 + "end."
    result = story(f"{line}\n\nSecond.")
    assert len(result.title) < 200
    assert result.paragraphs[0] == line.strip()


def test_markdown_heading_marker_is_dropped() -> None:
    assert story(f"# Headline\n\n{LONG}").title == "Headline"
