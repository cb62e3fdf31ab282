"""Names in business wire copy: companies, not people, and one page per body."""

from __future__ import annotations

from newsgen.analysis.entities import extract_entities
from newsgen.analysis.entity_rules import company_words


def _names(text: str, title: str = "Results of the quarter") -> tuple[list[str], list[str]]:
    people, _, orgs = extract_entities(title, [text])
    return [e.name for e in people], [e.name for e in orgs]


def test_a_company_keeps_the_nationality_or_trade_before_its_legal_form() -> None:
    _, orgs = _names("LONDON, May 4 - Norwegian Salmon Farms PLC said output rose 5 pct.")
    assert orgs == ["Norwegian Salmon Farms PLC"]
    _, orgs = _names("HOUSTON, May 4 - Builders Regional Corp said it expects a loss.")
    assert orgs == ["Builders Regional Corp"]


def test_a_possessive_before_a_company_is_part_of_its_name() -> None:
    people, orgs = _names("NEW YORK, May 4 - Kestrel's Ratings Service Inc said it cut the debt.")
    assert people == []
    assert any(o.startswith("Kestrel's Ratings Service") for o in orgs)


def test_a_ticker_is_no_name() -> None:
    _, orgs = _names("The sale of Maison Durand <MDUR.PA> went ahead on Tuesday.")
    assert "MDUR" not in orgs and "PA" not in orgs


def test_a_legal_form_makes_a_company_of_what_looked_like_a_person() -> None:
    assert company_words("Lindqvist Maskin AB") and company_words("Harbour Foods Inc.")
    assert not company_words("Anna Abbott") and not company_words("Coco Chanel")


def test_a_post_or_a_number_word_ends_no_persons_name() -> None:
    people, _ = _names("Queens Borough President spoke, and Record April One was read out.")
    assert "Queens Borough President" not in people
    assert "Record April One" not in people and "April One" not in people


def test_a_lone_word_nothing_vouches_for_is_no_person_in_wire_copy() -> None:
    people, _ = _names("The four former partners of Petrolex met in Vienna on Monday.")
    assert "Petrolex" not in people


def test_a_surname_with_its_full_name_in_the_story_is_still_the_person() -> None:
    people, _ = _names("Maria Okonjo said the plan would work. Okonjo added that it was cheap.")
    assert people == ["Maria Okonjo"]


def test_an_acronym_in_brackets_is_the_body_it_follows() -> None:
    _, orgs = _names(
        "PARIS, May 4 - The National Office of Surveys (NOSV) said prices rose. "
        "NOSV said the rise would slow."
    )
    assert orgs == ["National Office of Surveys"]


def test_a_bare_house_in_us_copy_is_the_house_of_representatives() -> None:
    _, _, orgs = extract_entities(
        "Results", ["The House passed the farm bill, and the Senate will vote next week."]
    )
    house = next(e for e in orgs if e.name == "House")
    assert (house.slug, house.canonical) == ("house-of-representatives", "House of Representatives")
