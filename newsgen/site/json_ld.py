"""schema.org data for search engines: a story (`NewsArticle`) and an entity's page.

Where a record names an entity's Wikidata item, the entity is said to be the same as
it (`sameAs`), so a search engine knows which "Chelsea" a page is about.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from markupsafe import Markup

from newsgen.article import Article
from newsgen.config import SiteConfig
from newsgen.site.model import Term
from newsgen.site.urls import absolute, article_uri

WIKIDATA = "https://www.wikidata.org/wiki/"
_TYPES = {"person": "Person", "place": "Place", "organization": "Organization"}


def json_ld(a: Article, config: SiteConfig, terms: Mapping[str, list[Any]]) -> Markup:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.title[:110],
        "url": absolute(config.base_url, article_uri(a.slug)),
        "inLanguage": a.language,
        "wordCount": a.word_count,
    }
    if a.date:
        data["datePublished"] = a.date.isoformat()
    if a.updated:
        data["dateModified"] = a.updated.isoformat()
    if a.authors:
        data["author"] = [{"@type": "Person", "name": n} for n in a.authors]
    elif config.author:
        data["author"] = {"@type": "Organization", "name": config.author}
    sections = [t.name for t in a.all_sections]
    if sections:  # schema.org takes one section or several
        data["articleSection"] = sections[0] if len(sections) == 1 else sections
    if a.keywords or a.topics:
        data["keywords"] = [t.name for t in a.topics] + list(a.keywords)
    if a.summary:
        data["description"] = a.summary
    items = {(e.kind, e.slug): e.wikidata for e in a.entities if e.wikidata}
    about = []
    for kind, schema_type in _TYPES.items():
        for t in terms.get(kind, []):
            item = {"@type": schema_type, "name": t.name, "url": absolute(config.base_url, t.uri)}
            if (kind, t.slug) in items:
                item["sameAs"] = WIKIDATA + items[kind, t.slug]
            about.append(item)
    if about:
        data["mentions"] = about
    return _script(data)


def term_json_ld(term: Term, shown: Iterable[Article], config: SiteConfig) -> Markup:
    """A person's, place's or organisation's page as schema.org data: `sameAs` its
    Wikidata item where a story on the page names it (so the page's signature, which
    counts the stories it shows, covers it)."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": _TYPES[term.kind],
        "name": term.name,
        "url": absolute(config.base_url, term.uri),
    }
    for a in shown:
        found = next(
            (
                e.wikidata
                for e in a.entities
                if e.slug == term.slug and e.kind == term.kind and e.wikidata
            ),
            None,
        )
        if found:
            data["sameAs"] = WIKIDATA + found
            break
    return _script(data)


def _script(data: dict[str, Any]) -> Markup:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # Inside <script>, "</" must not appear; escape like Jinja's tojson does.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)
