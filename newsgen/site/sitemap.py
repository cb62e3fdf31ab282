"""sitemap.xml (a sitemap index past 50,000 URLs) and robots.txt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from xml.sax.saxutils import escape

from newsgen.config import SiteConfig
from newsgen.site.urls import absolute

MAX_URLS = 50_000
_BLOCK = 1024  # lines handed to the writer at a time
_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemaps(
    config: SiteConfig, entries: list[tuple[str, dt.date | None]]
) -> Iterator[tuple[str, Iterator[str]]]:
    """(uri, lines) for sitemap.xml, and its parts when there are too many URLs.

    Lines, not one string: at 50,000 URLs a part is megabytes, and the writer streams it.
    """
    fallback = max((d for _, d in entries if d), default=dt.date(1970, 1, 1))
    chunks = [entries[i : i + MAX_URLS] for i in range(0, len(entries), MAX_URLS)] or [[]]
    if len(chunks) == 1:
        yield "sitemap.xml", _urlset(config, chunks[0], fallback)
        return
    index = ['<?xml version="1.0" encoding="UTF-8"?>\n', f'<sitemapindex xmlns="{_NS}">\n']
    for n, chunk in enumerate(chunks, 1):
        uri = f"sitemap-{n}.xml"
        yield uri, _urlset(config, chunk, fallback)
        last = max((d for _, d in chunk if d), default=fallback)
        index.append(
            f"  <sitemap><loc>{escape(absolute(config.base_url, uri))}</loc>"
            f"<lastmod>{last.isoformat()}</lastmod></sitemap>\n"
        )
    index.append("</sitemapindex>\n")
    yield "sitemap.xml", iter(index)


def _urlset(
    config: SiteConfig, entries: list[tuple[str, dt.date | None]], fallback: dt.date
) -> Iterator[str]:
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield f'<urlset xmlns="{_NS}">\n'
    for start in range(0, len(entries), _BLOCK):
        yield "".join(
            f"  <url><loc>{escape(absolute(config.base_url, uri))}</loc>"
            f"<lastmod>{(date or fallback).isoformat()}</lastmod></url>\n"
            for uri, date in entries[start : start + _BLOCK]
        )
    yield "</urlset>\n"


def robots(config: SiteConfig) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {absolute(config.base_url, 'sitemap.xml')}\n"
