"""The page plan: which HTML pages the site has, their templates and contexts.

Pure: from the site model to a list of `Page`s; nothing here touches the disk.
Every template gets `site`, `page_uri`, `title` and `nav` plus what is named
below (docs/TEMPLATES.md lists each context).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Container, Iterator
from dataclasses import dataclass
from typing import Any

from newsgen.article import Article, Quote
from newsgen.config import SiteConfig
from newsgen.records.stub import page_template
from newsgen.site.hubs import hub_pages
from newsgen.site.model import TERM_KINDS, SiteModel, Term, quoted_stories
from newsgen.site.page import KIND_LABELS, MONTHS, Page, Pagination, page_count
from newsgen.site.urls import (
    archive_uri,
    article_uri,
    hub_uri,
    paged,
    speaker_uri,
    term_feed_uri,
)
from newsgen.slugs import make_slug, unique_slug

__all__ = ["KIND_LABELS", "MONTHS", "Page", "Pagination", "page_count", "plan_pages"]


class _All:
    """Every uri: the whole plan."""

    def __contains__(self, uri: object) -> bool:
        return True


def plan_pages(
    model: SiteModel,
    config: SiteConfig,
    wanted: Container[str] | None = None,
    *,
    outline: bool = False,
) -> Iterator[Page]:
    """Every page of the site, in a fixed order; with `wanted`, only the pages whose
    uri it holds (their contexts are the same as in a whole plan). With `outline`, the
    others too, as outlines for the sitemap: uri, no template or context, and in
    `shows` only the newest story (every listing is newest first)."""
    wanted = _All() if wanted is None else wanted
    if "index.html" in wanted:
        yield _home(model)
    elif outline:
        yield Page("index.html", "")
    for a in model.articles:
        uri = article_uri(a.slug)
        if uri in wanted:
            yield _article(model, a)
        elif outline:
            yield Page(uri, "", shows=(a.slug,))
    for kind in TERM_KINDS:
        yield from hub_pages(model, kind, wanted, outline)
        for term in model.terms_of(kind):
            yield from _listing(
                wanted,
                outline,
                first_uri=term.uri,
                title=term.name,
                # Names repeat across kinds (a person, a club); the page title says which.
                page_title=f"{term.name} · {KIND_LABELS[kind][0]}",
                articles=term.articles,
                per_page=config.per_page,
                extra={
                    "kind": kind,
                    "kind_label": KIND_LABELS[kind][0],
                    "term": term,
                    "feed_uri": term_feed_uri(kind, term.slug)
                    if kind in ("section", "topic")
                    else None,
                },
            )
    yield from _archives(model, config, wanted, outline)
    yield from _quotes(model, config, wanted, outline)
    if "search/index.html" in wanted:
        yield Page(uri="search/index.html", template="search.html", context={"title": "Search"})
    elif outline:
        yield Page("search/index.html", "")
    if "404.html" not in wanted:
        if outline:
            yield Page("404.html", "")
    else:
        yield Page(
            uri="404.html",
            template="404.html",
            context={"title": "Page not found", "root_relative": True},
        )


# "Of the last period" on the home page: the month up to the newest story (never the clock).
RECENT_DAYS = 30


def _recent(model: SiteModel) -> list[Article]:
    newest = model.articles[0].date if model.articles else None
    if newest is None:
        return list(model.articles)
    since = newest - dt.timedelta(days=RECENT_DAYS)
    return [a for a in model.articles if a.date is not None and a.date > since]


def _most_covered(
    model: SiteModel, kind: str, recent: list[Article], n: int = 12
) -> list[tuple[Term, int]]:
    """The terms with most recent stories. Counted down each term's list (newest first)
    rather than from the stories' own terms, so no story needs reading in full."""
    if not recent:
        return []
    since = recent[-1].date
    counts: Counter[str] = Counter()
    for slug, term in model.terms[kind].items():
        count = 0
        for a in term.articles:
            if since is not None and (a.date is None or a.date < since):
                break
            count += 1
        if count:
            counts[slug] = count
    # Ties by name, then slug: never by the order terms were first met, which a story
    # moved in place (retag.py) does not keep.
    ranked = sorted(
        counts.items(), key=lambda kv: (-kv[1], model.terms[kind][kv[0]].name.casefold(), kv[0])
    )
    return [(model.terms[kind][slug], count) for slug, count in ranked[:n]]


def _home(model: SiteModel) -> Page:
    recent = _recent(model)
    sections = [(term, term.articles[:4]) for term in model.terms_of("section") if term.articles]
    return Page(
        uri="index.html",
        template="home.html",
        context={
            "title": None,
            "lead": model.articles[0] if model.articles else None,
            "latest": model.articles[1:9],
            "sections": sections,
            "top_topics": _most_covered(model, "topic", recent),
            "top_people": _most_covered(model, "person", recent),
            "period": (recent[-1].date, recent[0].date) if recent and recent[0].date else None,
            "years": list(model.years),
            "all_sections": model.terms_of("section"),
        },
    )


def _article(model: SiteModel, a: Article) -> Page:
    older, newer = model.neighbours.get(a.slug, (None, None))
    return Page(
        uri=article_uri(a.slug),
        template=page_template(a) or "article.html",
        context={
            "title": a.title,
            "article": a,
            "terms": model.article_terms(a),
            "related": model.related.get(a.slug, []),
            "older": older,
            "newer": newer,
        },
        shows=(a.slug,),
    )


def _listing(
    wanted: Container[str],
    outline: bool,
    *,
    first_uri: str,
    title: str,
    articles: list[Article],
    per_page: int,
    extra: dict[str, Any],
    page_title: str | None = None,
) -> Iterator[Page]:
    page_title = page_title or title
    pages = page_count(len(articles), per_page)
    for n in range(1, pages + 1):
        uri = paged(first_uri, n)
        if uri not in wanted:
            if outline:
                yield Page(uri, "", shows=(articles[(n - 1) * per_page].slug,) if articles else ())
            continue
        chunk = articles[(n - 1) * per_page : n * per_page]
        yield Page(
            uri=uri,
            template="listing.html",
            context={
                "title": page_title if n == 1 else f"{page_title} (page {n})",
                "heading": title,
                "articles": chunk,
                "pagination": Pagination.of(first_uri, n, pages),
                **extra,
            },
            shows=tuple(a.slug for a in chunk),
        )


def _archives(
    model: SiteModel, config: SiteConfig, wanted: Container[str], outline: bool
) -> Iterator[Page]:
    if "archive/index.html" not in wanted:
        if outline:
            yield Page("archive/index.html", "")
    else:
        yield Page(
            uri="archive/index.html",
            template="archive_index.html",
            context={
                "title": "Archive",
                "years": [
                    (y, [(m, MONTHS[m - 1], len(items)) for m, items in months.items()])
                    for y, months in model.years.items()
                ],
            },
        )
    for year, months in model.years.items():
        stories = [a for items in months.values() for a in items]
        yield from _listing(
            wanted,
            outline,
            first_uri=archive_uri(year),
            title=str(year),
            articles=stories,
            per_page=config.per_page,
            extra={
                "kind": "year",
                "months": [(m, MONTHS[m - 1], archive_uri(year, m)) for m in months],
            },
        )
        for month, items in months.items():
            yield from _listing(
                wanted,
                outline,
                first_uri=archive_uri(year, month),
                title=f"{MONTHS[month - 1]} {year}",
                articles=items,
                per_page=config.per_page,
                extra={"kind": "month", "year_uri": archive_uri(year)},
            )


# Speakers shown with their latest quote on the quotes page; the rest are listed by name.
QUOTES_FEATURED = 60


@dataclass(frozen=True, slots=True)
class SpeakerEntry:
    """A speaker as the quotes page shows them: how many quotes, and the latest one."""

    speaker: str
    count: int
    latest: tuple[Quote, Article] | None = None


def speaker_uris(speakers: list[str]) -> list[str]:
    """Each speaker's page (in the order of `speakers`, which settles clashing slugs)."""
    taken: set[str] = set()
    out = []
    for speaker in speakers:
        slug = unique_slug(_speaker_slug(speaker), speaker, taken)
        taken.add(slug)
        out.append(speaker_uri(slug))
    return out


@functools.lru_cache(maxsize=1 << 16)
def _speaker_slug(speaker: str) -> str:
    """Cached: every plan, a small one too, names every speaker's page."""
    return make_slug(speaker, fallback="speaker")


def person_uris(model: SiteModel) -> dict[str, str]:
    """Person pages by name, for a speaker's quotes to link to."""
    return {t.name: t.uri for t in model.terms_of("person")}


def _quotes(
    model: SiteModel, config: SiteConfig, wanted: Container[str], outline: bool
) -> Iterator[Page]:
    """ "Who said what": a page of speakers, and one paginated page of quotes per speaker.

    One page with every quote would grow with the archive (21 MB at 22,000 stories).
    """
    people = person_uris(model)
    speakers = list(
        zip(model.speakers, speaker_uris([g.speaker for g in model.speakers]), strict=True)
    )
    if "quotes/index.html" not in wanted:
        if outline:
            yield Page("quotes/index.html", "")
    else:
        featured = [
            (SpeakerEntry(g.speaker, len(g.quotes), g.quotes[0]), uri)
            for g, uri in speakers[:QUOTES_FEATURED]
        ]
        others = [
            (SpeakerEntry(g.speaker, len(g.quotes)), uri)
            for g, uri in sorted(speakers[QUOTES_FEATURED:], key=lambda s: s[0].speaker.casefold())
        ]
        yield Page(
            uri="quotes/index.html",
            template="quotes.html",
            context={
                "title": "Who said what",
                "featured": featured,
                "others": others,
                "speaker_uris": people,
            },
        )
    per_page = config.per_page
    for group, first_uri in speakers:
        pages = page_count(len(group.quotes), per_page)
        for n in range(1, pages + 1):
            uri = paged(first_uri, n)
            if uri not in wanted:
                if outline:
                    # By story number: reading the quote would load its story.
                    newest = quoted_stories(group.quotes, (n - 1) * per_page, n * per_page)[0]
                    yield Page(uri, "", shows=(newest.slug,))
                continue
            chunk = group.quotes[(n - 1) * per_page : n * per_page]
            yield Page(
                uri=uri,
                template="speaker_quotes.html",
                context={
                    "title": f"{group.speaker} · Quotes"
                    if n == 1
                    else f"{group.speaker} · Quotes (page {n})",
                    "speaker": group.speaker,
                    "person_uri": people.get(group.speaker),
                    "count": len(group.quotes),
                    "quotes": chunk,
                    "pagination": Pagination.of(first_uri, n, pages),
                },
                shows=tuple(item.slug for _, item in chunk),
            )


def nav_items() -> list[tuple[str, str]]:
    """The site-wide navigation: (label, uri)."""
    return [
        ("Home", "index.html"),
        ("Topics", hub_uri("topic")),
        ("People", hub_uri("person")),
        ("Places", hub_uri("place")),
        ("Organisations", hub_uri("organization")),
        ("Quotes", "quotes/index.html"),
        ("Archive", "archive/index.html"),
        ("Search", "search/index.html"),
    ]
