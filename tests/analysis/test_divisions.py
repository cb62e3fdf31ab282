"""The provinces, states and regions the gazetteer takes from ISO 3166-2 and our list."""

from __future__ import annotations

from newsgen.analysis import gazetteer as gz
from newsgen.analysis.divisions import divisions


def test_divisions_are_written_as_english_copy_writes_them() -> None:
    found = dict(divisions(gz.unaccented))
    assert found["Sichuan"] == "CN"  # ISO: "Sichuan Sheng"
    assert found["Inner Mongolia"] == "CN"  # ISO: "Nei Mongol Zizhiqu"
    assert found["Karnataka"] == "IN"  # ISO: "Karnātaka"
    assert found["Helmand"] == "AF"
    assert found["Michoacán"] == "MX"  # a Spanish name keeps its accent
    assert found["Bavaria"] == "DE"  # ISO gives "Bayern"


def test_a_division_named_like_a_word_or_a_person_stays_out() -> None:
    names = {name for name, _ in divisions(gz.unaccented)}
    assert not names & {"Delta", "Rivers", "Lara", "Miranda", "Santander", "Farah", "Ogun"}
    assert all(len(name) > 3 for name in names)


def test_a_name_two_countries_give_is_filed_under_neither() -> None:
    place = gz.lookup_place("Punjab")
    assert place is not None and place.kind == "region" and place.country is None
    # a city of the name keeps it
    assert gz.lookup_place("Lagos").kind == "city"
