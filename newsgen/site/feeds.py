"""Atom and JSON Feed documents, for the whole site and per section and topic.

Feed timestamps come from the stories' dates, never from the clock, so the
same archive always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
from xml.sax.saxutils import escape, quoteattr

from newsgen.article import Article
from newsgen.config import SiteConfig
from newsgen.site.urls import absolute, article_uri


def _stamp(d: dt.date | None) -> str:
    return f"{(d or dt.date(1970, 1, 1)).isoformat()}T00:00:00Z"


def atom(
    config: SiteConfig, *, title: str, feed_uri: str, page_uri: str, articles: list[Article]
) -> str:
    items = articles[: config.feed_size]
    updated = max((a.date for a in items if a.date), default=None)
    feed_url = absolute(config.base_url, feed_uri)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(config.language)}>',
        f"  <title>{escape(title)}</title>",
        f"  <subtitle>{escape(config.description)}</subtitle>",
        f"  <id>{escape(feed_url)}</id>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(feed_url)}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(absolute(config.base_url, page_uri))}/>',
        f"  <updated>{_stamp(updated)}</updated>",
        f"  <author><name>{escape(config.author or config.title)}</name></author>",
        '  <generator uri="https://pypi.org/project/newsgen/">newsgen</generator>',
    ]
    for a in items:
        url = absolute(config.base_url, article_uri(a.slug))
        out += [
            "  <entry>",
            f"    <title>{escape(a.title)}</title>",
            f"    <id>{escape(url)}</id>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(url)}/>',
            f"    <updated>{_stamp(a.updated or a.date)}</updated>",
        ]
        if a.date:
            out.append(f"    <published>{_stamp(a.date)}</published>")
        for name in a.authors:
            out.append(f"    <author><name>{escape(name)}</name></author>")
        for t in [*a.all_sections, *a.topics]:
            out.append(f"    <category term={quoteattr(t.slug)} label={quoteattr(t.name)}/>")
        out.append(f"    <summary>{escape(a.summary or a.title)}</summary>")
        body = "".join(f"<p>{escape(p)}</p>" for p in a.paragraphs)
        out.append(f'    <content type="html">{escape(body)}</content>')
        out.append("  </entry>")
    out.append("</feed>")
    return "\n".join(out) + "\n"


def json_feed(
    config: SiteConfig, *, title: str, feed_uri: str, page_uri: str, articles: list[Article]
) -> str:
    items = []
    for a in articles[: config.feed_size]:
        url = absolute(config.base_url, article_uri(a.slug))
        item: dict[str, object] = {
            "id": url,
            "url": url,
            "title": a.title,
            "summary": a.summary or a.title,
            "content_text": a.body,
            "tags": [t.name for t in a.all_sections + a.topics],
        }
        if a.date:
            item["date_published"] = _stamp(a.date)
        if a.authors:
            item["authors"] = [{"name": n} for n in a.authors]
        items.append(item)
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "description": config.description,
        "home_page_url": absolute(config.base_url, page_uri),
        "feed_url": absolute(config.base_url, feed_uri),
        "language": config.language,
        "items": items,
    }
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
