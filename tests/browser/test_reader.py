"""A reader in a real browser: navigation, search, small screens."""

from __future__ import annotations

import pytest

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser


def test_home_to_article_topic_person_quotes_and_back(page, served: str) -> None:
    page.goto(served + "index.html")
    page.click(".lead h2 a")
    assert page.locator("h1").inner_text().startswith("Kim Jong Un of North Korea")
    article_url = page.url
    page.click(".tags a[href*='topics/kim-jong-un/']")
    assert page.locator("h1").inner_text() == "Kim Jong Un"
    assert page.locator(".listing-head .kicker").inner_text().strip().lower() == "topic"
    page.go_back()
    assert page.url == article_url
    page.click(".tags a[href*='people/kim-jong-un/']")
    assert page.locator(".listing-head .kicker").inner_text().strip().lower() == "person"
    page.click("nav[aria-label=Main] >> text=Quotes")
    assert page.locator("h1").inner_text() == "Who said what"
    page.click(".pullquote figcaption a[href*='ferry']")
    assert page.locator("h1").inner_text().startswith("Harbour city opens")
    page.click(".brand")
    assert page.url.endswith("/index.html")


def test_search_finds_a_body_word_and_filters_by_section(page, served: str) -> None:
    page.goto(served + "search/index.html")
    page.fill("#q", "munitions")
    page.press("#q", "Enter")
    first = page.locator("#results li h2 a").first
    first.wait_for()
    assert first.inner_text().startswith("Kim Jong Un of North Korea")
    assert page.locator("#results li .summary").first.inner_text()
    assert "1 story found" in page.locator("#search-status").inner_text()
    labels = page.locator("#section option").all_inner_texts()
    politics = next(label for label in labels if label.startswith("Politics"))
    other = next(label for label in labels[1:] if label != politics)
    page.select_option("#section", label=other)
    expect(page.locator("#search-status")).to_contain_text("0 stories found")
    assert page.locator("#results li").count() == 0
    page.select_option("#section", label=politics)
    expect(page.locator("#search-status")).to_contain_text("1 story found")
    assert "section=politics" in page.url
    page.goto(served + "search/index.html?q=terminal")
    page.locator("#results li h2 a").first.wait_for()
    assert page.locator("#results li").count() == 1


@pytest.mark.parametrize(
    "uri", ["index.html", "search/index.html", "quotes/index.html", "topics/kim-jong-un/index.html"]
)
def test_no_horizontal_scroll_at_320px(browser, served: str, uri: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    tab = context.new_page()
    tab.goto(served + uri)
    width = tab.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 320, (uri, width)
