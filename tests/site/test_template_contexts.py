"""docs/TEMPLATES.md names every variable a page's template is given (cf. tests/test_docs.py)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from newsgen.article import Article, Entity, Quote, Topic
from newsgen.config import SiteConfig
from newsgen.site import hubs
from newsgen.site.model import build_model
from newsgen.site.pages import plan_pages

DOC = (Path(__file__).resolve().parents[2] / "docs" / "TEMPLATES.md").read_text("utf-8")


def _rows() -> dict[str, str]:
    """Template name -> its row of the "Pages and their context" table."""
    table = DOC.split("## Pages and their context", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in table.splitlines():
        found = re.match(r"\| `([\w.]+\.html)` \|", line)
        if found:
            rows[found.group(1)] = line
    return rows


def _story(n: int, day: int) -> Article:
    section = Topic(name="Politics", slug="politics", qcode="medtop:11000000")
    person = Entity(name="Ann Example", slug="ann-example", kind="person")
    return Article(
        slug=f"story-{n}",
        title=f"Story {n}",
        paragraphs=["A paragraph."],
        date=dt.date(2024, 5, day),
        section=section,
        topics=[Topic(name="Elections", slug="elections", qcode="medtop:20000065")],
        people=[person],
        quotes=[Quote(text="We will see.", speaker="Ann Example")],
    )


def test_every_context_variable_of_every_page_is_documented(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(hubs, "HUB_TOP", 0)  # so that the A–Z pages are planned too
    rows = _rows()
    model = build_model([_story(1, 3), _story(2, 4), _story(3, 5)], related_count=2)
    seen: dict[str, set[str]] = {}
    for page in plan_pages(model, SiteConfig(per_page=1)):
        seen.setdefault(page.template, set()).update(page.context)
    assert {"home.html", "article.html", "listing.html", "hub.html", "hub_letter.html"} <= set(seen)
    every = DOC.split("## Globals every template gets", 1)[1].split("\n## ", 1)[0]

    def documented(key: str, row: str) -> bool:
        return any(re.search(rf"`{key}\b", text) for text in (row, every))

    missing = {
        template: sorted(k for k in keys if not documented(k, rows.get(template, "")))
        for template, keys in seen.items()
    }
    assert {t: keys for t, keys in missing.items() if keys} == {}
