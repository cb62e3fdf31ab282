"""sitemap.xml (a sitemap index past 50,000 URLs) and robots.txt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import overload
from xml.sax.saxutils import escape

from newsgen.config import SiteConfig
from newsgen.site.urls import absolute

MAX_URLS = 50_000
_BLOCK = 1024  # lines handed to the writer at a time
_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


Entry = tuple[str, dt.date | None]


class Entries(Sequence[Entry]):
    """Every page's (uri, lastmod), as two flat lists: a build holds one per page until
    the sitemap is written, and a tuple each was 64 bytes a page (200 a story)."""

    __slots__ = ("dates", "uris")

    def __init__(
        self, uris: list[str] | None = None, dates: list[dt.date | None] | None = None
    ) -> None:
        self.uris: list[str] = uris if uris is not None else []
        self.dates: list[dt.date | None] = dates if dates is not None else []

    def append(self, entry: Entry) -> None:
        self.uris.append(entry[0])
        self.dates.append(entry[1])

    def __len__(self) -> int:
        return len(self.uris)

    @overload
    def __getitem__(self, i: int) -> Entry: ...
    @overload
    def __getitem__(self, i: slice) -> Entries: ...
    def __getitem__(self, i: int | slice) -> Entry | Entries:
        if isinstance(i, slice):
            return Entries(self.uris[i], self.dates[i])
        return self.uris[i], self.dates[i]

    def __iter__(self) -> Iterator[Entry]:
        return zip(self.uris, self.dates, strict=True)


def sitemaps(config: SiteConfig, entries: Sequence[Entry]) -> Iterator[tuple[str, Iterator[str]]]:
    """(uri, lines) for sitemap.xml, and its parts when there are too many URLs.

    Lines, not one string: at 50,000 URLs a part is megabytes, and the writer streams it.
    """
    fallback = max((d for _, d in entries if d), default=dt.date(1970, 1, 1))
    if len(entries) <= MAX_URLS:
        yield "sitemap.xml", _urlset(config, entries, fallback)
        return
    index = ['<?xml version="1.0" encoding="UTF-8"?>\n', f'<sitemapindex xmlns="{_NS}">\n']
    for n, start in enumerate(range(0, len(entries), MAX_URLS), 1):
        chunk = entries[start : start + MAX_URLS]  # one part's at a time
        uri = f"sitemap-{n}.xml"
        yield uri, _urlset(config, chunk, fallback)
        last = max((d for _, d in chunk if d), default=fallback)
        index.append(
            f"  <sitemap><loc>{escape(absolute(config.base_url, uri))}</loc>"
            f"<lastmod>{last.isoformat()}</lastmod></sitemap>\n"
        )
    index.append("</sitemapindex>\n")
    yield "sitemap.xml", iter(index)


def _urlset(config: SiteConfig, entries: Sequence[Entry], fallback: dt.date) -> Iterator[str]:
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
