"""Dates: many formats, and an honest source."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgen.article import Dateline
from newsgen.ingest.dates import dateline_date, find_date, parse_date, search_date

AUG14 = dt.date(2023, 8, 14)


@pytest.mark.parametrize(
    "text",
    [
        "2023-08-14",
        "2023-08-14T10:32:00Z",
        "14 August 2023",
        "14th August 2023",
        "August 14, 2023",
        "Aug. 14, 2023",
        "Mon 14 Aug 2023",
        "Monday, 14 August 2023 10:32 BST",
        "14/08/2023",
        "08/14/2023",
    ],
)
def test_formats(text: str) -> None:
    assert parse_date(text) == AUG14


@pytest.mark.parametrize(
    "text", ["on Monday", "05/06/2023", "2023-02-30", "Aug 14", "in 2023", "14 August"]
)
def test_not_a_full_date(text: str) -> None:
    assert parse_date(text) is None


def test_year_less_date_needs_a_year() -> None:
    assert parse_date("Aug 14", default_year=2023) == AUG14


def test_search_in_labelled_line() -> None:
    assert search_date("Published: 14 August 2023 | 10:32 BST") == AUG14


def test_dateline_dates() -> None:
    assert dateline_date(Dateline("LONDON 1996-08-30", "London")) == dt.date(1996, 8, 30)
    wire = Dateline("SEOUL, Aug 14 (Reuters) -", "Seoul", "Reuters")
    assert dateline_date(wire) is None
    assert dateline_date(wire, year=2023) == AUG14


def test_trust_order() -> None:
    line = Dateline("LONDON 1996-08-30", "London")
    assert find_date(front_matter=AUG14, metadata=dt.date(2020, 1, 1)) == (AUG14, "front matter")
    assert find_date(metadata=AUG14, dateline=line) == (AUG14, "metadata")
    assert find_date(dateline=line, mtime=0.0) == (dt.date(1996, 8, 30), "dateline")
    assert find_date(paragraphs=["14 August 2023", "Body."]) == (AUG14, "text")
    assert find_date(mtime=86400.0) == (dt.date(1970, 1, 2), "file mtime")
    assert find_date() == (None, None)


def test_date_mentioned_in_a_story_is_not_a_publication_date() -> None:
    story = ["Talks collapsed on 14 August 2023, officials said on Monday."]
    assert find_date(paragraphs=story) == (None, None)
    assert find_date(paragraphs=story, mtime=0.0)[1] == "file mtime"


def test_a_dateline_without_a_year_takes_the_year_it_was_saved_in() -> None:
    import datetime as _dt

    from newsgen.article import Dateline
    from newsgen.ingest.dates import find_date

    line = Dateline(text="WESTPORT, Feb 26 (Reuters) -", place="Westport", agency="Reuters")
    saved = _dt.datetime(2026, 11, 26, tzinfo=_dt.UTC).timestamp()
    guessed = "dateline, year from file mtime"  # never silently: the source says so
    assert find_date(dateline=line, mtime=saved) == (_dt.date(2026, 2, 26), guessed)
    january = _dt.datetime(2026, 1, 10, tzinfo=_dt.UTC).timestamp()
    assert find_date(dateline=line, mtime=january) == (_dt.date(2025, 2, 26), guessed)
    assert find_date(dateline=line) == (None, None)


@pytest.mark.parametrize(
    ("path", "date"),
    [
        ("seeds/2024/05/03/harbour.txt", dt.date(2024, 5, 3)),
        ("seeds/archive/2024-05-03-harbour.txt", dt.date(2024, 5, 3)),
        ("seeds/harbour_2024_05_03.html", dt.date(2024, 5, 3)),
        ("seeds/reuters-19960830.txt", dt.date(1996, 8, 30)),
        ("seeds/2024-05/03.txt", None),  # no day: a month is no date
        ("seeds/2024/05/harbour.txt", None),
        ("seeds/conll-dev-001.txt", None),
        ("seeds/business-256-r0.txt", None),
        ("seeds/id-20151340.txt", None),  # not a day of any month
        ("seeds/a7f3201905121234.txt", None),  # a run of digits, not a date
        ("seeds/story.20240503.txt", dt.date(2024, 5, 3)),
    ],
)
def test_a_seed_filed_under_a_date_is_dated_by_its_path(path: str, date: dt.date | None) -> None:
    from newsgen.ingest.dates import path_date

    assert path_date(path) == date
    story = ["Talks collapsed on Monday, officials said."]
    expected = (date, "path") if date else (dt.date(1970, 1, 2), "file mtime")
    assert find_date(paragraphs=story, path=path, mtime=86400.0) == expected


def test_the_folder_a_seed_is_filed_under_gives_its_dateline_a_year() -> None:
    wire = Dateline("WESTPORT, Feb 26 (Reuters) -", "Westport", "Reuters")
    copied_today = dt.datetime(2026, 11, 26, tzinfo=dt.UTC).timestamp()
    for path in ("seeds/1987/wire.txt", "seeds/1987/02/wire.txt", "seeds/1987/Feb/wire.txt"):
        assert find_date(dateline=wire, path=path, mtime=copied_today) == (
            dt.date(1987, 2, 26),
            "dateline",
        )
    # Filed on a day: the dateline's day, in the latest year not after it.
    assert find_date(dateline=wire, path="seeds/1988-01-04-wire.txt") == (
        dt.date(1987, 2, 26),
        "dateline",
    )
    assert find_date(dateline=wire, path="seeds/1987/02/27/wire.txt") == (
        dt.date(1987, 2, 26),
        "dateline",
    )
    # A text stamp and a full dateline still come first; a year folder alone is no date.
    assert find_date(paragraphs=["14 August 2023"], path="seeds/1987/02/27/x.txt")[1] == "text"
    assert find_date(path="seeds/1987/x.txt", mtime=copied_today)[1] == "file mtime"
    assert find_date(dateline=wire, path="seeds/1987/13/x.txt", mtime=copied_today) == (
        dt.date(2026, 2, 26),
        "dateline, year from file mtime",
    )


@given(st.text(alphabet="0123456789/-_.seedsab", max_size=40))
def test_any_path_gives_a_real_date_or_none(path: str) -> None:
    from newsgen.ingest.dates import path_date, path_year

    date = path_date(path)
    assert date is None or 1900 <= date.year < 2100
    year = path_year(path)
    assert year is None or str(year) in path


def test_the_year_of_a_dateline_in_order_of_trust() -> None:
    """The dateline's own year, then the text's, then the seed's folder, then the site's
    `year:`, and only then the file's time, which the date source names."""
    from newsgen.article import Dateline
    from newsgen.ingest.dates import find_date

    wire = Dateline(text="KESTREL BAY, JUne 4 -", place="Kestrel Bay")
    printed = Dateline(text="KESTREL BAY, June 4, 1991 -", place="Kestrel Bay")
    text = ["KESTREL BAY, JUne 4 - The board met on June 4, 1989, and again later."]
    saved = dt.datetime(2026, 11, 26, tzinfo=dt.UTC).timestamp()
    folder = "seeds/1990/kb.txt"
    every = {"path": folder, "mtime": saved, "default_year": 1988}
    assert find_date(dateline=printed, paragraphs=text, **every) == (
        dt.date(1991, 6, 4),
        "dateline",
    )
    assert find_date(dateline=wire, paragraphs=text, **every) == (dt.date(1989, 6, 4), "dateline")
    assert find_date(dateline=wire, **every) == (dt.date(1990, 6, 4), "dateline")
    assert find_date(dateline=wire, mtime=saved, default_year=1988) == (
        dt.date(1988, 6, 4),
        "dateline",
    )
    assert find_date(dateline=wire, mtime=saved) == (
        dt.date(2026, 6, 4),
        "dateline, year from file mtime",
    )
    # A year named loosely is no year of the story.
    loose = ["KESTREL BAY, JUne 4 - The board reported 1985 results."]
    assert find_date(dateline=wire, paragraphs=loose, mtime=saved)[0] == dt.date(2026, 6, 4)


@pytest.mark.parametrize(
    ("word", "month"),
    [("JUne", 6), ("SEpt.", 9), ("Sept", 9), ("MArch", 3), ("Febuary", 2), ("Arpil", 4),
     ("oct", 10), ("Jnue", 6), ("Juyl", 7), ("Spet", 9), ("Mary", None), ("Jane", None),
     ("Juno", None), ("Sales", None), ("Mayor", None)],
)  # fmt: skip
def test_month_words_as_a_reader_reads_them(word: str, month: int | None) -> None:
    from newsgen.ingest.dates import month_number

    assert month_number(word) == month
