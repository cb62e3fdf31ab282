"""A wire dateline is a place: never a person, an organisation or a piece of a name;
and every place files its story under its country."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from newsgen.analysis import analyse
from newsgen.analysis.dateline_places import tagger_paragraphs
from newsgen.analysis.gazetteer import dateline_place
from newsgen.article import Article, Dateline
from newsgen.ingest import ingest_bytes
from newsgen.ingest.datelines import _NOT_PLACES
from newsgen.ingest.dates import month_number


def _story(lede: str, *more: str) -> Article:
    text = "\n\n".join(["Harbour news", lede, *more]) + "\n"
    article = ingest_bytes(text.encode(), source_file="seeds/1987/wire.txt", mtime=0.0)
    analyse(article)
    return article


def _words(text: str) -> set[str]:
    return {w.strip(".,").casefold() for w in text.split() if w.strip(".,")}


def _names(article: Article, *kinds: str) -> list[str]:
    out = []
    for kind in kinds:
        for e in getattr(article, kind):
            out.extend((e.name, *e.forms))
    return out


def _assert_no_leak(article: Article) -> None:
    assert article.dateline is not None and article.dateline.place
    place = article.dateline.place
    words = _words(place)
    city = _words(place.split(",")[0])
    for name in _names(article, "people", "organizations"):
        assert not _words(name) <= words, (name, place)
    for name in _names(article, "people", "organizations", "places"):
        assert not _words(name) < city, (name, place)


@pytest.mark.parametrize(
    ("lede", "country"),
    [
        ("SOUTH BEND, Ind., March 3 - Harbour Foods Inc said it sold its mill.", "United States"),
        ("BOSTON, Mass., March 3 - Bay Freight Corp said profits rose.", "United States"),
        ("FORT WAYNE, Ind., June 4 - <Harbour Foods Inc> said it sold a plant.", "United States"),
        ("TRAIL, British Columbia, April 2 - The smelter reopened, the firm said.", "Canada"),
        ("SAINT JOHN, New Brunswick, April 2 - (Harbour Foods Ltd) said it hired.", "Canada"),
        ("DEERFIELD BEACH, Fla., March 3 - Shr 1.02 dlrs vs 88 cts", "United States"),
        ("HAMBURG, March 31 - <Nordhafen AG> said it ordered a new ship.", "Germany"),
        ("Lisbon, June 4 - Growers said the harvest was late.", "Portugal"),
    ],
)
def test_a_dateline_is_a_place_filed_under_its_country(lede: str, country: str) -> None:
    article = _story(lede, "The company said more would follow.")
    _assert_no_leak(article)
    assert article.dateline is not None and article.dateline.country == country
    names = [e.name for e in article.places]
    assert names[0] == article.dateline.city  # the dateline's city is the first place
    assert country in names


def test_a_city_named_in_the_text_files_the_story_under_its_country() -> None:
    article = _story("Officials in Toronto said the harbour would reopen.")
    assert "Canada" in [e.name for e in article.places]
    implied = next(e for e in article.places if e.name == "Canada")
    assert (implied.forms, implied.count) == ((), 0)  # never named: filed, not mentioned


def test_the_dateline_leaves_the_text_the_tagger_sees() -> None:
    line = Dateline(text="SOUTH BEND, Ind., March 3 -", place="South Bend, Ind.")
    paragraphs = ["SOUTH BEND, Ind., March 3 - Mills closed.", "More."]
    assert tagger_paragraphs(paragraphs, line) == ["Mills closed.", "More."]
    alone = Dateline(text="LONDON 1996-08-30", place="London")
    assert tagger_paragraphs(["LONDON 1996-08-30", "Rain fell."], alone) == ["Rain fell."]


@pytest.mark.parametrize(
    ("place", "parts"),
    [
        ("Fort Wayne, Ind.", ("Fort Wayne", "Indiana", "United States")),
        ("Bluewater, W. Va.", ("Bluewater", "West Virginia", "United States")),
        ("Trail, British Columbia", ("Trail", "British Columbia", "Canada")),
        ("Kestrel, Ont.", ("Kestrel", "Ontario", "Canada")),
        ("Taupo, New Zealand", ("Taupo", "New Zealand", "New Zealand")),
        ("Hamburg", ("Hamburg", None, "Germany")),
        ("Washington", ("Washington", None, "United States")),
        ("Nowhereville", ("Nowhereville", None, None)),
    ],
)
def test_dateline_place_parts(place: str, parts: tuple[str | None, ...]) -> None:
    found = dateline_place(place)
    assert (found.city, found.region, found.country) == parts


# Words that read as a month, or as a label such as "BASEBALL:", are no place.
_CITY_WORD = st.text(alphabet="ABCDEFGHIKLMNOPRSTUVWY", min_size=3, max_size=9).filter(
    lambda w: month_number(w) is None and w not in _NOT_PLACES
)
_REGIONS = st.sampled_from(
    ["", "Ind.", "Mass.", "Calif.", "N.Y.", "W. Va.", "Ont.", "British Columbia", "Texas"]
)
_MONTHS = st.sampled_from(["March", "MArch", "JUne", "SEpt.", "Oct", "april"])
_BODIES = st.sampled_from(
    [
        "<Harbour Foods Inc> said it sold its mill to Bay Freight Corp.",
        "(Harbour Foods Ltd), formerly Kestrel Mills, said profits rose.",
        "Shr 1.02 dlrs vs 88 cts",
        "John Marsh, chairman of Harbour Foods, said the plant would close.",
    ]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_CITY_WORD, min_size=1, max_size=3), _REGIONS, _MONTHS, st.integers(1, 28), _BODIES)
def test_a_dateline_never_turns_into_a_name(
    city: list[str], region: str, month: str, day: int, body: str
) -> None:
    assume(" ".join(city) not in _NOT_PLACES)
    place = " ".join(city) + (f", {region}" if region else "")
    article = _story(f"{place}, {month} {day} - {body}", "The company said more would follow.")
    _assert_no_leak(article)


def test_the_place_after_the_city_is_a_place_too() -> None:
    article = _story("KESTREL FALLS, Wisconsin 1996-08-29", "Rain stopped play on Friday.")
    names = [e.name for e in article.places]
    assert names[:2] == ["Kestrel Falls", "Wisconsin"]
    assert "United States" in names


def test_export_shows_the_countries_a_story_is_filed_under() -> None:
    from newsgen.commands.export import article_json

    article = _story("HAMBURG, March 31 - The U.S. shipyard said it would hire.")
    record = article_json(article, [])
    assert {"Germany", "United States"} <= set(record["place_countries"])
    # A country filed but never named is in `places` of the record, not of the export's
    # names the story used.
    assert all(p["count"] for p in record["places"])
    assert "Germany" not in record["entities"]["place"]
    assert record["dateline"]["country"] == "Germany"
