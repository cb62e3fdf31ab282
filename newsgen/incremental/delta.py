"""The small path: an edit that leaves its stories where they were in site order.

When no story came or went, every changed one kept its date and place, and the
theme is as it was, the last build's model is restored with the changed records
swapped in (the others as stubs). Only the pages that depend on a changed story
are planned, signed and rendered; only the feeds that show one are rewritten;
the search shards its words touch are patched; every other file is kept as
published.

A story that kept its *shape* (see snapshot.py) changes nothing else. One that
changed it (names someone new, changes topic) is first moved in the model
(retag.py); the pages that reaches are planned too (its terms' pages, the hubs
and the home page, the stories whose related list or neighbours changed, the
speakers it quotes), new pages are made, pages no longer planned are removed,
and the sitemap is written again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from newsgen.article import Article
from newsgen.config import SiteConfig
from newsgen.incremental.catalog import MAX_PATCHED, Catalog
from newsgen.incremental.retag import Moved, move
from newsgen.incremental.snapshot import Snapshot, term_key
from newsgen.output.publish import PagePlan, Press, Published, render_batch, write_feeds
from newsgen.progress import progress_counter
from newsgen.records.record_file import ANALYSIS_KEYS
from newsgen.records.serial import article_from_row
from newsgen.records.store import RecordStore
from newsgen.site.hubs import hub_uris
from newsgen.site.model import TERM_KINDS, SiteModel
from newsgen.site.pages import page_count, plan_pages, speaker_uris
from newsgen.site.search import is_index_file, patch_search, search_files
from newsgen.site.sitemap import Entries, sitemaps
from newsgen.site.urls import article_uri, paged, term_feed_uri


def analysed_at_load(store: RecordStore, config: SiteConfig) -> bool:
    """Some record leaves out its analysis, so each build analyses it anew (see
    `load_articles`): its stories cannot be kept as stubs."""
    if not config.analysis:
        return False
    keys = set(ANALYSIS_KEYS)
    return any(not r.has_hash and not keys <= r.present for r in store.records.values())


class _NewOr:
    """The pages `wanted`, and any page the last build did not make."""

    def __init__(self, wanted: set[str], made: set[str]) -> None:
        self.wanted, self.made = wanted, made

    def __contains__(self, uri: object) -> bool:
        return uri in self.wanted or uri not in self.made


def _page_uris(first_uri: str, items: int, config: SiteConfig) -> list[str]:
    """Every page of a listing of `items`."""
    return [paged(first_uri, n) for n in range(1, page_count(items, config.per_page) + 1)]


def _as_they_were(
    store: RecordStore, catalog: Catalog, snap: Snapshot, slugs: set[str]
) -> dict[str, Article] | None:
    """The stories `slugs` as the snapshot knew them (their records as last cached)."""
    index = {slug: i for i, slug in enumerate(snap.slugs)}
    out = {}
    for slug in sorted(slugs):
        data = catalog.replaced_data.get(store.catalog_path(slug))
        if data is None:
            return None
        was = article_from_row(json.loads(data)[0], [])
        if was.fingerprint != snap.fingerprints[index[slug]]:
            return None
        out[slug] = was
    return out


@dataclass
class Delta:
    """A build in which no story came, went or changed place: the last build's model
    with the changed records swapped in (those that changed shape moved in it, see
    retag.py), and the pages that depend on them (see snapshot.py)."""

    model: SiteModel
    changed: list[str]
    snapshot: Snapshot
    store: RecordStore
    # What the stories that changed shape reached; None when every one kept it.
    moved: Moved | None = None

    @classmethod
    def prepare(
        cls,
        store: RecordStore,
        catalog: Catalog,
        render_inputs: str,
        config: SiteConfig,
        known: Snapshot | None = None,
    ) -> Delta | None:
        """`known`: the snapshot as this process's last build left it, if it still is."""
        if catalog.replaced_terms is None or analysed_at_load(store, config):
            return None
        if known is not None and known.data["render_inputs"] == render_inputs:
            found: Snapshot | None = known
        else:
            found = Snapshot.load(catalog, render_inputs)
        if found is None:
            return None
        articles = {slug: r.article for slug, r in store.records.items()}
        seen = found.changed(articles)
        if seen is None or len(seen[0]) > MAX_PATCHED:
            return None
        changed, reshaped = seen
        model = found.restore(articles)
        if not reshaped:
            return cls(model, changed, found, store)
        before = _as_they_were(store, catalog, found, reshaped)
        tally = found.tally(catalog)
        if before is None or tally is None:
            return None
        moved = move(model, before, tally, list(found.data["sections"]), config)
        if moved is None:
            return None
        return cls(model, changed, found, store, moved)

    def fits(self, press: Press) -> bool:
        """The pages were last made the way they would be now, and every published
        file is there to be kept."""
        return press.catalog.get_meta("base") == press.base and press.writer.can_keep_rest()

    def words(self, number: dict[str, int]) -> list[tuple[int, str, str]] | None:
        """(story number, old words, new words) of each changed story, if all are known."""
        catalog = self.store.catalog
        out = []
        for slug in self.changed:
            rel = self.store.catalog_path(slug)
            old = (catalog.replaced_terms or {}).get(rel)
            new = catalog.record_terms(rel)
            if old is None or new is None:
                return None
            out.append((number[slug], old, new))
        return out

    def reached(self, config: SiteConfig, catalog: Catalog) -> set[str]:
        """The pages the moved stories reach beyond the ones showing them: see `Moved`."""
        model, moved = self.model, self.moved
        assert moved is not None
        pages = {"index.html", "quotes/index.html"}
        for kind in TERM_KINDS:
            pages.update(hub_uris(model, kind))
        pages.update(article_uri(slug) for slug in moved.articles)
        for kind, slug in moved.terms:
            term = model.terms[kind].get(slug)
            if term is not None:
                pages.update(_page_uris(term.uri, term.count, config))
        for uris in catalog.deps(term_key(kind, slug) for kind, slug in moved.terms):
            pages.update(json.loads(uris))
        groups = [g.speaker for g in model.speakers]
        for group, uri in zip(model.speakers, speaker_uris(groups), strict=True):
            if group.speaker in moved.speakers:
                pages.update(_page_uris(uri, len(group.quotes), config))
        return pages

    def publish(self, press: Press) -> Published:
        """Re-plan, sign and render only the pages that depend on the changed stories,
        and patch the feeds and search files that show them; keep every other file."""
        model, changed, moved = self.model, self.changed, self.moved
        config, writer, catalog, report = press.config, press.writer, press.catalog, press.report
        with report.timed("plan"):
            wanted = self.snapshot.pages_of(catalog, changed)
            made: set[str] = set()
            if moved is None:
                pages = plan_pages(model, config, wanted=wanted)
            else:
                # The outline of every page, for the sitemap; pages new since are planned.
                made = catalog.page_uris()
                wanted |= self.reached(config, catalog)
                pages = plan_pages(model, config, wanted=_NewOr(wanted, made), outline=True)
            known = catalog.signatures(wanted)
            resign = moved is not None
            plan = PagePlan(model, press.signer, known, writer, sitemap=resign, every=resign)
        with progress_counter(desc="Rendering", enabled=press.progress) as shown:
            for batch in plan.batches(pages, report):
                with report.timed("render"):
                    render_batch(press.renderer, batch, writer, press.jobs, shown, press.scheduler)
        drop = self._feeds(press) | self._search(press)
        if moved is not None:
            with report.timed("sitemap"):
                for uri, lines in sitemaps(config, plan.entries):
                    writer.write_stream(uri, lines)
            gone = made - (plan.every or set())
            drop |= gone
            catalog.drop_outputs(gone)
            # Every page's uri and entry: the snapshot's strings can take their place.
            plan.entries, plan.every, made = Entries(), None, set()
        writer.keep_rest(drop)
        catalog.update_outputs(plan.signatures)
        with report.timed("snapshot"):
            if moved is None:
                self.snapshot.update(catalog, model.by_slug, changed)
            else:
                self.snapshot.refresh(catalog, model, changed, moved.terms, plan.deps)
        report.count("stories changed in place", len(changed))
        if moved is not None:
            report.count("stories moved in the site model", moved.stories)
        return Published(pages=len(writer.target), rendered=plan.rendered)

    def _feeds(self, press: Press) -> set[str]:
        """Rewrite the feeds that show a changed story or term; the feeds that go."""
        model, moved, drop = self.model, self.moved, set()
        with press.report.timed("feeds"):
            terms = moved.terms if moved is not None else set()
            write_feeds(model, press.config, press.writer, only=set(self.changed), terms=terms)
            for kind, slug in terms:
                if kind in ("section", "topic") and slug not in model.terms[kind]:
                    drop.update(term_feed_uri(kind, slug, fmt) for fmt in ("atom", "json"))
        return drop

    def _search(self, press: Press) -> set[str]:
        """Patch the search files the changed stories reach; the files that go."""
        model, writer, drop = self.model, press.writer, set()
        with press.report.timed("search index"):
            number = {a.slug: i for i, a in enumerate(model.articles)}
            words = self.words(number)
            patch = None
            if words is not None:
                docs = [(number[slug], model.by_slug[slug]) for slug in self.changed]
                facets = self.moved.facets if self.moved is not None else None
                patch = patch_search(writer.read_live, words, docs, facets)
            if patch is None:  # rare: a shard splits; the index is made whole (reading stubs)
                patch = dict(search_files(model.articles, self.store.search_terms))
                drop |= {uri for uri in writer.live or {} if is_index_file(uri)} - set(patch)
            for uri, text in patch.items():
                if text is None:
                    drop.add(uri)
                else:
                    writer.write_text(uri, text)
        return drop
