"""Search as a reader uses it, from a disk (file://) and over HTTP at a root and a sub-path.

The site is six invented stories in four sections, written as records (their sections
set by hand, so no classifier decides them), so a query can rank, and a filter narrow,
among several stories.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgen.cli import cli

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

# (slug, section, date, headline, body). "Harbour" is in five stories; the newest
# of them has it in its headline and "regatta" in its body, so only ranking by headline
# words puts the rowing story first for "harbour regatta".
STORIES = [
    (
        "rugby",
        "Sport",
        "2024-05-01",
        "Harriers clinch county rugby title with a late try",
        "The Harriers won the county final by two points after a try in the last minute. "
        "The captain said the squad had trained through a wet spring.",
    ),
    (
        "smelter",
        "Business",
        "2024-05-02",
        "Copper smelter expands after the harbour plan is approved",
        "The smelter will add a second furnace and forty jobs. The harbour board approved "
        "a new quay for ore ships last week.",
    ),
    (
        "lanterns",
        "Technology",
        "2024-05-03",
        "Lighthouse keepers trial solar lanterns on remote islands",
        "Keepers on three islands are testing lanterns that charge from panels by day. "
        "The harbour authority pays for the trial.",
    ),
    (
        "regatta",
        "Sport",
        "2024-05-04",
        "Rowing club launches a harbour regatta for schools",
        "Twelve schools will race gigs across the harbour in June. The club lends boats "
        "and coaches to every crew.",
    ),
    (
        "bakery",
        "Business",
        "2024-05-05",
        "Bakery chain opens a harbour cafe as tourism grows",
        "The chain said visitor numbers rose by a fifth. Its new cafe faces the quay.",
    ),
    (
        "wall",
        "Politics",
        "2024-05-06",
        "Council votes to restore the harbour wall after winter storms",
        "Councillors agreed the repair in a late meeting. The regatta in June will go "
        "ahead while the work is done.",
    ),
]

CONFIG = """title: Harbour Gazette
description: Invented stories for the search tests.
base_url: https://example.org/gazette/
language: en-GB
"""

SUB_PATH = "gazette/"


def _record(section: str, date: str, headline: str, body: str) -> str:
    return (
        f"---\ntitle: {headline}\ndate: {date}\n"
        f"section:\n  name: {section}\n  slug: {section.lower()}\n---\n{body}\n"
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("offline-search") / "site"
    (root / "articles").mkdir(parents=True)
    for slug, section, date, headline, body in STORIES:
        record = _record(section, date, headline, body)
        (root / "articles" / f"{slug}.md").write_text(record, encoding="utf-8")
    (root / "newsgen.yaml").write_text(CONFIG, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--root", str(root), "--quiet", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return root / "_site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def web(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One loopback server: the site at its root, and a copy under /gazette/."""
    docroot = tmp_path_factory.mktemp("web")
    shutil.copytree(site, docroot / "root")
    shutil.copytree(site, docroot / "root" / SUB_PATH)
    handler = functools.partial(_QuietHandler, directory=str(docroot / "root"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(params=["file", "http-root", "http-sub-path"])
def base(request: pytest.FixtureRequest, site: Path) -> str:
    """Where the site's home is: on disk, at a server's root or under a sub-path."""
    if request.param == "file":
        return site.as_uri() + "/"
    served = request.getfixturevalue("web")
    return served + SUB_PATH if request.param == "http-sub-path" else served


@pytest.fixture
def tab(browser, base: str) -> Iterator[object]:
    """A page that fails the test on any console error, uncaught error or CSP report."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(5000)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert errors == []


def _links(page):
    """The results' headline links (the status line is set before they are in)."""
    return page.locator("#results li h2 a")


def test_headline_words_typed_list_that_story_first(tab, base: str) -> None:
    tab.goto(base + "search/index.html")
    expect(tab.locator("#search-status")).to_contain_text("search 6 stories")
    tab.fill("#q", "harbour regatta")
    tab.press("#q", "Enter")
    expect(tab.locator("#search-status")).to_contain_text("2 stories found")
    expect(_links(tab)).to_have_text(
        [
            "Rowing club launches a harbour regatta for schools",
            "Council votes to restore the harbour wall after winter storms",
        ]
    )
    _links(tab).first.click()
    assert tab.locator("h1").inner_text() == "Rowing club launches a harbour regatta for schools"
    assert tab.url.startswith(base + "articles/")


def test_a_query_in_the_address_runs_on_load(tab, base: str) -> None:
    tab.goto(base + "search/index.html?q=solar+lanterns")
    expect(_links(tab)).to_have_text(["Lighthouse keepers trial solar lanterns on remote islands"])
    assert tab.locator("#results li .summary").first.inner_text()
    assert "Technology" in tab.locator("#results li .meta").first.inner_text()


def test_a_section_filter_narrows_to_that_section(tab, base: str) -> None:
    tab.goto(base + "search/index.html?q=harbour")
    expect(tab.locator("#search-status")).to_contain_text("5 stories found")
    business = next(
        label
        for label in tab.locator("#section option").all_inner_texts()
        if label.startswith("Business")
    )
    tab.select_option("#section", label=business)
    expect(tab.locator("#search-status")).to_contain_text("2 stories found")
    # Newest first, as ranking ties go.
    expect(_links(tab)).to_have_text(
        [
            "Bakery chain opens a harbour cafe as tourism grows",
            "Copper smelter expands after the harbour plan is approved",
        ]
    )
    for line in tab.locator("#results li .meta").all_inner_texts():
        assert line.endswith("Business"), line
    # A section alone lists all its stories, newest first.
    tab.fill("#q", "")
    tab.press("#q", "Enter")
    expect(tab.locator("#search-status")).to_contain_text("2 stories found")
    expect(_links(tab)).to_have_count(2)


def test_nothing_says_search_needs_a_server(tab, base: str) -> None:
    tab.goto(base + "search/index.html?q=quay")
    expect(tab.locator("#search-status")).to_contain_text("2 stories found")
    assert "HTTP" not in tab.locator("main").inner_text()


def test_without_javascript_the_page_points_to_topics_and_archive(browser, site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.as_uri() + "/search/index.html")
    text = page.locator("main").inner_text()
    links = page.locator("main noscript a").all_inner_texts()
    context.close()
    assert "needs JavaScript" in text
    assert links == ["all topics", "the archive by date"]


def test_a_search_page_that_names_the_old_manifest_still_searches(
    browser, site: Path, tmp_path: Path
) -> None:
    """A site's own copy of the search page from before the index files were scripts
    names `meta.json`: the client finds the index beside it all the same."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page_file = copy / "search" / "index.html"
    html = page_file.read_text(encoding="utf-8")
    assert 'data-index="meta.js"' in html
    page_file.write_text(html.replace('data-index="meta.js"', 'data-index="meta.json"'))
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(5000)
    page.goto(copy.as_uri() + "/search/index.html?q=solar")
    expect(_links(page)).to_have_text(["Lighthouse keepers trial solar lanterns on remote islands"])
    context.close()
