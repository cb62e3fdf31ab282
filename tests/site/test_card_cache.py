"""A story's card is rendered once a build and reused: never a byte different."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsgen.article import Article, Topic
from newsgen.config import SiteConfig
from newsgen.site.page import Page
from newsgen.site.render import Renderer, make_environment

LIST = '{% for item in items %}{% include "_card.html" %}{% endfor %}\n'
# The pages a story is listed on, at every depth and with each heading level.
URIS = ["index.html", "topics/x/index.html", "topics/x/page/2/index.html", "articles/b/index.html"]


def _stories() -> list[Article]:
    return [
        Article(
            slug=f"story-{i}",
            title=f"Story <{i}>",
            paragraphs=["Text."],
            summary="A summary. " * (i * 10),
            date=dt.date(2024, 1, i + 1) if i else None,
            section=Topic(name="politics", slug="politics") if i % 2 else None,
            reading_minutes=i + 1,
        )
        for i in range(3)
    ]


def _pages(items: list[Article]) -> list[Page]:
    return [
        Page(uri=uri, template="list.html", context={"items": items, **level})
        for uri in URIS
        for level in ({}, {"card_level": 2})
    ]


def _uncached(templates: Path, page: Page) -> str:
    """The page as Jinja renders it, with no card cache."""
    renderer = Renderer(make_environment(templates), SiteConfig(), {})
    renderer.env.cache.clear()  # a fresh, unwrapped `_card.html`
    renderer.env.cache = None  # type: ignore[assignment]
    return renderer.render(page)


@pytest.mark.parametrize(
    "card",
    [
        None,  # the theme's
        '<p><a href="{{ url(article_uri(item.slug)) }}">{{ item.title }}</a>'
        '<a href="{{ url("index.html") }}">home</a> {{ card_level|default(1) }}</p>\n',
        "<p>{{ item.title }} on {{ page_uri }}</p>\n",  # reads the page: never reused
    ],
)
def test_cards_are_reused_and_pages_stay_the_same(tmp_path: Path, card: str | None) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "list.html").write_text(LIST)
    if card is not None:
        (templates / "_card.html").write_text(card)
    items = _stories()
    renderer = Renderer(make_environment(templates), SiteConfig(), {})
    for page in _pages(items) * 2:
        assert renderer.render(page) == _uncached(templates, page), page.uri
    if card is not None and "page_uri" in card:
        assert renderer.cards.hits == 0
    else:
        assert renderer.cards.hits >= len(items) * 2 * len(URIS)
