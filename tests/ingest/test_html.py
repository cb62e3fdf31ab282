"""A web page saved into seeds/ is read for its story, not shown as markup."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgen.errors import SeedError
from newsgen.ingest import ingest_bytes
from newsgen.ingest.html import is_page, to_text

PAGE = """<!-- saved from url=(0031)https://planet.example/harbour -->
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Harbour reopens after storm | The Daily Planet</title>
<meta property="article:published_time" content="2024-03-12T09:30:00Z">
<meta name="author" content="Jane Doe">
<style>body { color: red }</style><script>var x = "<p>not story text</p>";</script></head>
<body>
<header class="site"><h1 class="logo">The Daily Planet</h1>
<nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<p class="crumbs">News &gt; World</p>
<article>
<h1>Harbour reopens
  after storm</h1>
<figure><img src="a.jpg" alt="Ships"><figcaption>Image: Reuters</figcaption></figure>
<p>LISBON (Reuters) - The harbour reopened on Tuesday after a storm closed it for
three days, officials said.</p>
<p>&ldquo;We are back in business,&rdquo; said Maria Santos, the port director.
Ships &amp; ferries <b>resumed</b> sailing.</p>
<ul><li>Fishing boats went out first.</li><li>Cruise ships follow next week.</li></ul>
</article>
<aside>Related: <a href="/x">Other story</a></aside>
<footer><p>Share this: Facebook Twitter</p><form><textarea>Leave a comment</textarea></form>
</footer>
</body></html>
"""


def test_a_saved_page_gives_its_story() -> None:
    article = ingest_bytes(PAGE.encode(), source_file="seeds/harbour.html")
    assert article.title == "Harbour reopens after storm"
    assert article.paragraphs == [
        "LISBON (Reuters) - The harbour reopened on Tuesday after a storm closed it for "
        "three days, officials said.",
        "\u201cWe are back in business,\u201d said Maria Santos, the port director. "
        "Ships & ferries resumed sailing.",
        "Fishing boats went out first.",
        "Cruise ships follow next week.",
    ]
    assert (article.date, article.date_source) == (dt.date(2024, 3, 12), "metadata")
    assert article.authors == ["Jane Doe"]
    assert article.dateline is not None and article.dateline.place == "Lisbon"
    assert [(q.text, q.speaker) for q in article.quotes] == [
        ("We are back in business", "Maria Santos")
    ]


def test_what_a_page_wraps_around_its_story_is_dropped() -> None:
    text = to_text(PAGE)
    for debris in ("not story text", "Home", "News > World", "Image: Reuters", "Related",
                   "Leave a comment", "color: red", "The Daily Planet"):  # fmt: skip
        assert debris not in text


def test_the_story_ends_with_the_article_that_holds_its_headline() -> None:
    page = (
        "<!DOCTYPE html><html><body><main><article><header><h1>Council votes</h1></header>"
        "<div class='entry'><p>The council voted on Monday.</p><p>It passed 7 to 2.</p>"
        "</div></article><section id='comments'><h2>3 Responses</h2><ol><li><p>First!"
        "</p></li></ol></section></main></body></html>"
    )
    assert to_text(page) == "Council votes\n\nThe council voted on Monday.\n\nIt passed 7 to 2.\n"
    # Without an <article> around the headline, everything after it is kept.
    assert "First!" in to_text(page.replace("<article>", "<div>").replace("</article>", "</div>"))


def test_the_headline_is_the_story_s_h1_not_the_site_s() -> None:
    logo = "<header><h1>Daily Planet</h1><time datetime='2026-01-01'>Today</time></header>"
    story = "<article><h1>Harbour reopens</h1><time datetime='2024-03-12'>12 March</time>"
    page = f"<html><title>Daily Planet: Harbour reopens</title>{logo}{story}<p>Ships sail.</p>"
    assert to_text(page) == "Harbour reopens\n\nPublished: 2024-03-12\n\nShips sail.\n"
    # The <h1> the page's title names, wherever it is.
    page = page.replace("Daily Planet: Harbour reopens", "Harbour reopens | Daily Planet")
    assert to_text(page.replace("<article>", "<div>")).startswith("Harbour reopens\n\n")


def test_without_an_h1_the_headline_is_the_page_title_less_the_site_name() -> None:
    page = "<html><title>Rates held again \u2013 Money Daily</title><p>The bank held rates.</p>"
    assert to_text(page) == "Rates held again\n\nThe bank held rates.\n"
    page = '<html><meta property="og:title" content="Rates held"><p>The bank held rates.</p>'
    assert to_text(page).startswith("Rates held\n\n")


def test_only_a_document_that_says_it_is_html_is_read_as_one() -> None:
    assert is_page("\ufeff  <!doctype HTML><p>x")
    assert is_page("<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'>")
    assert is_page("<!-- saved from url=(0014)about:internet -->\r\n<html>")
    assert not is_page("Tags such as <html> confuse readers\n\nA story about markup.")
    assert not is_page("<b>Breaking</b>: rates held\n\nThe bank held rates.")
    story = "Markup in the news\n\nThe <p> tag starts a paragraph, said the author.\n"
    article = ingest_bytes(story.encode(), source_file="seeds/markup.txt")
    assert "The <p> tag starts a paragraph" in article.paragraphs[0]  # text, as written


def test_an_unclosed_element_to_skip_does_not_swallow_the_story() -> None:
    page = "<html><h1>Title here</h1><nav><a>menu</nav><p>The story goes on.</p></html>"
    assert to_text(page) == "Title here\n\nThe story goes on.\n"


WORD = st.text(alphabet=st.characters(whitelist_categories=("L", "Nd")), min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_page_gives_text_without_failing(rest: str) -> None:
    assert isinstance(to_text("<html>" + rest), str)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(WORD, min_size=1, max_size=6), min_size=1, max_size=5))
def test_every_word_of_every_paragraph_is_kept(paragraphs: list[list[str]]) -> None:
    body = "".join(f"<p>{' '.join(words)}</p>" for words in paragraphs)
    text = to_text(f"<!DOCTYPE html><html><body><h1>Headline</h1>{body}</body></html>")
    assert text.rstrip("\n").split("\n\n")[1:] == [" ".join(words) for words in paragraphs]


def test_a_page_without_a_story_says_so_in_its_own_terms() -> None:
    empty = b"<!DOCTYPE html><html><body><script>x</script></body></html>"
    with pytest.raises(SeedError, match=r"the page has no headline: no <h1>, no <title>"):
        ingest_bytes(empty, source_file="seeds/empty.html")
    only = b"<html><head><title>Only a title</title></head><body><nav>Menu</nav></body></html>"
    with pytest.raises(SeedError, match="the page has no story text after its headline"):
        ingest_bytes(only, source_file="seeds/only.html")


def test_elements_set_side_by_side_are_words_apart() -> None:
    """A page lays a byline's parts out apart (`<span>By Jane</span><span>Editor</span>`):
    they are words apart, and the first part after the name is the writer's role. A drop
    cap, punctuation and markup inside a word stay joined."""
    page = (
        "<!DOCTYPE html><html><body><article><h1>Rates rise again</h1>"
        '<div class="byline"><span>By Faisal Islam</span><span>Economics editor</span></div>'
        '<p><span class="dropcap">T</span><span>he Bank</span> raised rates, '
        "<a href='/r'>Reuters</a><span>,</span> said. H<sub>2</sub>O and <b>un</b>usual.</p>"
        "<p>Tags: <a href='/a'>Economy</a><a href='/b'>Banks</a></p>"
        "</article></body></html>"
    )
    headline, byline, story, tags = to_text(page).rstrip("\n").split("\n\n")
    assert headline == "Rates rise again"
    assert byline == "By Faisal Islam, Economics editor"
    assert story == "The Bank raised rates, Reuters, said. H2O and unusual."
    assert tags == "Tags: Economy Banks"
    article = ingest_bytes(page.encode(), source_file="seeds/rates.html")
    assert article.authors == ["Faisal Islam"]
    assert not any("Economics editor" in p for p in article.paragraphs)
