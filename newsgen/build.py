"""build(): the whole pipeline, one line per stage.

seeds -> ingest -> records -> site model -> pages -> render -> write
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from newsgen.analysis import analyse
from newsgen.config import SiteConfig
from newsgen.errors import NewsgenError
from newsgen.feeds import atom, json_feed
from newsgen.intake import ingest_seeds
from newsgen.pages import plan_pages
from newsgen.paths import SitePaths
from newsgen.records import ANALYSIS_KEYS
from newsgen.render import Renderer, make_environment
from newsgen.report import BuildReport
from newsgen.search import search_index
from newsgen.site import SiteModel, build_model
from newsgen.sitemap import robots, sitemaps
from newsgen.store import RecordStore
from newsgen.theme import theme_dir
from newsgen.write import OutputWriter


@dataclass
class BuildResult:
    report: BuildReport
    pages: int = 0


@contextmanager
def _timed(report: BuildReport, stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        report.timings[stage] = report.timings.get(stage, 0.0) + time.perf_counter() - start


def ingest(paths: SitePaths, config: SiteConfig, report: BuildReport) -> RecordStore:
    """seeds/ -> articles/, returning every record."""
    with _timed(report, "load records"):
        store = RecordStore.load(paths.articles_dir, paths.root, report)
    with _timed(report, "ingest"):
        ingest_seeds(paths, config, store, report)
    return store


def load_articles(store: RecordStore, config: SiteConfig) -> list:
    """Records as articles; hand-written ones get the analysis they left out."""
    articles = []
    for slug in sorted(store.records):
        loaded = store.records[slug]
        if not loaded.has_hash and not set(ANALYSIS_KEYS) <= loaded.present:
            analyse(loaded.article, config.topics, keep=loaded.present)
        articles.append(loaded.article)
    return articles


def build(paths: SitePaths, config: SiteConfig, report: BuildReport | None = None) -> BuildResult:
    report = report or BuildReport()
    store = ingest(paths, config, report)
    with _timed(report, "site model"):
        model = build_model(load_articles(store, config), related_count=config.related_count)
    writer = OutputWriter(paths.output_dir)
    try:
        pages = render_site(model, paths, config, writer, report)
        with _timed(report, "swap"):
            writer.commit()
    except BaseException:
        writer.abort()
        raise
    report.count("articles", len(model.articles))
    report.count("pages written", pages)
    return BuildResult(report=report, pages=pages)


def render_site(
    model: SiteModel,
    paths: SitePaths,
    config: SiteConfig,
    writer: OutputWriter,
    report: BuildReport,
) -> int:
    with _timed(report, "static"):
        assets = writer.copy_static([theme_dir("static"), paths.static_dir])
    renderer = Renderer(make_environment(paths.templates_dir), config, assets)
    sitemap_entries = []
    count = 0
    with _timed(report, "render"):
        for page in plan_pages(model, config):
            writer.write_text(page.uri, renderer.render(page))
            count += 1
            if page.uri != "404.html":
                shown = [model.by_slug[s].date for s in page.shows if s in model.by_slug]
                newest = max((d for d in shown if d), default=None)
                sitemap_entries.append((page.uri, newest))
    with _timed(report, "feeds"):
        _write_feeds(model, config, writer)
        writer.write_text("search/index.json", search_index(model.articles))
        for uri, text in sitemaps(config, sitemap_entries):
            writer.write_text(uri, text)
        writer.write_text("robots.txt", robots(config))
    return count


def _write_feeds(model: SiteModel, config: SiteConfig, writer: OutputWriter) -> None:
    feeds = [(config.title, "feed", "index.html", model.articles)]
    for kind in ("section", "topic"):
        for term in model.terms_of(kind):
            folder = term.uri.removesuffix("/index.html")
            feeds.append(
                (f"{term.name} — {config.title}", f"{folder}/feed", term.uri, term.articles)
            )
    for title, stem, page_uri, articles in feeds:
        for ext, fn in (("xml", atom), ("json", json_feed)):
            uri = f"{stem}.{ext}"
            writer.write_text(
                uri, fn(config, title=title, feed_uri=uri, page_uri=page_uri, articles=articles)
            )


__all__ = ["BuildResult", "NewsgenError", "build", "ingest"]
