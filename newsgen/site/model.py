"""The site model: every listing the site shows, computed from records, with no I/O.

Articles are ordered newest first (ties by headline) so that every listing, page
split and feed comes out the same on every build.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from newsgen.article import Article, Quote, Topic
from newsgen.records.serial import dump_when
from newsgen.site.aliases import entity_aliases, is_sports
from newsgen.site.urls import term_uri

TERM_KINDS = ("section", "topic", "person", "place", "organization")


def _topic_read(t: Topic | None) -> list[Any] | None:
    return None if t is None else [t.slug, t.name, t.qcode, t.parent]


# What `build_model` reads of each story. A story whose values of these did not change
# keeps its place and terms in the model, so an edit to it re-renders only the pages that
# show it (`incremental.snapshot.shape` hashes them). A new field the model reads is
# added here, beside the code that reads it, and nowhere else in the small path.
MODEL_READS: dict[str, Callable[[Article], Any]] = {
    "slug": lambda a: a.slug,
    "title": lambda a: a.title,
    "date": lambda a: dump_when(a.date),
    # every section it is filed under: an edit that files it elsewhere re-plans those
    "sections": lambda a: [_topic_read(t) for t in a.all_sections],
    "topics": lambda a: [_topic_read(t) for t in a.topics],
    "entities": lambda a: [[e.slug, e.kind, e.name, e.canonical, e.country] for e in a.entities],
    "quotes": lambda a: [[i, q.speaker] for i, q in enumerate(a.quotes) if q.speaker],
    "related": lambda a: list(a.related),
}
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
    quotes: Sequence[tuple[Quote, Article]]


class _QuoteNumbers(Sequence[tuple[Quote, Article]]):
    """A speaker's quotes held as story and quote numbers into the model's story list."""

    ordered: list[Article]

    def _pair(self, i: int) -> tuple[int, int]:
        raise NotImplementedError

    def _get(self, i: int) -> tuple[Quote, Article]:
        story, number = self._pair(i)
        a = self.ordered[story]
        return a.quotes[number], a

    @overload
    def __getitem__(self, i: int) -> tuple[Quote, Article]: ...
    @overload
    def __getitem__(self, i: slice) -> list[tuple[Quote, Article]]: ...
    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            return [self._get(n) for n in range(len(self))[i]]
        return self._get(range(len(self))[i])


class QuoteRefs(_QuoteNumbers):
    """A speaker's quotes as (story number, quote number), in a model restored from a
    snapshot: a story is read only when a page shows its quote."""

    def __init__(self, ordered: list[Article], refs: list[list[int]]) -> None:
        self.ordered, self.refs = ordered, refs

    def _pair(self, i: int) -> tuple[int, int]:
        story, number = self.refs[i]
        return story, number

    def __len__(self) -> int:
        return len(self.refs)


class QuotePairs(_QuoteNumbers):
    """A speaker's quotes as story and quote numbers, two C ints a quote: a whole build's
    model, which holds every quote's pair (a tuple each was a tenth of its memory)."""

    def __init__(self, ordered: list[Article]) -> None:
        self.ordered = ordered
        self.stories, self.numbers = array("i"), array("i")

    def append(self, story: int, number: int) -> None:
        self.stories.append(story)
        self.numbers.append(number)

    def _pair(self, i: int) -> tuple[int, int]:
        return self.stories[i], self.numbers[i]

    def __len__(self) -> int:
        return len(self.stories)

    @property
    def refs(self) -> list[list[int]]:
        """[story number, quote number] of each quote, as a snapshot keeps them."""
        return [[s, q] for s, q in zip(self.stories, self.numbers, strict=True)]


def quoted_stories(quotes: Sequence[tuple[Quote, Article]], start: int, end: int) -> list[Article]:
    """The stories of quotes `start` to `end`, without reading a restored story."""
    if isinstance(quotes, QuoteRefs):
        return [quotes.ordered[ref[0]] for ref in quotes.refs[start:end]]
    if isinstance(quotes, QuotePairs):
        return [quotes.ordered[n] for n in quotes.stories[start:end]]
    return [a for _, a in quotes[start:end]]


# The last term (size, kind, slug) a story's related scan reached when it ran out of
# budget (see `related_scan`); a term after it in scan order is not scanned.
Horizon = tuple[int, str, str]


@dataclass
class Tally:
    """What the model was counted from, kept so that a story can be moved in place
    (see retag.py) without counting every story again."""

    # Entity slug -> kind -> how many stories tag it so (see `winning_kind`).
    votes: dict[str, dict[str, int]] = field(default_factory=dict)
    # (kind, slug) -> name -> times given, where that is not just one name once per
    # story (see `implied_names`).
    names: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)
    # Stories whose related list is set in their record, not worked out.
    pinned: set[str] = field(default_factory=set)
    # Each story's related scan's `Horizon`, where it ran out before its last term.
    horizons: dict[str, Horizon] = field(default_factory=dict)


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
    # An entity's slug -> the page the archive lists it on: a lone surname's person,
    # "The Times" and "Times" on one page (see `site.aliases`).
    entity_aliases: dict[str, str] = field(default_factory=dict)
    # None in a model restored from a snapshot, which keeps it (see snapshot.py).
    tally: Tally | None = None

    def terms_of(self, kind: str) -> list[Term]:
        """All terms of a kind, most stories first, then by name."""
        return sorted(self.terms[kind].values(), key=lambda t: (-t.count, t.name.lower(), t.slug))

    def article_terms(self, article: Article) -> dict[str, list[Term]]:
        """The terms an article links to, by kind, resolved to archive-wide terms."""
        out: dict[str, list[Term]] = {}
        for kind, items in _article_items(article, self.entity_kinds, self.entity_aliases):
            terms = [self.terms[kind][slug] for slug, _ in items if slug in self.terms[kind]]
            out[kind] = terms
        return out


def sort_key(a: Article) -> tuple[int, str, str]:
    """Newest first; stories of the same day in headline order (undated ones last)."""
    return (-(a.date or dt.date.min).toordinal(), a.title.casefold(), a.slug)


_ENTITY_KINDS = ("person", "place", "organization")


def entity_votes(articles: list[Article]) -> dict[str, dict[str, int]]:
    """How many stories tag each entity as each kind."""
    votes: dict[str, dict[str, int]] = defaultdict(dict)
    for a in articles:
        for e in a.entities:
            counter = votes[e.slug]
            counter[e.kind] = counter.get(e.kind, 0) + 1
    return dict(votes)


def winning_kind(counter: dict[str, int]) -> str:
    """The kind most stories give an entity, so one page gathers all its stories.

    The tagger decides per story; "Alan Milburn" may come out a person in five
    stories and an organisation in one. Ties go person, place, organisation.
    """
    return min(counter, key=lambda k: (-counter[k], _ENTITY_KINDS.index(k)))


def _article_items(
    a: Article, kinds: dict[str, str] | None = None, aliases: Mapping[str, str] | None = None
) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """A story's terms by kind: (slug, the name it gives the term). A name the archive
    ties to another page (`aliases`: a lone surname, "Times" of "The Times") is listed
    there and gives it no name: the page keeps the names its own stories give it. A lone
    surname stays where it is in sports copy, where players go by their surnames."""
    buckets: dict[str, list[tuple[str, str | None]]] = {k: [] for k in _ENTITY_KINDS}
    sports = bool(aliases) and is_sports(a)
    for e in a.entities:
        kind = kinds.get(e.slug, e.kind) if kinds else e.kind
        item: tuple[str, str | None] = (e.slug, e.canonical or e.name)
        bucket = buckets[kind]
        if aliases and e.slug in aliases and not (sports and kind == "person"):
            slug = aliases[e.slug]
            if all(s != slug for s, _ in bucket):  # "Labor" beside "Labor Party"
                bucket.append((slug, None))
            continue
        if (e.slug, None) in bucket:
            bucket.remove((e.slug, None))
        if item not in bucket:
            bucket.append(item)
    return [
        ("section", [(t.slug, t.name) for t in a.all_sections]),
        ("topic", [(t.slug, t.name) for t in a.topics]),
        *((kind, buckets[kind]) for kind in _ENTITY_KINDS),
    ]


def build_model(articles: list[Article], *, related_count: int = 4) -> SiteModel:
    ordered = sorted(articles, key=sort_key)
    by_slug = {a.slug: a for a in ordered}
    votes = entity_votes(ordered)
    kinds = {slug: winning_kind(c) for slug, c in votes.items()}
    aliases = entity_aliases(votes, kinds)
    terms, names = _collect_terms(ordered, kinds, aliases)
    related, horizons = _related(ordered, terms, by_slug, related_count, kinds, aliases)
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
        related=related,
        neighbours=_neighbours(ordered),
        speakers=_speakers(ordered),
        entity_kinds=kinds,
        entity_aliases=aliases,
        tally=Tally(
            votes=votes,
            names={
                key: dict(c)
                for key, c in names.items()
                if c != implied_names(terms[key[0]][key[1]])
            },
            pinned={a.slug for a in ordered if a.related},
            horizons=horizons,
        ),
    )


def term_items(
    a: Article, kinds: dict[str, str], aliases: Mapping[str, str] | None = None
) -> dict[tuple[str, str], list[str]]:
    """The terms a story belongs to, (kind, slug), each with the names it gives it."""
    out: dict[tuple[str, str], list[str]] = {}
    for kind, items in _article_items(a, kinds, aliases):
        for slug, name in items:
            names = out.setdefault((kind, slug), [])
            if name is not None:
                names.append(name)
    return out


def term_origin(a: Article, kinds: dict[str, str], kind: str, slug: str) -> tuple[Any, ...]:
    """(qcode, parent, country) of a term whose first story (in site order) is `a`."""
    topic = None
    if kind == "section":
        topic = next((t for t in a.all_sections if t.slug == slug), None)
    elif kind == "topic":
        topic = next((t for t in reversed(a.topics) if t.slug == slug), None)
    entity = None
    if kind in _ENTITY_KINDS:
        entity = next(
            (e for e in reversed(a.entities) if e.slug == slug and kinds.get(slug, e.kind) == kind),
            None,
        )
    return (
        topic.qcode if topic else None,
        topic.parent if topic else None,
        entity.country if entity else None,
    )


def implied_names(term: Term) -> dict[str, int]:
    """A term's name count when each of its stories gives it the same one name once."""
    return {term.name: term.count}


def name_of(counter: dict[str, int]) -> str:
    """The name most stories use, ties alphabetically: stable whatever the order."""
    return min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _collect_terms(
    ordered: list[Article], kinds: dict[str, str], aliases: Mapping[str, str] | None = None
) -> tuple[dict[str, dict[str, Term]], dict[tuple[str, str], Counter[str]]]:
    terms: dict[str, dict[str, Term]] = {k: {} for k in TERM_KINDS}
    names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for a in ordered:
        for kind, items in _article_items(a, kinds, aliases):
            for slug, name in items:
                term = terms[kind].get(slug)
                if term is None:
                    term = terms[kind][slug] = Term(kind=kind, slug=slug, name=name or "")
                    term.qcode, term.parent, term.country = term_origin(a, kinds, kind, slug)
                if not term.articles or term.articles[-1] is not a:
                    term.articles.append(a)
                if name is not None:
                    names[(kind, slug)][name] += 1
    for (kind, slug), counter in names.items():
        terms[kind][slug].name = name_of(counter)
    return terms, names


def related_weights(terms: dict[str, dict[str, Term]], n: int) -> dict[tuple[str, str], float]:
    """Each term's IDF weight for relatedness; terms in one story, or too common to say
    much, have none."""
    n, limit = max(n, 1), related_limit(n)
    return {
        (kind, slug): math.log(n / t.count) + 1.0
        for kind in ("topic", "person", "place", "organization")
        for slug, t in terms[kind].items()
        if 2 <= t.count <= limit
    }


def related_limit(n: int) -> int:
    """The most stories a term may have and still weigh in relatedness."""
    return max(2, int(max(n, 1) * _RELATED_MAX_DF))


def _related(
    ordered: list[Article],
    terms: dict[str, dict[str, Term]],
    by_slug: dict[str, Article],
    count: int,
    kinds: dict[str, str],
    aliases: Mapping[str, str] | None = None,
) -> tuple[dict[str, list[Article]], dict[str, Horizon]]:
    """Most related stories by shared topics and entities (see `rank_related`), and the
    horizons of the scans that ran out."""
    weight = related_weights(terms, len(ordered))
    out: dict[str, list[Article]] = {}
    horizons: dict[str, Horizon] = {}
    for a in ordered:
        if a.related:
            out[a.slug] = pinned_related(a, by_slug, count)
            continue
        own = weighted_terms(a, kinds, weight, aliases)
        out[a.slug], horizon = rank_related(a.slug, own, terms, weight, by_slug, count)
        if horizon is not None:
            horizons[a.slug] = horizon
    return out, horizons


def weighted_terms(
    a: Article,
    kinds: dict[str, str],
    weight: Mapping[tuple[str, str], float],
    aliases: Mapping[str, str] | None = None,
) -> set[tuple[str, str]]:
    """The terms of a story that weigh in relatedness."""
    return {
        (kind, slug)
        for kind, items in _article_items(a, kinds, aliases)
        if kind != "section"
        for slug, _ in items
        if (kind, slug) in weight
    }


def pinned_related(a: Article, by_slug: dict[str, Article], count: int) -> list[Article]:
    return [by_slug[s] for s in a.related if s in by_slug and s != a.slug][:count]


def rank_related(
    slug: str,
    own: Iterable[tuple[str, str]],
    terms: dict[str, dict[str, Term]],
    weight: dict[tuple[str, str], float],
    by_slug: dict[str, Article],
    count: int,
) -> tuple[list[Article], Horizon | None]:
    """The `count` stories sharing most weight with story `slug`, whose weighted terms
    are `own`: each shared term adds its IDF weight, over the postings `related_scan`
    picks. And the scan's horizon, if it ran out before the last term."""
    scores: dict[str, float] = {}
    scan = related_scan(own, lambda key: terms[key[0]][key[1]].count)
    for key, take in scan:
        w = weight[key]
        for other in terms[key[0]][key[1]].articles[:take]:
            if other.slug != slug:
                scores[other.slug] = scores.get(other.slug, 0.0) + w
    best = heapq.nsmallest(count, scores.items(), key=lambda kv: (-kv[1], kv[0]))
    horizon = None
    if sum(take for _, take in scan) >= _RELATED_SCAN:
        (kind, term_slug), _ = scan[-1]
        horizon = (terms[kind][term_slug].count, kind, term_slug)
    return [by_slug[s] for s, _ in best], horizon


def related_scan(
    own: Iterable[tuple[str, str]], size: Callable[[tuple[str, str]], int]
) -> list[tuple[tuple[str, str], int]]:
    """The terms whose stories are scanned for related ones, and how many of each.

    The story's rarest terms first, up to `_RELATED_SCAN` postings in all, so the
    cost per story is bounded and the whole pass grows linearly with the archive,
    never with its square.
    """
    out = []
    budget = _RELATED_SCAN
    for key in sorted(own, key=lambda key: (size(key), key)):
        if budget <= 0:
            break
        take = min(size(key), budget)
        out.append((key, take))
        budget -= take
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
    grouped: dict[str, QuotePairs] = {}
    for n, a in enumerate(ordered):
        for i, q in enumerate(a.quotes):
            if q.speaker:
                pairs = grouped.get(q.speaker)
                if pairs is None:
                    pairs = grouped[q.speaker] = QuotePairs(ordered)
                pairs.append(n, i)
    return [
        SpeakerQuotes(speaker=s, quotes=grouped[s])
        for s in sorted(grouped, key=lambda s: (-len(grouped[s]), s.lower()))
    ]
