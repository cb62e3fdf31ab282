"""The site model: ordering, one page per entity, related stories."""

from __future__ import annotations

import datetime as dt

from newsgen.article import Article, Entity, Topic
from newsgen.site.model import build_model


def story(slug: str, day: int, *, people=(), orgs=(), topics=()) -> Article:
    return Article(
        slug=slug,
        title=f"Story {slug}",
        paragraphs=["Text."],
        date=dt.date(2024, 5, day),
        people=[Entity(name=n, slug=n.lower().replace(" ", "-"), kind="person") for n in people],
        organizations=[
            Entity(name=n, slug=n.lower().replace(" ", "-"), kind="organization") for n in orgs
        ],
        topics=[Topic(name=t, slug=t) for t in topics],
    )


def test_an_entity_typed_differently_in_one_story_still_has_one_page() -> None:
    model = build_model(
        [
            story("a", 1, people=["Alan Milburn"]),
            story("b", 2, people=["Alan Milburn"]),
            story("c", 3, orgs=["Alan Milburn"]),
        ]
    )
    assert "alan-milburn" in model.terms["person"]
    assert "alan-milburn" not in model.terms["organization"]
    assert [a.slug for a in model.terms["person"]["alan-milburn"].articles] == ["c", "b", "a"]
    assert [t.slug for t in model.article_terms(model.by_slug["c"])["person"]] == ["alan-milburn"]


def test_newest_first_and_same_day_by_headline() -> None:
    model = build_model([story("b", 1), story("c", 2), story("a", 1)])
    assert [a.slug for a in model.articles] == ["c", "a", "b"]


def test_related_stories_share_rare_terms() -> None:
    stories = [
        story("x1", 1, people=["Ann Lee"], topics=["elections"]),
        story("x2", 2, people=["Ann Lee"], topics=["elections"]),
        story("y1", 3, topics=["elections"]),
        *(story(f"z{i}", 4, topics=["football"]) for i in range(10)),
    ]
    model = build_model(stories, related_count=2)
    assert next(a.slug for a in model.related["x1"]) == "x2"
    assert all(a.slug != "x1" for a in model.related["x1"])


def test_home_ranks_topics_of_the_last_month_of_the_archive() -> None:
    from newsgen.config import SiteConfig
    from newsgen.site.pages import plan_pages

    old = [story(f"o{i}", 1, topics=["elections"]) for i in range(3)]
    for a in old:
        a.date = dt.date(2024, 1, 1)
    model = build_model([*old, story("n", 20, topics=["football"])])
    home = next(plan_pages(model, SiteConfig()))
    assert [(t.slug, n) for t, n in home.context["top_topics"]] == [("football", 1)]
    assert home.context["period"] == (dt.date(2024, 5, 20), dt.date(2024, 5, 20))


def test_pages_carry_the_canonical_name_stories_carry_their_own() -> None:
    a = story("a", 1)
    a.places = [
        Entity(
            name="U.S.",
            slug="united-states",
            kind="place",
            forms=("U.S.",),
            canonical="United States",
        )
    ]
    b = story("b", 2)
    b.places = [
        Entity(
            name="US", slug="united-states", kind="place", forms=("US",), canonical="United States"
        )
    ]
    model = build_model([a, b])
    assert model.terms["place"]["united-states"].name == "United States"


def _lone(slug: str, day: int, *people: str, section: Topic | None = None) -> Article:
    a = story(slug, day, people=people)
    a.section = section
    return a


def test_a_lone_surname_is_listed_under_the_one_person_of_that_name_the_archive_knows() -> None:
    model = build_model(
        [
            _lone("a", 1, "John Howard"),
            _lone("b", 2, "John Howard", "Peter Costello"),
            _lone("c", 3, "Howard"),
        ]
    )
    assert model.entity_aliases == {"howard": "john-howard"}
    assert "howard" not in model.terms["person"]
    page = model.terms["person"]["john-howard"]
    assert [a.slug for a in page.articles] == ["c", "b", "a"]
    assert page.name == "John Howard"  # the lone surname gives the page no name
    assert [t.slug for t in model.article_terms(model.by_slug["c"])["person"]] == ["john-howard"]


def test_a_lone_surname_several_people_share_keeps_its_own_page() -> None:
    model = build_model(
        [
            _lone("a", 1, "Bill Clinton"),
            _lone("b", 2, "Hillary Clinton"),
            _lone("c", 3, "Hillary Clinton"),
            _lone("d", 4, "Clinton"),
        ]
    )
    assert model.entity_aliases == {}
    assert "clinton" in model.terms["person"]


def test_a_dominant_person_takes_the_surname_and_sports_copy_keeps_its_players() -> None:
    sport = Topic(name="Sport", slug="sport", qcode="medtop:15000000")
    stories = [_lone(f"k{i}", i, "Ted Kennedy") for i in range(1, 9)]
    stories += [
        _lone("g", 10, "Gerard Kennedy"),
        _lone("x", 11, "Kennedy"),
        _lone("y", 12, "Kennedy", section=sport),  # a player, by his surname
    ]
    model = build_model(stories)
    assert model.entity_aliases == {"kennedy": "ted-kennedy"}  # 8 of 9 stories
    assert [a.slug for a in model.terms["person"]["kennedy"].articles] == ["y"]
    assert "x" in [a.slug for a in model.terms["person"]["ted-kennedy"].articles]


def test_the_x_and_x_share_a_page_and_a_bare_name_goes_to_its_party() -> None:
    model = build_model(
        [
            story("a", 1, orgs=["The Times", "Labor"]),
            story("b", 2, orgs=["Times"]),
            story("c", 3, orgs=["Times", "Labor Party"]),
            story("d", 4, orgs=["Labor", "Labor Party"]),
            story("e", 5, orgs=["Senate"]),
            story("f", 6, orgs=["Senate"]),
            story("g", 7, orgs=["Senate"]),
            story("h", 8, orgs=["Senate Party"]),  # a slip in one story of four
        ]
    )
    assert model.entity_aliases == {"the-times": "times", "labor": "labor-party"}
    orgs = model.terms["organization"]
    assert [a.slug for a in orgs["times"].articles] == ["c", "b", "a"]
    assert orgs["times"].name == "Times"
    assert [a.slug for a in orgs["labor-party"].articles] == ["d", "c", "a"]
    assert [t.slug for t in model.article_terms(model.by_slug["d"])["organization"]] == [
        "labor-party"
    ]
    assert "senate" in orgs and "senate-party" in orgs
