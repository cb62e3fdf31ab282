"""Datelines: wire formats, title-cased places."""

from __future__ import annotations

import pytest

from newsgen.ingest.datelines import find, parse, title_place


@pytest.mark.parametrize(
    ("paragraph", "text", "place", "agency"),
    [
        ("SEOUL, Aug 14 (Reuters) - North Korea", "SEOUL, Aug 14 (Reuters) -", "Seoul", "Reuters"),
        ("WASHINGTON (AP) — The Senate voted.", "WASHINGTON (AP) —", "Washington", "AP"),
        ("LONDON: The Bank of England", "LONDON:", "London", None),
        ("LONDON 1996-08-30", "LONDON 1996-08-30", "London", None),
        (
            "SANTA CRUZ, Calif. (Reuters) - A quake",
            "SANTA CRUZ, Calif. (Reuters) -",
            "Santa Cruz, Calif.",
            "Reuters",
        ),
        (
            "AL-MADINA, West Bank 1996-08-30",
            "AL-MADINA, West Bank 1996-08-30",
            "Al-Madina, West Bank",
            None,
        ),
        ("BEIRUT, Lebanon — Protesters gathered", "BEIRUT, Lebanon —", "Beirut, Lebanon", None),
    ],
)
def test_datelines(paragraph: str, text: str, place: str, agency: str | None) -> None:
    found = parse(paragraph)
    assert found is not None
    assert (found.text, found.place, found.agency) == (text, place, agency)


@pytest.mark.parametrize(
    "paragraph",
    [
        "UPDATE: The story changed.",
        "NATO - the alliance met.",
        "AMT: 1,200,000 DATE: 09/05/96",
        "By the end of the year, prices rose.",
        "London was quiet on Monday.",
        "BREAKING: Something happened.",
    ],
)
def test_not_datelines(paragraph: str) -> None:
    assert parse(paragraph) is None


def test_title_place() -> None:
    assert title_place("N'DJAMENA") == "N'Djamena"
    assert title_place("ST. LOUIS") == "St. Louis"
    assert title_place("WASHINGTON D.C.") == "Washington D.C."


def test_find_only_at_the_top() -> None:
    assert find(["Byline Name", "PARIS 1996-08-30", "Text."]).place == "Paris"  # type: ignore[union-attr]
    assert find(["A lede.", "PARIS (Reuters) - later paragraph."]) is None
