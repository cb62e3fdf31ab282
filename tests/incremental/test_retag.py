"""Moving re-tagged stories in the last build's model gives the model a whole build
would make, and names every page it reaches beyond the stories' own (retag.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgen.article import Article, Entity, Quote, Topic
from newsgen.config import SiteConfig
from newsgen.incremental import retag
from newsgen.incremental.catalog import Catalog
from newsgen.incremental.retag import Moved, move
from newsgen.incremental.signature import Signer
from newsgen.incremental.snapshot import PageDeps, Snapshot, save
from newsgen.site import model as site
from newsgen.site import search
from newsgen.site.model import TERM_KINDS, SiteModel, build_model
from newsgen.site.pages import plan_pages, speaker_uris

CONFIG = SiteConfig(per_page=2, related_count=2)
# Two spellings of some names, so that a term's name is a vote too.
ENTITIES = [
    ("ana-costa", "person", ("Ana Costa", "ANA COSTA")),
    ("joana-ferreira", "person", ("Joana Ferreira",)),
    # Lone surnames: the archive may resolve them to one of the people above, or not.
    ("costa", "person", ("Costa",)),
    ("ferreira", "person", ("Ferreira",)),
    ("rui-ferreira", "person", ("Rui Ferreira",)),
    ("lisbon", "place", ("Lisbon", "Lisboa")),
    ("oslo", "place", ("Oslo",)),
    ("reuters", "organization", ("Reuters",)),
    # Another name of a body: "The Times" and "Times" share a page, "Labor" goes to "Labor
    # Party"'s when it is common enough.
    ("the-times", "organization", ("The Times",)),
    ("times", "organization", ("Times",)),
    ("labor", "organization", ("Labor",)),
    ("labor-party", "organization", ("Labor Party",)),
]
SECTIONS = [("politics", "Politics"), ("sport", "Sport"), ("business", "Business")]
TOPICS = [("ports", ("Ports", "Harbours")), ("floods", ("Floods",)), ("votes", ("Votes",))]
SPEAKERS = ["Ana Costa", "ANA COSTA", "Joana Ferreira", "Tom Hale"]


@st.composite
def tags(draw: st.DrawFn) -> dict[str, Any]:
    """Everything of a story the site model reads, but its slug, headline and date."""
    entities: dict[str, list[Entity]] = {"person": [], "place": [], "organization": []}
    for slug, usual, names in draw(st.lists(st.sampled_from(ENTITIES), max_size=4, unique=True)):
        # Now and then the tagger disagrees with itself: kinds are a vote.
        kind = draw(st.sampled_from([usual] * 4 + ["organization"]))
        country = draw(st.sampled_from([None, None, "Portugal"]))
        entities[kind].append(Entity(draw(st.sampled_from(names)), slug, kind, country=country))
    section = draw(st.sampled_from([None, *SECTIONS]))
    topics = [
        Topic(draw(st.sampled_from(names)), slug, qcode=draw(st.sampled_from([None, "q:1"])))
        for slug, names in draw(st.lists(st.sampled_from(TOPICS), max_size=2, unique=True))
    ]
    speakers = draw(st.lists(st.sampled_from([None, *SPEAKERS]), max_size=3))
    return {
        "section": Topic(section[1], section[0]) if section else None,
        "topics": topics,
        "people": entities["person"],
        "places": entities["place"],
        "organizations": entities["organization"],
        "quotes": [Quote(f"Quote {i}", s) for i, s in enumerate(speakers)],
        "related": draw(st.sampled_from([[], [], ["s-1", "s-3"]])),
    }


def _story(n: int, fields: dict[str, Any], fingerprint: str) -> Article:
    return Article(
        slug=f"s-{n}",
        title=f"Story {n}",
        paragraphs=[f"Text {n}."],
        date=dt.date(2024, 5, 1 + n % 4),
        fingerprint=fingerprint,
        **fields,
    )


def _signatures(model: SiteModel) -> dict[str, str]:
    signer = Signer("base")
    return {p.uri: signer.sign(p.template, p.context) for p in plan_pages(model, CONFIG)}


def _term_view(model: SiteModel) -> dict[tuple[str, str], Any]:
    return {
        (kind, t.slug): (t.name, t.qcode, t.parent, t.country, [a.slug for a in t.articles])
        for kind in TERM_KINDS
        for t in model.terms[kind].values()
    }


def _article_view(model: SiteModel, slug: str) -> Any:
    older, newer = model.neighbours.get(slug, (None, None))
    terms = model.article_terms(model.by_slug[slug])
    return (
        [a.slug for a in model.related.get(slug, [])],
        older and older.slug,
        newer and newer.slug,
        {
            k: [(t.slug, t.name, t.qcode, t.parent, t.country) for t in ts]
            for k, ts in terms.items()
        },
    )


def _speaker_view(model: SiteModel) -> dict[str, Any]:
    uris = speaker_uris([g.speaker for g in model.speakers])
    return {
        g.speaker: (uri, [(a.slug, q.text) for q, a in g.quotes])
        for g, uri in zip(model.speakers, uris, strict=True)
    }


@settings(max_examples=200, deadline=None)
@given(
    stories=st.lists(tags(), min_size=2, max_size=8),
    edits=st.lists(st.tuples(st.integers(0, 7), tags()), min_size=1, max_size=3),
    scan=st.sampled_from([2, 3, 150]),
)
def test_moving_stories_gives_the_model_of_a_whole_build(
    stories: list[dict[str, Any]], edits: list[tuple[int, dict[str, Any]]], scan: int
) -> None:
    # A small scan budget, as a big archive's stories meet it: the rest is not scanned.
    with mock.patch.object(site, "_RELATED_SCAN", scan):
        _check_moving(stories, edits)


def _check_moving(stories: list[dict[str, Any]], edits: list[tuple[int, dict[str, Any]]]) -> None:
    before = [_story(n, fields, f"old{n}") for n, fields in enumerate(stories)]
    old_model = build_model(before, related_count=CONFIG.related_count)
    catalog = Catalog(None)
    save(catalog, "theme", old_model, PageDeps())
    snapshot = Snapshot.load(catalog, "theme")
    assert snapshot is not None

    after = {a.slug: a for a in before}
    was: dict[str, Article] = {}
    for n, fields in edits:
        slug = f"s-{n % len(before)}"
        was[slug] = next(a for a in before if a.slug == slug)
        after[slug] = _story(n % len(before), fields, f"new{n}")
    restored = snapshot.restore(after)
    tally = snapshot.tally(catalog)
    assert tally is not None
    sections = list(snapshot.data["sections"])
    moved = move(restored, was, tally, sections, CONFIG)
    whole = build_model(list(after.values()), related_count=CONFIG.related_count)
    if moved is None:  # an entity changed kind: a whole build
        return

    assert _signatures(restored) == _signatures(whole)
    assert restored.tally == whole.tally
    assert restored.entity_kinds == whole.entity_kinds
    assert restored.entity_aliases == whole.entity_aliases
    assert sections == [a.section.slug if a.section else "" for a in whole.articles]
    # Every page that changed beyond the stories' own is among those named.
    for slug in whole.by_slug:
        if slug not in was and _article_view(old_model, slug) != _article_view(whole, slug):
            assert slug in moved.articles
    old_terms, new_terms = _term_view(old_model), _term_view(whole)
    for key in old_terms.keys() | new_terms.keys():
        if old_terms.get(key) != new_terms.get(key):
            assert key in moved.terms
    old_speakers, new_speakers = _speaker_view(old_model), _speaker_view(whole)
    for speaker in old_speakers.keys() | new_speakers.keys():
        if old_speakers.get(speaker) != new_speakers.get(speaker):
            assert speaker in moved.speakers or speaker not in new_speakers


def test_a_story_that_changes_place_or_an_entity_that_changes_kind_is_not_moved() -> None:
    fields = {"people": [Entity("Ana Costa", "ana-costa", "person")]}
    before = [_story(n, dict(fields), f"old{n}") for n in range(3)]
    model = build_model(before)
    catalog = Catalog(None)
    save(catalog, "theme", model, PageDeps())
    snapshot = Snapshot.load(catalog, "theme")
    assert snapshot is not None

    def attempt(edited: Article) -> Moved | None:
        after = {a.slug: a for a in before} | {edited.slug: edited}
        tally = snapshot.tally(catalog)
        assert tally is not None
        restored = snapshot.restore(after)
        return move(
            restored, {edited.slug: before[1]}, tally, list(snapshot.data["sections"]), CONFIG
        )

    redated = dataclasses.replace(before[1], date=dt.date(2023, 1, 1), fingerprint="new")
    assert attempt(redated) is None
    # Ana Costa is a person in two stories: one story calling her a place changes nothing.
    place = dataclasses.replace(
        before[1], people=[], places=[Entity("Ana Costa", "ana-costa", "place")], fingerprint="new"
    )
    assert attempt(place) is not None
    named = dataclasses.replace(
        before[1],
        people=[*before[1].people, Entity("Joana Ferreira", "joana-ferreira", "person")],
        fingerprint="new",
    )
    moved = attempt(named)
    assert moved is not None and ("person", "joana-ferreira") in moved.terms


def test_a_term_that_shrinks_past_a_scan_horizon_is_scanned_again() -> None:
    """Story x scans only topic "zz" (its budget runs out there) until its person "k"
    loses a story and comes first in x's scan: x's related stories change."""

    def story(n: int, topics: list[str], people: list[str]) -> Article:
        return _story(
            n,
            {
                "topics": [Topic(t, t) for t in topics],
                "people": [Entity(p, p, "person") for p in people],
            },
            f"fp{n}-{len(people)}",
        )

    # x = 0, y = 1 share "zz"; x, s = 2 and z = 3 share "k"; the rest fill the archive
    # so that a term of three stories still weighs (at most a fifth of them).
    before = [story(0, ["zz"], ["k"]), story(1, ["zz"], []), story(2, [], ["k"])]
    before += [story(3, [], ["k"]), *(story(n, [], []) for n in range(4, 16))]
    with mock.patch.object(site, "_RELATED_SCAN", 2):
        model = build_model(before, related_count=1)
        assert [a.slug for a in model.related["s-0"]] == ["s-1"]
        catalog = Catalog(None)
        save(catalog, "theme", model, PageDeps())
        snapshot = Snapshot.load(catalog, "theme")
        assert snapshot is not None
        edited = story(2, [], [])
        after = {a.slug: a for a in before} | {"s-2": edited}
        restored = snapshot.restore(after)
        tally = snapshot.tally(catalog)
        assert tally is not None
        config = SiteConfig(related_count=1)
        moved = move(restored, {"s-2": before[2]}, tally, list(snapshot.data["sections"]), config)
        whole = build_model(list(after.values()), related_count=1)
    assert moved is not None
    assert [a.slug for a in whole.related["s-0"]] == ["s-3"]
    assert [a.slug for a in restored.related["s-0"]] == ["s-3"]
    assert "s-0" in moved.articles


@st.composite
def filed(draw: st.DrawFn) -> dict[str, Any]:
    """A story's section and topics, in spellings that vary (facets take their name from
    one story: a section's last, a topic's first)."""
    section = draw(st.sampled_from([None, ("politics", "Politics"), ("politics", "POLITICS")]))
    slugs = draw(st.lists(st.sampled_from(["ports", "floods", "votes"]), max_size=2, unique=True))
    return {
        "section": Topic(section[1], section[0]) if section else None,
        "topics": [Topic(draw(st.sampled_from([s.title(), s.upper()])), s) for s in slugs],
    }


@settings(max_examples=150, deadline=None)
@given(files=st.lists(filed(), min_size=1, max_size=8), which=st.integers(0, 7), new=filed())
def test_a_patched_search_index_follows_sections_and_topics(
    files: list[dict[str, Any]], which: int, new: dict[str, Any]
) -> None:
    ordered = build_model([_story(n, fields, f"old{n}") for n, fields in enumerate(files)]).articles
    old = ordered[which % len(ordered)]
    edited = dataclasses.replace(old, fingerprint="new", **new)
    model = build_model([edited if a is old else a for a in ordered])
    number = {a.slug: i for i, a in enumerate(model.articles)}
    before = dict(search.search_files(ordered))
    after = dict(search.search_files(model.articles))
    facets = retag._facets(model, {old.slug: old}, number)
    patch = search.patch_search(before.get, [], [(number[old.slug], edited)], facets)
    assert patch is not None
    result = {**before, **{uri: text for uri, text in patch.items() if text is not None}}
    for uri in [uri for uri, text in patch.items() if text is None]:
        del result[uri]
    assert result == after
