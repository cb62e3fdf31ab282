"""The small path: an edit that leaves its stories where they were.

When every changed record keeps its shape (see snapshot.py) and the theme is as
it was, the last build's model is restored with the changed records swapped in
(the others as stubs), and only the pages that depend on a changed story are
planned, signed and rendered; only the feeds that show one are rewritten; the
search shards its words touch are patched; every other file is kept as
published.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsgen.catalog import MAX_PATCHED, Catalog
from newsgen.pages import plan_pages
from newsgen.progress import progress_counter
from newsgen.publish import Press, Published, render_batch, write_feeds
from newsgen.records import ANALYSIS_KEYS
from newsgen.search import is_index_file, patch_search, search_files
from newsgen.site import SiteModel
from newsgen.snapshot import Snapshot
from newsgen.store import RecordStore


def analysed_at_load(store: RecordStore) -> bool:
    """Some record leaves out its analysis, so each build analyses it anew (see
    `load_articles`): its stories cannot be kept as stubs."""
    keys = set(ANALYSIS_KEYS)
    return any(not r.has_hash and not keys <= r.present for r in store.records.values())


@dataclass
class Delta:
    """A build whose changed records all kept their shape: the last build's model with
    them swapped in, and the pages that depend on them (see snapshot.py)."""

    model: SiteModel
    changed: list[str]
    snapshot: Snapshot
    store: RecordStore

    @classmethod
    def prepare(
        cls, store: RecordStore, catalog: Catalog, theme: str, known: Snapshot | None = None
    ) -> Delta | None:
        """`known`: the snapshot as this process's last build left it, if it still is."""
        if catalog.replaced_terms is None or analysed_at_load(store):
            return None
        if known is not None and known.data["theme"] == theme:
            found: Snapshot | None = known
        else:
            found = Snapshot.load(catalog, theme)
        if found is None:
            return None
        articles = {slug: r.article for slug, r in store.records.items()}
        changed = found.changed(articles)
        if changed is None or len(changed) > MAX_PATCHED:
            return None
        return cls(found.restore(articles), changed, found, store)

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

    def publish(self, press: Press) -> Published:
        """Re-plan, sign and render only the pages that depend on the changed stories,
        and patch the feeds and search files that show them; keep every other file."""
        model, changed, signer = self.model, self.changed, press.signer
        config, writer, catalog, report = press.config, press.writer, press.catalog, press.report
        with report.timed("plan"):
            wanted = self.snapshot.pages_of(catalog, changed)
            before = catalog.signatures(wanted)
            signed: dict[str, str] = {}
            batch = []
            for page in plan_pages(model, config, wanted=wanted):
                signature = signed[page.uri] = signer.sign(page.template, page.context)
                if before.get(page.uri) == signature and writer.keep(page.uri):
                    continue
                batch.append(page)
        with (
            progress_counter(desc="Rendering", enabled=press.progress) as shown,
            report.timed("render"),
        ):
            if batch:
                render_batch(press.renderer, batch, writer, press.jobs, shown)
        with report.timed("feeds"):
            write_feeds(model, config, writer, only=set(changed))
        drop: set[str] = set()
        with report.timed("search index"):
            number = {a.slug: i for i, a in enumerate(model.articles)}
            words = self.words(number)
            patch = None
            if words is not None:
                docs = [(number[slug], model.by_slug[slug]) for slug in changed]
                patch = patch_search(writer.read_live, words, docs)
            if patch is None:  # rare: a shard splits; the index is made whole (reading stubs)
                patch = dict(search_files(model.articles, self.store.search_terms))
                drop = {uri for uri in writer.live or {} if is_index_file(uri)} - set(patch)
            for uri, text in patch.items():
                if text is None:
                    drop.add(uri)
                else:
                    writer.write_text(uri, text)
        writer.keep_rest(drop)
        catalog.update_outputs(signed)
        with report.timed("snapshot"):
            self.snapshot.update(catalog, model.by_slug, changed)
        report.count("stories changed in place", len(changed))
        return Published(pages=len(writer.target), rendered=len(batch))
