"""Golden tests: what a reader sees on the pages of a small built site."""

from __future__ import annotations

import itertools
import json
import posixpath
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from newsgen.commands.check import check_site
from newsgen.site.search import index_data

KIM = "articles/kim-jong-un-of-north-korea-orders-a-significant-increase-in-missile/index.html"
FERRY = "articles/harbour-city-opens-new-ferry-terminal-after-two-years-of-building/index.html"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _target(page: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href.split("#")[0]))


def test_article_shows_headline_and_every_paragraph(soup_of) -> None:
    page = soup_of(KIM)
    assert page.h1.get_text(strip=True).startswith("Kim Jong Un of North Korea orders")
    paragraphs = page.select(".story .body p")
    assert len(paragraphs) == 13
    assert paragraphs[0].get_text().startswith("Days before South Korea")
    assert paragraphs[-1].get_text().endswith("strengthen ties with China and Russia.")
    text = page.get_text()
    assert "Leave a Reply" not in text
    assert "Required fields" not in text


def test_article_metadata_for_readers_and_machines(soup_of) -> None:
    page = soup_of(FERRY)
    assert page.html["lang"] == "en-GB"
    time = page.select_one(".story-head time")
    assert time["datetime"] == "2024-03-03"
    assert "min read" in page.select_one(".byline").get_text()
    assert page.select_one('link[rel="canonical"]')["href"] == (
        "https://example.org/archive/" + FERRY.removesuffix("index.html")
    )
    assert page.select_one('meta[property="og:type"]')["content"] == "article"
    assert page.select_one('meta[name="twitter:card"]')
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "NewsArticle"
    assert data["datePublished"] == "2024-03-03"


def test_direct_quote_is_a_pullquote_with_its_speaker(soup_of) -> None:
    page = soup_of(FERRY)
    quotes = page.select(".pullquote")
    assert any("million passengers" in q.blockquote.get_text() for q in quotes)
    assert any("Park Min-ho" in q.figcaption.get_text() for q in quotes if q.figcaption)


def test_term_links_lead_to_existing_pages(built: Path, soup_of) -> None:
    page = soup_of(KIM)
    links = [a["href"] for a in page.select(".tags a")]
    targets = {_target(KIM, h) for h in links}
    assert "people/kim-jong-un/index.html" in targets
    assert "topics/kim-jong-un/index.html" in targets
    for target in targets:
        assert (built / target).is_file(), target


def test_topic_and_person_with_the_same_name_do_not_collide(soup_of) -> None:
    topic = soup_of("topics/kim-jong-un/index.html")
    person = soup_of("people/kim-jong-un/index.html")
    assert topic.select_one(".listing-head .kicker").get_text(strip=True) == "Topic"
    assert person.select_one(".listing-head .kicker").get_text(strip=True) == "Person"


def test_listings_paginate_with_stable_urls(soup_of) -> None:
    first = soup_of("topics/kim-jong-un/index.html")
    nxt = first.select_one('.pagination a[rel="next"]')["href"]
    assert nxt == "page/2/index.html"
    second = soup_of("topics/kim-jong-un/page/2/index.html")
    assert second.select_one('.pagination a[rel="prev"]')["href"] == "../../index.html"
    # Newest first: the 2024 story is older than the bundled one (dated from its file).
    assert "ferry" in second.select_one(".card-title a")["href"]


def test_date_archives(soup_of) -> None:
    month = soup_of("2024/03/index.html")
    assert month.h1.get_text(strip=True) == "March 2024"
    assert [a["href"] for a in month.select(".card-title a")] == [
        "../../" + FERRY,
    ]
    archive = soup_of("archive/index.html")
    assert "../2024/03/index.html" in [a["href"] for a in archive.select("main a")]


def test_quotes_page_groups_by_speaker_and_links_the_story(soup_of) -> None:
    page = soup_of("quotes/index.html")
    speakers = [h.get_text(" ", strip=True) for h in page.select(".speaker h2")]
    assert any(s.startswith("Park Min-ho") for s in speakers)
    story_links = [a["href"] for a in page.select(".pullquote figcaption a")]
    assert "../" + FERRY in story_links


def test_home_has_lead_sections_and_top_terms(soup_of) -> None:
    page = soup_of("index.html")
    assert page.select_one(".lead h2 a")
    assert page.select(".section-block")
    assert page.select_one("#topics-title")
    assert page.select_one("#people-title")


def test_404_links_work_from_any_path(soup_of) -> None:
    page = soup_of("404.html")
    hrefs = [a["href"] for a in page.select("a")] + [ln["href"] for ln in page.select("link")]
    internal = [h for h in hrefs if not h.startswith(("https://", "#"))]
    assert internal
    assert all(h.startswith("/archive/") for h in internal), internal


def test_headings_do_not_skip_levels(built: Path, soup_of) -> None:
    for uri in ("index.html", KIM, "topics/kim-jong-un/index.html", "quotes/index.html"):
        levels = [int(h.name[1]) for h in soup_of(uri).find_all(["h1", "h2", "h3", "h4"])]
        assert levels[0] == 1 and levels.count(1) == 1, uri
        for a, b in itertools.pairwise(levels):
            assert b <= a + 1, (uri, levels)


def test_no_scripts_but_the_theme_search(built: Path, soup_of) -> None:
    for path in sorted(built.rglob("*.html")):
        page = soup_of(path.relative_to(built).as_posix())
        for script in page.find_all("script"):
            src = script.get("src", "")
            assert script.get("type") == "application/ld+json" or "static/search." in src
        for tag in page.find_all(True):
            assert not [k for k in tag.attrs if k.lower().startswith("on")], tag.name
            for key in ("href", "src", "action"):
                assert not str(tag.get(key, "")).strip().lower().startswith("javascript:")


def test_internal_links_are_relative_and_name_files(soup_of) -> None:
    page = soup_of(KIM)
    for a in page.select("a[href]"):
        href = a["href"]
        assert not href.startswith("/"), href
        path = href.split("#")[0]
        assert not path or path.endswith((".html", ".xml", ".json")), href


def test_feeds_and_sitemap_parse(built: Path) -> None:
    feed = ET.parse(built / "feed.xml").getroot()
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 2
    assert json.loads((built / "topics/kim-jong-un/feed.json").read_text())["items"]
    urls = [loc.text for loc in ET.parse(built / "sitemap.xml").getroot().iter(f"{SITEMAP_NS}loc")]
    assert "https://example.org/archive/" in urls
    assert "https://example.org/archive/" + FERRY.removesuffix("index.html") in urls
    assert "https://example.org/archive/topics/kim-jong-un/page/2/" in urls
    assert "Sitemap: https://example.org/archive/sitemap.xml" in (built / "robots.txt").read_text()


def test_search_index_is_sharded_and_finds_body_words(built: Path) -> None:
    meta = index_data((built / "search/meta.js").read_text())
    assert meta["count"] == 2
    shard = index_data((built / "search/words" / f"{meta['shards']['te']}.js").read_text())
    assert "terminal" in shard["b"]
    assert "terminal" in shard["t"]


def test_check_site_finds_no_problems(built: Path) -> None:
    result = check_site(built)
    assert result.problems == []
    assert result.pages > 20


def test_check_site_reports_a_broken_link_and_an_orphan(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<link rel="canonical" href="https://x.org/"><a href="missing.html">x</a>'
        '<a href="#nowhere">y</a><a href="missing.html">x again</a>'
    )
    (tmp_path / "alone.html").write_text("<p>nobody links here</p>")
    result = check_site(tmp_path)
    problems = result.problems
    # Reported once for the page however often it links there; every link counted.
    assert [p for p in problems if "broken link 'missing.html'" in p] == [
        "index.html: broken link 'missing.html'"
    ]
    assert result.links == 3
    assert any("#nowhere" in p for p in problems)
    assert any(p.startswith("alone.html: orphan") for p in problems)


def test_check_site_in_worker_processes_reports_what_one_process_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("newsgen.commands.check._CHUNK", 4)  # 40 pages: ten units of work
    links = "".join(f'<a href="p{n}.html">{n}</a>' for n in range(0, 40, 2))
    (tmp_path / "index.html").write_text(f'<link rel="canonical" href="https://x.org/">{links}')
    for n in range(40):
        (tmp_path / f"p{n}.html").write_text(
            f'<h2 id="h{n}">{n}</h2><a href="p{(n + 2) % 40}.html#h{n + 2}">next</a>'
            f'<a href="gone{n % 3}.html">gone</a><a href="/rooted.html">r</a>'
        )
    one, two = check_site(tmp_path, 1), check_site(tmp_path, 2)
    assert (two.pages, two.links, two.problems) == (one.pages, one.links, one.problems)
    assert len([p for p in one.problems if "orphan" in p]) == 20  # the odd pages
    assert "p38.html: link 'p0.html#h40' has no #h40 target" in one.problems


def test_each_speaker_has_a_quotes_page(soup_of) -> None:
    index = soup_of("quotes/index.html")
    link = next(a for a in index.select(".speaker h2 a") if a.get_text().startswith("Park Min-ho"))
    assert link["href"].endswith("/index.html")
    page = soup_of("quotes/" + link["href"].removeprefix("./"))
    assert page.select_one("h1").get_text() == "Park Min-ho"
    assert any("million passengers" in q.get_text() for q in page.select(".pullquote blockquote"))
