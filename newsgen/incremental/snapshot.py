"""The site model of the last build, kept in the catalog, so a small edit need not
make it again.

A whole build saves, beside its pages' signatures, the model by story number
(site order, each story's fingerprint and *shape*, every term with its stories,
related stories, quotes by speaker), the tally it was counted from (`site.Tally`,
read only when a story moves) and, for every story and every term, the pages
whose signature it feeds (`deps`). A story's shape is a hash of all the model
reads of it: its date, headline, sections, topics, names, quote speakers and
related override. The rest of a story (its text, summary, quotes' words)
reaches only the pages that show it.

So when every changed record keeps its shape (a paragraph added, a typo fixed,
a quote reworded), the model of this build is the last one with those records
swapped in: `restore` gives it with the other stories as stubs, and only the
pages that depend on a changed story need planning. A changed story that kept
its place but not its shape is then moved in that model (retag.py), and
`refresh` keeps the result. Anything else (a story added, removed or moved in
site order, a template or the config changed) is a whole build.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from newsgen.article import Article
from newsgen.incremental.catalog import Catalog
from newsgen.site.model import (
    MODEL_READS,
    TERM_KINDS,
    QuotePairs,
    QuoteRefs,
    SiteModel,
    SpeakerQuotes,
    Tally,
    Term,
    neighbours_of,
)

FORMAT = 3


def shape(a: Article) -> str:
    """A hash of everything `site.build_model` reads of a story (`MODEL_READS`)."""
    parts = [read(a) for read in MODEL_READS.values()]
    text = json.dumps(parts, ensure_ascii=False, separators=(",", ":"))
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


class PageDeps:
    """Which pages each story and each whole term feeds, gathered while signing."""

    def __init__(self) -> None:
        self.stories: dict[str, list[str]] = {}
        self.terms: dict[tuple[str, str], list[str]] = {}

    def add(self, uri: str, stories: Iterable[str], terms: Iterable[tuple[str, str]]) -> None:
        for slug in stories:
            self.stories.setdefault(slug, []).append(uri)
        for key in terms:
            self.terms.setdefault(key, []).append(uri)

    def items(self) -> Iterator[tuple[str, list[str]]]:
        for slug, uris in self.stories.items():
            yield story_key(slug), uris
        for (kind, slug), uris in self.terms.items():
            yield term_key(kind, slug), uris

    def rows(self) -> Iterator[tuple[str, str]]:
        for key, uris in self.items():
            yield key, _dump(uris)


def story_key(slug: str) -> str:
    return f"a\0{slug}"


def term_key(kind: str, slug: str) -> str:
    return f"t\0{kind}\0{slug}"


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def save(catalog: Catalog, render_inputs: str, model: SiteModel, deps: PageDeps) -> None:
    """Keep `model` (built under `render_inputs`, see `InputStats`) and its pages' dependencies.

    In parts, each serialised and stored before the next is made (a whole build is
    near its memory peak here); "model" last, as the mark of a complete snapshot.
    """
    # A restored model was counted by the build that saved it: its tally is unchanged.
    tally = _dump(tally_part(model)) if model.tally is not None else catalog.get_snapshot("tally")
    catalog.drop_snapshot()
    if tally is None:
        return
    catalog.replace_deps(deps.rows())
    catalog.put_snapshot({"tally": tally})
    catalog.put_snapshot({"fingerprints": _dump([a.fingerprint for a in model.articles])})
    for key, part in model_parts(model):
        catalog.put_snapshot({key: _dump(part)})
    catalog.put_snapshot(
        {
            "model": _dump(
                {
                    "format": FORMAT,
                    "render_inputs": render_inputs,
                    "slugs": [a.slug for a in model.articles],
                    "shapes": [shape(a) for a in model.articles],
                    "sections": [a.section.slug if a.section else "" for a in model.articles],
                    "kinds": model.entity_kinds,
                    "aliases": model.entity_aliases,
                }
            )
        }
    )


def model_parts(model: SiteModel) -> Iterator[tuple[str, Any]]:
    """The model's terms (by kind), related stories and speakers by story number; one at
    a time, so only one is held serialised."""
    index = {a.slug: i for i, a in enumerate(model.articles)}
    for kind in TERM_KINDS:
        yield f"terms/{kind}", [_term_row(t, index) for t in model.terms[kind].values()]
    yield "related", _related_part(model, index)
    yield "speakers", _speakers_part(model, index)


def _term_row(t: Term, index: dict[str, int]) -> list[Any]:
    return [t.slug, t.name, t.qcode, t.parent, t.country, [index[a.slug] for a in t.articles]]


def _related_part(model: SiteModel, index: dict[str, int]) -> list[list[int]]:
    return [[index[r.slug] for r in model.related.get(a.slug, [])] for a in model.articles]


def _speakers_part(model: SiteModel, index: dict[str, int]) -> list[list[Any]]:
    speakers = []
    for group in model.speakers:
        if isinstance(group.quotes, QuoteRefs | QuotePairs):
            refs = group.quotes.refs
        else:
            refs = []
            for quote, a in group.quotes:
                qi = next(i for i, q in enumerate(a.quotes) if q is quote)
                refs.append([index[a.slug], qi])
        speakers.append([group.speaker, refs])
    return speakers


def tally_part(model: SiteModel) -> dict[str, Any]:
    tally = model.tally
    assert tally is not None
    index = {a.slug: i for i, a in enumerate(model.articles)}
    return {
        "votes": tally.votes,
        "names": {f"{kind}\0{slug}": names for (kind, slug), names in sorted(tally.names.items())},
        "pinned": sorted(index[slug] for slug in tally.pinned if slug in index),
        "horizons": [tally.horizons.get(a.slug) for a in model.articles],
    }


def forget(catalog: Catalog) -> None:
    """The model cannot be kept (a record is analysed at every load): no snapshot."""
    catalog.drop_snapshot()


_PARTS = ("terms", "related", "speakers")  # kept apart from the "model" part


@dataclass
class Snapshot:
    data: dict[str, Any]
    fingerprints: list[str]

    @classmethod
    def load(cls, catalog: Catalog, render_inputs: str) -> Snapshot | None:
        """The last build's model if it was made under the same render inputs."""
        text = catalog.get_snapshot("model")
        if text is None:
            return None
        try:
            data = json.loads(text)
            if data.get("format") != FORMAT or data.get("render_inputs") != render_inputs:
                return None
            data["terms"] = {}
            for kind in TERM_KINDS:
                part = catalog.get_snapshot(f"terms/{kind}")
                if part is None:
                    return None
                data["terms"][kind] = json.loads(part)
            for key in ("related", "speakers", "fingerprints"):
                part = catalog.get_snapshot(key)
                if part is None:
                    return None
                data[key] = json.loads(part)
        except ValueError:
            return None
        prints = data.pop("fingerprints")
        if len(prints) != len(data["slugs"]):
            return None
        return cls(data, prints)

    @property
    def slugs(self) -> list[str]:
        return self.data["slugs"]  # type: ignore[no-any-return]

    def changed(self, articles: dict[str, Article]) -> tuple[list[str], set[str]] | None:
        """Slugs (in site order) of the stories whose record changed, and of those the
        ones whose shape changed, if no story came or went; else None."""
        slugs = self.slugs
        if len(articles) != len(slugs):
            return None
        out, reshaped = [], set()
        for slug, fingerprint, old_shape in zip(
            slugs, self.fingerprints, self.data["shapes"], strict=True
        ):
            a = articles.get(slug)
            if a is None:
                return None
            if a.fingerprint != fingerprint:
                if shape(a) != old_shape:
                    reshaped.add(slug)
                out.append(slug)
        return out, reshaped

    def tally(self, catalog: Catalog) -> Tally | None:
        """What the model was counted from (read only for a story that moves)."""
        text = catalog.get_snapshot("tally")
        if text is None:
            return None
        slugs = self.slugs
        try:
            data = json.loads(text)
            return Tally(
                votes=data["votes"],
                names={tuple(key.split("\0", 1)): names for key, names in data["names"].items()},  # type: ignore[misc]
                pinned={slugs[i] for i in data["pinned"]},
                horizons={
                    slug: tuple(horizon)  # type: ignore[misc]
                    for slug, horizon in zip(slugs, data["horizons"], strict=True)
                    if horizon is not None
                },
            )
        except (ValueError, KeyError, TypeError, IndexError):
            return None  # not what this newsgen saves: a whole build saves it again

    def restore(self, articles: dict[str, Article]) -> SiteModel:
        """The model with these articles (stubs mostly) in the places it had."""
        data = self.data
        ordered = [articles[slug] for slug in data["slugs"]]
        terms: dict[str, dict[str, Term]] = {}
        for kind in TERM_KINDS:
            terms[kind] = {
                slug: Term(
                    kind=kind,
                    slug=slug,
                    name=name,
                    articles=[ordered[i] for i in idx],
                    qcode=qcode,
                    parent=parent,
                    country=country,
                )
                for slug, name, qcode, parent, country, idx in data["terms"][kind]
            }
        years: dict[int, dict[int, list[Article]]] = {}
        for a in ordered:
            if a.date is not None:
                years.setdefault(a.date.year, {}).setdefault(a.date.month, []).append(a)
        return SiteModel(
            articles=ordered,
            by_slug={a.slug: a for a in ordered},
            terms=terms,
            years={
                y: dict(sorted(m.items(), reverse=True))
                for y, m in sorted(years.items(), reverse=True)
            },
            related={
                a.slug: [ordered[i] for i in idx]
                for a, idx in zip(ordered, data["related"], strict=True)
            },
            neighbours=neighbours_of(ordered, data["sections"]),
            speakers=[
                SpeakerQuotes(speaker=speaker, quotes=QuoteRefs(ordered, refs))  # type: ignore[arg-type]
                for speaker, refs in data["speakers"]
            ],
            entity_kinds=dict(data["kinds"]),
            entity_aliases=dict(data["aliases"]),
        )

    def pages_of(self, catalog: Catalog, slugs: list[str]) -> set[str]:
        """Every page whose signature the stories `slugs` feed, directly or as part of
        a term shown whole."""
        wanted = set(slugs)
        numbers = {i for i, s in enumerate(self.slugs) if s in wanted}
        keys = [story_key(s) for s in slugs]
        for kind in TERM_KINDS:
            for slug, *_, idx in self.data["terms"][kind]:
                if not numbers.isdisjoint(idx):
                    keys.append(term_key(kind, slug))
        pages: set[str] = set()
        for uris in catalog.deps(keys):
            pages.update(json.loads(uris))
        return pages

    def update(self, catalog: Catalog, articles: dict[str, Article], slugs: list[str]) -> None:
        """Record the new fingerprints of the changed stories (shapes are the same)."""
        index = {s: i for i, s in enumerate(self.slugs)}
        for slug in slugs:
            self.fingerprints[index[slug]] = articles[slug].fingerprint
        catalog.put_snapshot({"fingerprints": _dump(self.fingerprints)})

    def refresh(
        self,
        catalog: Catalog,
        model: SiteModel,
        slugs: list[str],
        terms: set[tuple[str, str]],
        deps: PageDeps,
    ) -> None:
        """Keep the model after the stories `slugs` changed, some of them moving (see
        retag.py) and changing `terms`, and the pages' new dependencies beside the old."""
        self.update(catalog, model.by_slug, slugs)
        data = self.data
        index = {s: i for i, s in enumerate(self.slugs)}
        for slug in slugs:
            a = model.by_slug[slug]
            data["shapes"][index[slug]] = shape(a)
            data["sections"][index[slug]] = a.section.slug if a.section else ""
        data["kinds"] = model.entity_kinds
        data["aliases"] = model.entity_aliases
        for kind in sorted({kind for kind, _ in terms}):
            rows = data["terms"][kind]
            where = {row[0]: i for i, row in enumerate(rows)}
            for slug in sorted(slug for of, slug in terms if of == kind):
                term = model.terms[kind].get(slug)
                if term is None:
                    if slug in where:
                        rows[where.pop(slug)] = None
                elif slug in where:
                    rows[where[slug]] = _term_row(term, index)
                else:
                    rows.append(_term_row(term, index))
            data["terms"][kind] = [row for row in rows if row is not None]
            catalog.put_snapshot({f"terms/{kind}": _dump(data["terms"][kind])})
        for key, part in (
            ("related", _related_part(model, index)),
            ("speakers", _speakers_part(model, index)),
        ):
            if part != data[key]:
                data[key] = part
                catalog.put_snapshot({key: _dump(part)})
        if model.tally is not None:
            catalog.put_snapshot({"tally": _dump(tally_part(model))})
        catalog.add_deps(deps.items())
        catalog.put_snapshot(
            {"model": _dump({k: v for k, v in data.items() if k not in (*_PARTS, "fingerprints")})}
        )


__all__ = ["PageDeps", "Snapshot", "forget", "save", "shape"]
