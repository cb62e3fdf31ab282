"""Publication dates, and an honest note of where each one came from.

A date mentioned in a story ("talks collapsed on 3 May 2004") is not when the story was
published; archives built on such guesses misfile stories by years. So a date is taken
from the text only when it stands alone as a stamp, and otherwise we fall back to the file
time and say so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from newsgen.article import DATE_SOURCES, Dateline

FRONT_MATTER, METADATA, DATELINE, TEXT, PATH, FILE_YEAR, FILE_MTIME = DATE_SOURCES

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = (
    r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?\.?,?\s+)?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = r"(?:(?:,|\s+at|\s*[-|–T])?\s*\d{1,2}[:.]\d\d(?::\d\d(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?\s*(?:Z|[A-Z]{2,5}|[+-]\d\d:?\d\d)?)?"
_FORMS = (
    rf"{_YEAR}-(?P<mnum>\d{{1,2}})-{_DAY}",
    rf"{_YEAR}/(?P<mnum>\d{{1,2}})/{_DAY}",
    rf"{_WEEKDAY}{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}",
    rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}",
    rf"(?P<a>\d{{1,2}})[/.](?P<b>\d{{1,2}})[/.]{_YEAR}",
)
# A whole string that is one date (optionally with weekday and time).
_WHOLE_FORMS = [re.compile(rf"^\s*{form}{_TIME}\s*[.]?\s*$", re.IGNORECASE) for form in _FORMS]
_PARTIALS = (
    re.compile(rf"^\s*{_WEEKDAY}{_MONTH}\s+{_DAY}\s*$", re.IGNORECASE),
    re.compile(rf"^\s*{_WEEKDAY}{_DAY}\s+{_MONTH}\s*$", re.IGNORECASE),
)
_IN_DATELINE = (
    re.compile(rf"{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR})?", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_MONTH}(?:\s+{_YEAR})?", re.IGNORECASE),
)
_ISO_ANYWHERE = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")


_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip


def month_number(word: str) -> int | None:
    """The month a word names as a reader would read it, in any case: ``Sept``,
    ``SEpt.``, ``JUne``, ``Febuary``, ``Arpil``; None for any other word. A slip of one
    letter (dropped, doubled, swapped or wrong) is forgiven only in a word of five
    letters or more (two letters swapped in a four-letter one: ``Jnue``), so "Mary" or
    "Jane" stays a name."""
    w = word.casefold().rstrip(".")
    if len(w) < 3 or not w.isalpha():
        return None
    for number, name in enumerate(_MONTH_NAMES, 1):
        if name.startswith(w) or (number == 9 and w in ("sept", "sep")):
            return number
    if len(w) == 4:
        # Two letters swapped in a short month ("Jnue", "Juyl", "Spet"): no name reads so.
        for number, name in enumerate(_MONTH_NAMES, 1):
            full = "sept" if number == 9 else name
            if len(full) == 4 and sorted(w) == sorted(full) and _one_slip(w, full):
                return number
        return None
    if len(w) < 5:
        return None
    for number, name in enumerate(_MONTH_NAMES, 1):
        if w[0] == name[0] and _one_slip(w, name):
            return number
    return None


def _one_slip(a: str, b: str) -> bool:
    """`a` is `b` with one letter dropped, added, changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        i = diff[0]
        return len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str, *, default_year: int | None = None) -> dt.date | None:
    """Parse a string that is a date and nothing else; None when unsure or ambiguous."""
    if len(text) > 80:
        return None
    for pattern in _WHOLE_FORMS:
        found = pattern.match(text)
        if found is None:
            continue
        parts = found.groupdict()
        year = int(parts["year"])
        if parts.get("month"):
            return _make(year, MONTHS[_mkey(parts)], int(parts["day"]))
        if parts.get("mnum"):
            return _make(year, int(parts["mnum"]), int(parts["day"]))
        a, b = int(parts["a"]), int(parts["b"])
        if a > 12 >= b:  # 14/08/2023: day first
            return _make(year, b, a)
        if b > 12 >= a:  # 08/14/2023: month first
            return _make(year, a, b)
        if a == b:
            return _make(year, a, b)
        return None  # 05/06/2023 could be either
    if default_year is not None:
        found = month_day(text)
        if found:
            return _make(default_year, *found)
    return None


def _mkey(parts: dict[str, str | None]) -> str:
    month = (parts["month"] or "").lower().rstrip(".")
    return "sept" if month.startswith("sept") else month[:3]


def month_day(text: str) -> tuple[int, int] | None:
    """(month, day) of a year-less date such as ``Aug 14``."""
    for pattern in _PARTIALS:
        found = pattern.match(text)
        if found:
            return MONTHS[_mkey(found.groupdict())], int(found["day"])
    return None


def dateline_date(dateline: Dateline | None, *, year: int | None = None) -> dt.date | None:
    """A full date from a dateline, e.g. ``LONDON 1996-08-30``; ``Aug 14`` needs a year."""
    if dateline is None:
        return None
    iso = _ISO_ANYWHERE.search(dateline.text)
    if iso:
        return _make(int(iso[1]), int(iso[2]), int(iso[3]))
    rest = _after_place(dateline)
    found = _dateline_month_day(rest)
    if found is None:
        return None
    month, day, printed = found
    chosen = printed or year
    if chosen is None:
        return None
    return _make(chosen, month, day)


# "March 3", "SEpt. 4", "Febuary 26, 1987": any word `month_number` reads as a month.
_LOOSE_MONTH_DAY = re.compile(r"\b([A-Za-z]{3,10})\.?[ ]?(\d{1,2})(?!\d)(?:,?\s+((?:19|20)\d\d))?")


def dateline_month_day(dateline: Dateline | None) -> tuple[int, int] | None:
    """(month, day) a dateline gives, with or without a year: ``Aug 14``, ``JUne 4``."""
    if dateline is None:
        return None
    found = _dateline_month_day(_after_place(dateline))
    return found[:2] if found else None


def _after_place(dateline: Dateline) -> str:
    rest = dateline.text
    if dateline.place:
        city = dateline.place.split(",")[0]
        index = rest.lower().find(city.lower())
        if index >= 0:
            rest = rest[index + len(city) :]
    return rest


def _dateline_month_day(rest: str) -> tuple[int, int, int | None] | None:
    for found in _LOOSE_MONTH_DAY.finditer(rest):
        month = month_number(found[1])
        if month is not None:
            return month, int(found[2]), int(found[3]) if found[3] else None
    found = _IN_DATELINE[1].search(rest)
    if found is None:
        return None
    parts = found.groupdict()
    year = int(parts["year"]) if parts.get("year") else None
    return MONTHS[_mkey(parts)], int(parts["day"]), year


def stamp_in_text(paragraphs: Sequence[str], *, limit: int = 3) -> dt.date | None:
    """A paragraph near the top that is nothing but a date: a publication stamp."""
    for paragraph in paragraphs[:limit]:
        date = parse_date(paragraph)
        if date is not None:
            return date
    return None


# Where an archive's own layout dates a story: seeds/2024/05/03/x.txt, a name such as
# 2024-05-03-harbour.txt or harbour_20240503.txt. A folder of a year (2024/, 2024/05/,
# 2024/may/) gives no day, but it gives the year a wire dateline leaves out.
_PATH_DAY = (
    re.compile(r"(?:^|/)((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})/"),
    re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.](\d\d)[-_.](\d\d)(?!\d)"),
    re.compile(r"(?<!\d)((?:19|20)\d\d)(\d\d)(\d\d)(?!\d)"),
)
_PATH_YEAR = re.compile(
    rf"(?:^|/)(?P<year>(?:19|20)\d\d)/(?:(?P<mnum>\d{{1,2}})/|{_MONTH}/)?", re.IGNORECASE
)


def path_date(path: str | None) -> dt.date | None:
    """The date a seed's path gives, relative to seeds/ (``2024/05/03/harbour.txt``)."""
    if not path:
        return None
    rel = path.removeprefix("seeds/")
    for pattern in _PATH_DAY:
        for found in pattern.finditer(rel):
            date = _make(int(found[1]), int(found[2]), int(found[3]))
            if date is not None:
                return date
    return None


def path_year(path: str | None) -> int | None:
    """The year of the folder a seed is filed under (``2024/``, ``2024/05/``, ``2024/may/``)."""
    if not path:
        return None
    found = _PATH_YEAR.search(path.removeprefix("seeds/").rsplit("/", 1)[0] + "/")
    if found is None:
        return None
    month = found["mnum"]
    if month is not None and not 1 <= int(month) <= 12:
        return None
    return int(found["year"])


def _dateline_before(dateline: Dateline | None, latest: dt.date) -> dt.date | None:
    """A year-less dateline's date, in the latest year that does not put it after
    `latest` (the day its seed was filed under or saved)."""
    for year in (latest.year, latest.year - 1):
        date = dateline_date(dateline, year=year)
        if date is not None and date <= latest:
            return date
    return None


def from_mtime(mtime: float | None) -> dt.date | None:
    if mtime is None:
        return None
    try:
        return dt.datetime.fromtimestamp(mtime, tz=dt.UTC).date()
    except (OverflowError, OSError, ValueError):
        return None


def find_date(
    *,
    front_matter: dt.date | None = None,
    metadata: dt.date | None = None,
    dateline: Dateline | None = None,
    paragraphs: Sequence[str] = (),
    path: str | None = None,
    mtime: float | None = None,
    default_year: int | None = None,
) -> tuple[dt.date | None, str | None]:
    """The most trusted publication date available, and its source name. `path`: the
    seed's (``seeds/2024/05/03/harbour.txt``); `default_year`: the site's `year:`.

    A dateline's month and day take their year from, first to last: the dateline itself
    (``March 3, 1987``), the text (the same month and day written with a year), the
    seed's path or folder, the site-wide `year:`, and only then the file's time, which
    the date source then says (`FILE_YEAR`)."""
    if front_matter is not None:
        return front_matter, FRONT_MATTER
    if metadata is not None:
        return metadata, METADATA
    date = dateline_date(dateline)
    if date is not None:
        return date, DATELINE
    month_day_ = dateline_month_day(dateline)
    if month_day_ is not None:
        year = year_in_text(paragraphs, *month_day_)
        if year is not None:
            return dateline_date(dateline, year=year), DATELINE
    date = stamp_in_text(paragraphs)
    if date is not None:
        return date, TEXT
    # A wire dateline gives the day but not the year ("WESTPORT, Feb 26 (Reuters)"): the
    # year comes from where the seed is filed, else from when its file was saved.
    filed = path_date(path)
    if filed is not None:
        date = _dateline_before(dateline, filed)
        return (date, DATELINE) if date is not None else (filed, PATH)
    for year in (path_year(path), default_year):
        if year is not None:
            date = dateline_date(dateline, year=year)
            if date is not None:
                return date, DATELINE
    saved = from_mtime(mtime)
    if saved is not None:
        date = _dateline_before(dateline, saved)
        if date is not None:
            return date, FILE_YEAR
        return saved, FILE_MTIME
    return None, None


def year_in_text(paragraphs: Sequence[str], month: int, day: int, *, limit: int = 5) -> int | None:
    """The year the story writes beside its dateline's month and day ("on March 3, 1987"):
    a year named loosely ("1986 results") says nothing of when the story ran."""
    for paragraph in paragraphs[:limit]:
        for pattern in _ANYWHERE:
            for found in pattern.finditer(paragraph):
                date = parse_date(found.group(0))
                if date is not None and (date.month, date.day) == (month, day):
                    return date.year
    return None


_ANYWHERE = [re.compile(rf"(?<![\w/.-]){form}(?![\w/-])", re.IGNORECASE) for form in _FORMS]


def search_date(text: str) -> dt.date | None:
    """The first full date anywhere in a short labelled line such as ``Published: ...``."""
    hits = [found for pattern in _ANYWHERE if (found := pattern.search(text))]
    for found in sorted(hits, key=lambda m: m.start()):
        date = parse_date(found.group(0))
        if date is not None:
            return date
    return None
