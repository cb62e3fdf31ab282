"""Stories that changed shape, moved in the last build's model in place.

An edit that names someone new, drops a place or changes a story's topics or
section leaves the story where it was in site order but changes what it
belongs to. Making the model again means reading every record in full (two
seconds at 20k stories). Instead, `move` takes the restored model (see
snapshot.py), the changed stories as they were, and what the model was
counted from (`site.Tally`), and for each story, exactly as
`site.build_model` would have it:

- moves it between terms, making and dropping terms as they fill and empty,
  and counts again the names, kinds and first-story details of the terms it
  touched;
- ranks related stories again for every story that shares a weighted term
  whose stories or weight changed, and finds neighbours again if its section
  changed;
- regroups the quotes of the speakers it touched.

What it returns says which pages that reaches beyond the stories' own (see
delta.py). A change it cannot follow in place (a story that moves in site
order, an entity whose kind vote flips) gives None: a whole build.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from newsgen.article import Article
from newsgen.config import SiteConfig
from newsgen.site.aliases import entity_aliases, may_move
from newsgen.site.model import (
    QuoteRefs,
    SiteModel,
    SpeakerQuotes,
    Tally,
    Term,
    implied_names,
    name_of,
    neighbours_of,
    pinned_related,
    rank_related,
    related_limit,
    related_weights,
    sort_key,
    term_items,
    term_origin,
    weighted_terms,
    winning_kind,
)
from newsgen.site.pages import person_uris, speaker_uris

# Beyond this many stories changing shape at once, a whole build is as quick.
MAX_MOVED = 64

Key = tuple[str, str]


@dataclass
class Moved:
    """What moving the stories changed beyond the stories themselves."""

    # Stories whose article page may show something new (related, neighbours, a
    # renamed term).
    articles: set[str] = field(default_factory=set)
    # Terms whose stories, name or details changed (some may be gone).
    terms: set[Key] = field(default_factory=set)
    # Speakers whose quotes, page address or person link changed.
    speakers: set[str] = field(default_factory=set)
    # Search facets ("s" or "t", slug) whose stories or name changed: (name, story
    # numbers), or None when none is left.
    facets: dict[Key, tuple[str, list[int]] | None] = field(default_factory=dict)
    # How many stories moved.
    stories: int = 0


def move(
    model: SiteModel,
    before: dict[str, Article],
    tally: Tally,
    sections: list[str],
    config: SiteConfig,
) -> Moved | None:
    """Move the stories `before` names (as they were) to where their records now put
    them, in `model` (restored, with the new records in place). `sections` are the
    stories' section slugs by number (updated here)."""
    if len(before) > MAX_MOVED:
        return None
    number = {a.slug: i for i, a in enumerate(model.articles)}
    if not _kept_places(model, before, number):
        return None
    people_before = person_uris(model)
    kinds = _recount_kinds(model, before, tally)
    if kinds is None:
        return None
    if _aliases_change(model, before, kinds, tally):
        return None
    kinds_before, model.entity_kinds = model.entity_kinds, kinds
    moved = Moved(stories=len(before))
    counts = _move_in_terms(model, before, tally, kinds_before, number, moved)
    if counts is None:
        return None
    model.tally = tally
    _rank_related_again(model, before, tally, counts, config.related_count, moved)
    _find_neighbours_again(model, before, sections, number, moved)
    _regroup_quotes(model, before, number, people_before, moved)
    moved.facets = _facets(model, before, number)
    return moved


def _kept_places(model: SiteModel, before: dict[str, Article], number: dict[str, int]) -> bool:
    """Every story is where it was in site order: same date, same place among its
    neighbours."""
    ordered = model.articles
    for slug, was in before.items():
        a = model.by_slug[slug]
        if a.date != was.date:
            return False
        if a.title != was.title:
            i, key = number[slug], sort_key(a)
            if i > 0 and not sort_key(ordered[i - 1]) < key:
                return False
            if i + 1 < len(ordered) and not key < sort_key(ordered[i + 1]):
                return False
    return True


def _recount_kinds(
    model: SiteModel, before: dict[str, Article], tally: Tally
) -> dict[str, str] | None:
    """Each entity's kind after the change; None if one an untouched story names changes
    kind (all its stories' pages would move)."""
    votes, touched = tally.votes, set()
    for slug, was in before.items():
        for e in was.entities:
            counter = votes.get(e.slug, {})
            if counter.get(e.kind, 0) <= 0:
                return None  # the tally does not match the stories: count again
            counter[e.kind] -= 1
            touched.add(e.slug)
        for e in model.by_slug[slug].entities:
            counter = votes.setdefault(e.slug, {})
            counter[e.kind] = counter.get(e.kind, 0) + 1
            touched.add(e.slug)
    kinds = dict(model.entity_kinds)
    for slug in touched:
        counter = {k: n for k, n in votes.get(slug, {}).items() if n > 0}
        if not counter:
            votes.pop(slug, None)
            kinds.pop(slug, None)
            continue
        votes[slug] = counter
        kind = winning_kind(counter)
        if kinds.setdefault(slug, kind) != kind:
            return None
    return kinds


def _aliases_change(
    model: SiteModel, before: dict[str, Article], kinds: dict[str, str], tally: Tally
) -> bool:
    """Whether a name now goes to another page (`entity_aliases`): every story naming
    it would move, so the model is made again."""
    slugs = {e.slug for a in before.values() for e in a.entities}
    slugs.update(e.slug for slug in before for e in model.by_slug[slug].entities)
    if not may_move(slugs, tally.votes, model.entity_aliases):
        return False
    return entity_aliases(tally.votes, kinds) != model.entity_aliases


def _move_in_terms(
    model: SiteModel,
    before: dict[str, Article],
    tally: Tally,
    kinds_before: dict[str, str],
    number: dict[str, int],
    moved: Moved,
) -> dict[Key, int] | None:
    """Move the stories between terms; the touched terms' sizes before (0: new)."""
    terms = model.terms
    counts: dict[Key, int] = {}
    details: dict[Key, tuple[object, ...]] = {}
    names: dict[Key, dict[str, int]] = {}
    regrouped: set[Key] = set()
    for slug, was in before.items():
        a, i = model.by_slug[slug], number[slug]
        aliases = model.entity_aliases
        old = term_items(was, kinds_before, aliases)
        new = term_items(a, model.entity_kinds, aliases)
        for key in old.keys() | new.keys():
            kind, term_slug = key
            term = terms[kind].get(term_slug)
            if key not in names:  # first touch: as the term was
                if term is None:
                    counts[key], names[key] = 0, {}
                else:
                    counts[key] = term.count
                    details[key] = (term.name, term.qcode, term.parent, term.country)
                    names[key] = dict(tally.names.get(key) or implied_names(term))
            counter = names[key]
            for name in old.get(key, ()):
                if counter.get(name, 0) <= 0:
                    return None
                counter[name] -= 1
            for name in new.get(key, ()):
                counter[name] = counter.get(name, 0) + 1
            if key not in new:
                if term is None or not _remove(term.articles, i, number):
                    return None
                regrouped.add(key)
            elif key not in old:
                if term is None:
                    term = terms[kind][term_slug] = Term(kind=kind, slug=term_slug, name="")
                if not _insert(term.articles, a, i, number):
                    return None
                regrouped.add(key)
    for key, counter in names.items():
        kind, term_slug = key
        counter = {name: n for name, n in counter.items() if n > 0}
        term = terms[kind].get(term_slug)
        if term is None or not term.articles:
            terms[kind].pop(term_slug, None)
            tally.names.pop(key, None)
            moved.terms.add(key)
            if counter:
                return None
            continue
        if not counter:
            return None
        term.name = name_of(counter)
        term.qcode, term.parent, term.country = term_origin(
            term.articles[0], model.entity_kinds, kind, term_slug
        )
        if counter != implied_names(term):
            tally.names[key] = counter
        else:
            tally.names.pop(key, None)
        now = (term.name, term.qcode, term.parent, term.country)
        if key in regrouped or now != details.get(key):
            moved.terms.add(key)
        if key in details and now != details[key]:
            # Every story's page links the term by name.
            moved.articles.update(x.slug for x in term.articles)
    return counts


def _position(items: list[Article], i: int, number: dict[str, int]) -> int:
    return bisect_left(items, i, key=lambda a: number[a.slug])


def _remove(items: list[Article], i: int, number: dict[str, int]) -> bool:
    at = _position(items, i, number)
    if at == len(items) or number[items[at].slug] != i:
        return False
    del items[at]
    return True


def _insert(items: list[Article], a: Article, i: int, number: dict[str, int]) -> bool:
    at = _position(items, i, number)
    if at < len(items) and number[items[at].slug] == i:
        return False
    items.insert(at, a)
    return True


def _rank_related_again(
    model: SiteModel,
    before: dict[str, Article],
    tally: Tally,
    counts: dict[Key, int],
    count: int,
    moved: Moved,
) -> None:
    """Related stories again for the changed stories, and for every story whose scan
    (see `site.related_scan`) reached, before or now, a term whose stories changed: a
    term past a scan's horizon does not change what it finds."""
    for slug in before:
        if model.by_slug[slug].related:
            tally.pinned.add(slug)
        else:
            tally.pinned.discard(slug)
    n = len(model.articles)
    limit = related_limit(n)
    weight = related_weights(model.terms, n)
    horizons = tally.horizons

    def reached(slug: str, keys: list[Key]) -> bool:
        horizon = horizons.get(slug)
        if horizon is None:  # its scan reached every term
            return True
        for kind, term_slug in keys:
            was = counts[(kind, term_slug)]
            if 2 <= was <= limit and (was, kind, term_slug) <= horizon:
                return True
            term = model.terms[kind].get(term_slug)
            now = term.count if term is not None and (kind, term_slug) in weight else 0
            if now and (now, kind, term_slug) < horizon:
                return True
        return False

    sharing: dict[str, list[Key]] = {}
    for key, was in counts.items():
        term = model.terms[key[0]].get(key[1])
        if key[0] != "section" and term is not None and (2 <= was <= limit or key in weight):
            for a in term.articles:
                sharing.setdefault(a.slug, []).append(key)
    again = set(before) | {
        slug
        for slug, keys in sharing.items()
        if slug not in before and slug not in tally.pinned and reached(slug, keys)
    }
    for slug in sorted(again):
        a = model.by_slug[slug]
        horizon = None
        if slug in tally.pinned:
            ranked = pinned_related(a, model.by_slug, count)
        else:
            own = weighted_terms(a, model.entity_kinds, weight, model.entity_aliases)
            ranked, horizon = rank_related(slug, own, model.terms, weight, model.by_slug, count)
        if horizon is None:
            horizons.pop(slug, None)
        else:
            horizons[slug] = horizon
        if [x.slug for x in ranked] != [x.slug for x in model.related.get(slug, [])]:
            model.related[slug] = ranked
            moved.articles.add(slug)


def _find_neighbours_again(
    model: SiteModel,
    before: dict[str, Article],
    sections: list[str],
    number: dict[str, int],
    moved: Moved,
) -> None:
    changed = False
    for slug in before:
        a = model.by_slug[slug]
        section = a.section.slug if a.section else ""
        if sections[number[slug]] != section:
            sections[number[slug]] = section
            changed = True
    if not changed:
        return
    fresh = neighbours_of(model.articles, sections)
    for slug, pair in fresh.items():
        old = model.neighbours.get(slug, (None, None))
        if [x and x.slug for x in pair] != [x and x.slug for x in old]:
            moved.articles.add(slug)
    model.neighbours = fresh


def _regroup_quotes(
    model: SiteModel,
    before: dict[str, Article],
    number: dict[str, int],
    people_before: dict[str, str],
    moved: Moved,
) -> None:
    """The touched speakers' quotes again, the speakers ranked again, and the speakers
    whose page address or person link changed."""
    touched = set()
    for slug, was in before.items():
        for q in (*was.quotes, *model.by_slug[slug].quotes):
            if q.speaker:
                touched.add(q.speaker)
    people = person_uris(model)
    moved.speakers = {
        name
        for name in people.keys() | people_before.keys()
        if people.get(name) != people_before.get(name)
    }
    if not touched:
        return
    groups = {g.speaker: g for g in model.speakers}
    uris_before = dict(zip(groups, speaker_uris(list(groups)), strict=True))
    numbers = {number[slug] for slug in before}
    for speaker in touched:
        group = groups.get(speaker)
        refs = [] if group is None else [r for r in _refs(group) if r[0] not in numbers]
        for slug in before:
            for qi, q in enumerate(model.by_slug[slug].quotes):
                if q.speaker == speaker:
                    refs.append([number[slug], qi])
        refs.sort()
        if refs:
            groups[speaker] = SpeakerQuotes(speaker, QuoteRefs(model.articles, refs))
        else:
            groups.pop(speaker, None)
    # Most quoted first, then by name; on a tie, first quoted first (as a stable sort
    # of the speakers in the order they are first quoted: see `site._speakers`).
    model.speakers = sorted(
        groups.values(), key=lambda g: (-len(g.quotes), g.speaker.lower(), _refs(g)[0])
    )
    uris = speaker_uris([g.speaker for g in model.speakers])
    moved.speakers |= touched
    for group, uri in zip(model.speakers, uris, strict=True):
        if uris_before.get(group.speaker) != uri:
            moved.speakers.add(group.speaker)


def _refs(group: SpeakerQuotes) -> list[list[int]]:
    quotes = group.quotes
    assert isinstance(quotes, QuoteRefs), "a restored model's quotes are references"
    return quotes.refs


def _facets(
    model: SiteModel, before: dict[str, Article], number: dict[str, int]
) -> dict[Key, tuple[str, list[int]] | None]:
    """The search facets whose stories or name changed, made again from the terms (a
    section facet is named by its last story, a topic facet by its first: see
    `search.search_files`)."""

    def named(a: Article) -> set[tuple[str, str, str]]:
        out = {("s", t.slug, t.name) for t in a.all_sections}
        return out | {("t", t.slug, t.name) for t in a.topics}

    keys = set()
    for slug, was in before.items():
        keys |= {(kind, s) for kind, s, _ in named(was) ^ named(model.by_slug[slug])}
    out: dict[Key, tuple[str, list[int]] | None] = {}
    for kind, slug in sorted(keys):
        term = model.terms["section" if kind == "s" else "topic"].get(slug)
        if term is None:
            out[(kind, slug)] = None
            continue
        if kind == "s":
            name = next(t.name for t in term.articles[-1].all_sections if t.slug == slug)
        else:
            name = next(t.name for t in term.articles[0].topics if t.slug == slug)
        out[(kind, slug)] = (name, [number[a.slug] for a in term.articles])
    return out
