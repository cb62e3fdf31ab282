"""Property: ingest never crashes, and never loses a word that was not debris."""

from __future__ import annotations

import contextlib
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsgen.errors import SeedError
from newsgen.ingest import has_words, ingest_report
from newsgen.ingest.decode import decode
from newsgen.ingest.html import is_page

_WORD = re.compile(r"\w+")

pieces = st.sampled_from(
    [
        "---",
        "#",
        "# Heading",
        "<script>alert(1)</script>",
        "Leave a Reply",
        "Advertisement",
        "By Jane Smith",
        "Published: 14 August 2023",
        "LONDON (Reuters) - ",
        "“quoted words here,” she said.",
        "title: x",
        "\n",
        "\n\n",
        "\r\n",
        " ",
        "A plain sentence of text.",
    ]
)
texts = st.lists(st.one_of(pieces, st.text(max_size=40)), max_size=12).map("".join)


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
@example("---\ntitle: x\n---\nHeadline\n\nBody words.")
@example("#\n\n<script>x</script>")
@example("Headline\n\nAdvertisement\n\nLeave a Reply")
def test_ingest_returns_an_article_or_raises_seed_error(text: str) -> None:
    data = text.encode("utf-8", errors="surrogatepass")
    with contextlib.suppress(SeedError):
        if is_page(decode(data, path="p.txt")):
            return  # a web page loses its markup and chrome: see test_html.py
    try:
        report = ingest_report(data, source_file="p.txt")
    except SeedError:
        return
    article = report.article
    kept = " ".join(
        [
            article.title,
            *article.paragraphs,
            *article.authors,
            *report.metadata_lines,
            report.front_matter,
        ]
    )
    removed = " ".join(report.removed)
    missing = _words(decode(data, path="p.txt")) - _words(kept) - _words(removed)
    assert not missing, (missing, article)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_an_article_or_a_seed_error(data: bytes) -> None:
    try:
        article = ingest_report(data, source_file="p.txt").article
    except SeedError:
        return
    # A headline-only story is published; its headline holds a word.
    assert article.title and (article.paragraphs or has_words(article.title))
