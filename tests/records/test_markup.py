from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgen.records.markup import escape, is_plain, render_markdown, unescape

TRICKY = [
    "#MeToo became a movement.",
    "1. This is not a list item.",
    "> not a quote",
    "---",
    "* not a bullet",
    "- not a bullet either",
    "+ nor this",
    "snake_case and *stars* and __dunder__",
    "<script>alert(1)</script>",
    "AT&T and &copy; and &amp; literally",
    "[link](javascript:alert(1))",
    "back\\slash \\* and `code`",
    "2024. A year-first sentence.",
    "![img](x.png)",
]


@pytest.mark.parametrize("text", TRICKY)
def test_escape_roundtrips(text: str) -> None:
    assert unescape(escape(text)) == text
    assert is_plain(escape(text))


@pytest.mark.parametrize("text", TRICKY)
def test_escaped_text_renders_as_the_same_words(text: str) -> None:
    html = render_markdown(escape(text))
    assert html.startswith("<p>"), html
    assert "<script" not in html and "<ul" not in html and "<ol" not in html
    assert "<h1" not in html and "<blockquote" not in html and "<hr" not in html
    assert "<em" not in html and "<strong" not in html and "<a " not in html


def test_raw_html_in_hand_written_markdown_is_shown_as_text() -> None:
    html = render_markdown('Hello <img src=x onerror="alert(1)"> world')
    assert "<img" not in html
    assert "&lt;img" in html


def test_javascript_links_are_dropped() -> None:
    html = render_markdown("[click](javascript:alert(1)) and [ok](https://example.org)")
    assert "javascript:" not in html
    assert 'href="https://example.org"' in html


@given(st.text())
def test_escape_roundtrip_property(text: str) -> None:
    folded = " ".join(text.split())
    assert unescape(escape(text)) == folded


def _escape_every_step(paragraph: str) -> str:
    """`escape` as it was written before its steps were skipped when they change nothing."""
    import re

    text = " ".join(paragraph.split())
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text)
    text = text.replace("<", "&lt;")
    text = re.sub(r"([\\`*_\[\]{}])", r"\\\1", text)
    match = re.match(r"^(\s*)([#>+\-]|\d+\.)", text)
    if match:
        lead, marker = match.group(1), match.group(2)
        text = f"{lead}{marker[:-1]}\\{marker[-1]}{text[match.end() :]}"
    return text


@given(st.text(alphabet=st.sampled_from(list(" \t\n\xa0\u2003\u2028\x85&;#<*_[]{}`\\1.ab-é"))))
def test_escape_skips_only_steps_that_change_nothing(text: str) -> None:
    assert escape(text) == _escape_every_step(text)


@pytest.mark.parametrize("text", [*TRICKY, " lead", "trail ", "two  spaces", "a\u00a0b", ""])
def test_escape_skips_only_steps_that_change_nothing_on_tricky_text(text: str) -> None:
    assert escape(text) == _escape_every_step(text)


def test_loading_records_does_not_import_the_markdown_library() -> None:
    import subprocess
    import sys

    code = "import sys, newsgen.records.intake; print('markdown' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    assert 'href="#"' in render_markdown("[x](javascript:alert(1))")
