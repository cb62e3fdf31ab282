"""The site model: every listing the site shows, computed from records, with no I/O.

Articles are ordered newest first (ties by headline) so that every listing, page
split and feed comes out the same on every build.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from newsgen.article import Article, Quote
from newsgen.urls import term_uri

TERM_KINDS = ("section", "topic", "person", "place", "organization")
# A term this common says little about which stories are related.
_RELATED_MAX_DF = 0.2
_RELATED_SCAN = 150


@dataclass
class Term:
    """One section, topic, person, place or organisation, and its stories."""

    kind: str
    slug: str
    name: str
    articles: list[Article] = field(default_factory=list)
    qcode: str | None = None
    parent: str | None = None
    country: str | None = None

    @property
    def uri(self) -> str:
        return term_uri(self.kind, self.slug)

    @property
    def count(self) -> int:
        return len(self.articles)


@dataclass(frozen=True, slots=True)
class SpeakerQuotes:
    speaker: str
    quotes: list[tuple[Quote, Article]]


@dataclass
class SiteModel:
    articles: list[Article]
    by_slug: dict[str, Article]
    terms: dict[str, dict[str, Term]]
    years: dict[int, dict[int, list[Article]]]
    related: dict[str, list[Article]]
    neighbours: dict[str, tuple[Article | None, Article | None]]
    speakers: list[SpeakerQuotes]
    entity_kinds: dict[str, str] = field(default_factory=dict)

    def terms_of(self, kind: str) -> list[Term]:
        """All terms of a kind, most stories first, then by name."""
        return sorted(self.terms[kind].values(), key=lambda t: (-t.count, t.name.lower(), t.slug))

    def article_terms(self, article: Article) -> dict[str, list[Term]]:
        """The terms an article links to, by kind, resolved to archive-wide terms."""
        out: dict[str, list[Term]] = {}
        for kind, items in _article_items(article, self.entity_kinds):
            terms = [self.terms[kind][slug] for slug, _ in items if slug in self.terms[kind]]
            out[kind] = terms
        return out


def sort_key(a: Article) -> tuple[int, str, str]:
    """Newest first; stories of the same day in headline order (undated ones last)."""
    return (-(a.date or dt.date.min).toordinal(), a.title.casefold(), a.slug)


_ENTITY_KINDS = ("person", "place", "organization")


def entity_kinds(articles: list[Article]) -> dict[str, str]:
    """The kind most stories give each entity, so one page gathers all its stories.

    The tagger decides per story; "Alan Milburn" may come out a person in five
    stories and an organisation in one. Ties go person, place, organisation.
    """
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for a in articles:
        for e in a.entities:
            votes[e.slug][e.kind] += 1
    return {
        slug: min(counter, key=lambda k: (-counter[k], _ENTITY_KINDS.index(k)))
        for slug, counter in votes.items()
    }


def _article_items(
    a: Article, kinds: dict[str, str] | None = None
) -> list[tuple[str, list[tuple[str, str]]]]:
    buckets: dict[str, list[tuple[str, str]]] = {k: [] for k in _ENTITY_KINDS}
    for e in a.entities:
        item = (e.slug, e.canonical or e.name)
        bucket = buckets[kinds.get(e.slug, e.kind) if kinds else e.kind]
        if item not in bucket:
            bucket.append(item)
    return [
        ("section", [(a.section.slug, a.section.name)] if a.section else []),
        ("topic", [(t.slug, t.name) for t in a.topics]),
        *((kind, buckets[kind]) for kind in _ENTITY_KINDS),
    ]


def build_model(articles: list[Article], *, related_count: int = 4) -> SiteModel:
    ordered = sorted(articles, key=sort_key)
    by_slug = {a.slug: a for a in ordered}
    kinds = entity_kinds(ordered)
    terms = _collect_terms(ordered, kinds)
    years: dict[int, dict[int, list[Article]]] = defaultdict(lambda: defaultdict(list))
    for a in ordered:
        if a.date is not None:
            years[a.date.year][a.date.month].append(a)
    return SiteModel(
        articles=ordered,
        by_slug=by_slug,
        terms=terms,
        years={
            y: dict(sorted(m.items(), reverse=True)) for y, m in sorted(years.items(), reverse=True)
        },
        related=_related(ordered, terms, by_slug, related_count, kinds),
        neighbours=_neighbours(ordered),
        speakers=_speakers(ordered),
        entity_kinds=kinds,
    )


def _collect_terms(ordered: list[Article], kinds: dict[str, str]) -> dict[str, dict[str, Term]]:
    terms: dict[str, dict[str, Term]] = {k: {} for k in TERM_KINDS}
    names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for a in ordered:
        extras = {
            **({("section", a.section.slug): a.section} if a.section else {}),
            **{("topic", t.slug): t for t in a.topics},
        }
        entities = {(kinds.get(e.slug, e.kind), e.slug): e for e in a.entities}
        for kind, items in _article_items(a, kinds):
            for slug, name in items:
                term = terms[kind].get(slug)
                if term is None:
                    term = terms[kind][slug] = Term(kind=kind, slug=slug, name=name)
                    topic = extras.get((kind, slug))
                    if topic is not None:
                        term.qcode, term.parent = topic.qcode, topic.parent
                    entity = entities.get((kind, slug))
                    if entity is not None:
                        term.country = entity.country
                if not term.articles or term.articles[-1] is not a:
                    term.articles.append(a)
                names[(kind, slug)][name] += 1
    for (kind, slug), counter in names.items():
        # The name most stories use, ties alphabetically: stable whatever the order.
        terms[kind][slug].name = min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return terms


def _related(
    ordered: list[Article],
    terms: dict[str, dict[str, Term]],
    by_slug: dict[str, Article],
    count: int,
    kinds: dict[str, str],
) -> dict[str, list[Article]]:
    """Most related stories by shared topics and entities, via the term index.

    Each shared term adds its IDF weight. Candidates come from the postings of
    the article's rarest terms first, up to `_RELATED_SCAN` postings in all, so
    the cost per article is bounded and the whole pass grows linearly with the
    archive, never with its square.
    """
    n = max(len(ordered), 1)
    limit = max(2, int(n * _RELATED_MAX_DF))
    weight = {
        (kind, slug): math.log(n / t.count) + 1.0
        for kind in ("topic", "person", "place", "organization")
        for slug, t in terms[kind].items()
        if 2 <= t.count <= limit
    }
    out: dict[str, list[Article]] = {}
    for a in ordered:
        if a.related:
            out[a.slug] = [by_slug[s] for s in a.related if s in by_slug and s != a.slug][:count]
            continue
        own = [
            (kind, slug)
            for kind, items in _article_items(a, kinds)
            if kind != "section"
            for slug, _ in items
            if (kind, slug) in weight
        ]
        own.sort(key=lambda key: (terms[key[0]][key[1]].count, key))
        scores: dict[str, float] = {}
        budget = _RELATED_SCAN
        for key in own:
            if budget <= 0:
                break
            postings = terms[key[0]][key[1]].articles[:budget]
            budget -= len(postings)
            w = weight[key]
            for other in postings:
                if other is not a:
                    scores[other.slug] = scores.get(other.slug, 0.0) + w
        best = heapq.nsmallest(count, scores.items(), key=lambda kv: (-kv[1], kv[0]))
        out[a.slug] = [by_slug[s] for s, _ in best]
    return out


def _neighbours(ordered: list[Article]) -> dict[str, tuple[Article | None, Article | None]]:
    return neighbours_of(ordered, [a.section.slug if a.section else "" for a in ordered])


def neighbours_of(
    ordered: list[Article], sections: list[str]
) -> dict[str, tuple[Article | None, Article | None]]:
    """(older, newer) story in the same section; `sections` are the stories' section slugs."""
    by_section: dict[str, list[Article]] = defaultdict(list)
    for a, section in zip(ordered, sections, strict=True):
        by_section[section].append(a)
    out = {}
    for items in by_section.values():
        for i, a in enumerate(items):
            newer = items[i - 1] if i > 0 else None
            older = items[i + 1] if i + 1 < len(items) else None
            out[a.slug] = (older, newer)
    return out


def _speakers(ordered: list[Article]) -> list[SpeakerQuotes]:
    grouped: dict[str, list[tuple[Quote, Article]]] = defaultdict(list)
    for a in ordered:
        for q in a.quotes:
            if q.speaker:
                grouped[q.speaker].append((q, a))
    return [
        SpeakerQuotes(speaker=s, quotes=grouped[s])
        for s in sorted(grouped, key=lambda s: (-len(grouped[s]), s.lower()))
    ]
