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


@pytest.mark.parametrize(
    ("paragraph", "place"),
    [
        # Mixed and lower case places.
        ("Lisbon, June 4 - The harbour board met.", "Lisbon"),
        ("porto alegre, june 4 - Growers said rain helped.", "Porto Alegre"),
        ("St Paul, April 7 - Hog prices opened higher.", "St Paul"),
        # Months in odd capitals, abbreviated or misspelt.
        ("KESTREL BAY, JUne 4 - The ferry ran late.", "Kestrel Bay"),
        ("MILLBROOK, SEpt. 4 - The mill closed.", "Millbrook"),
        ("MILLBROOK, Sept 4 - The mill closed.", "Millbrook"),
        ("MILLBROOK, MArch 19 - The mill opened.", "Millbrook"),
        ("MILLBROOK, Febuary 2 - The mill opened.", "Millbrook"),
        # Bodies that open with a bracketed company or a line of figures.
        ("HARBOURTON, March 3 - <Harbour Foods Inc> said it sold a plant.", "Harbourton"),
        ("Harbourton, March 3 - (Harbour Foods Ltd), formerly Bay Foods, said", "Harbourton"),
        ("Harbourton, March 3 - Shr 1.02 dlrs vs 88 cts", "Harbourton"),
        ("HARBOURTON, March 3 - Qtly div 10 cts vs 9 cts", "Harbourton"),
        # A place with its state, province or region.
        ("FORT WAYNE, Ind., March 3 - A grain elevator burned.", "Fort Wayne, Ind."),
        ("TRAIL, British Columbia, March 3 - The smelter reopened.", "Trail, British Columbia"),
        (
            "SAINT JOHN, New Brunswick, April 2 - The yard won an order.",
            "Saint John, New Brunswick",
        ),
        ("BLUEWATER, W. Va., June 1 - A mine reopened.", "Bluewater, W. Va."),
    ],
)
def test_wire_habits(paragraph: str, place: str) -> None:
    found = parse(paragraph)
    assert found is not None
    assert found.place == place
    assert paragraph.startswith(found.text)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Net sales, March 3 - a date in a table row.",
        "Smith, Jones 4 - a score line.",
        "the company said, March 3 - no place here at all and more words",
        "Jane, Mary 4 - names and a number.",
    ],
)
def test_dated_lookalikes_are_not_datelines(paragraph: str) -> None:
    assert parse(paragraph) is None


def test_a_place_in_any_script_s_letters() -> None:
    found = parse("SÃO BENTO, June 4 - Growers said rain helped.")
    assert found is not None and found.place == "São Bento"
