"""Markdown in and out of records.

A seed's words are text, never markup: `escape` turns a plain paragraph into
Markdown that renders back to exactly those words (`#MeToo`, `1.`, `>`,
`<script>` included), and `unescape` inverts it. A human may still write real
Markdown in a record; `render_markdown` renders that with raw HTML shown as
text and unsafe link schemes dropped.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

    import markdown

# Characters Python-Markdown treats as backslash-escapable; `<` and `&` are
# not escapable there, so they become entities.
_INLINE = re.compile(r"([\\`*_\[\]{}])")
_INLINE_CHARS = "\\`*_[]{}"  # what _INLINE escapes
_BLOCK_START = re.compile(r"^(\s*)([#>+\-]|\d+\.)")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_UNESCAPE = re.compile(r"\\([\\`*_\[\]{}#+\-.>])|&lt;|&amp;")
_SAFE_SCHEMES = ("http:", "https:", "mailto:", "#", "/", "./", "../")


def escape(paragraph: str) -> str:
    """Plain text -> Markdown that renders as the same text, on one line."""
    text = paragraph
    # Each step is skipped when a cheap test shows it has nothing to change (a record is
    # written for every seed ingested): a printable string has no whitespace but " ".
    if "  " in text or text[:1] == " " or text[-1:] == " " or not text.isprintable():
        text = " ".join(text.split())
    if "&" in text:
        text = _ENTITY_LIKE.sub("&amp;", text)
    text = text.replace("<", "&lt;")
    if any(char in text for char in _INLINE_CHARS):
        text = _INLINE.sub(r"\\\1", text)
    match = _BLOCK_START.match(text)
    if match:
        lead, marker = match.group(1), match.group(2)
        text = f"{lead}{marker[:-1]}\\{marker[-1]}{text[match.end() :]}"
    return text


def unescape(text: str) -> str:
    """Inverse of `escape`."""

    def repl(m: re.Match[str]) -> str:
        if m.group(1) is not None:
            return m.group(1)
        return "<" if m.group(0) == "&lt;" else "&"

    return _UNESCAPE.sub(repl, text)


def is_plain(markdown_paragraph: str) -> bool:
    """True when a paragraph is exactly what `escape` would write for some text."""
    return escape(unescape(markdown_paragraph)) == markdown_paragraph


def _is_safe_url(url: str) -> bool:
    compact = re.sub(r"[\s\x00-\x1f]", "", url).lower()
    if ":" not in compact.split("/", 1)[0]:
        return True  # relative URL
    return compact.startswith(_SAFE_SCHEMES)


def _safe_links(element: ET.Element) -> None:
    """Drop javascript:, data: and other unsafe URLs from hand-written Markdown."""
    for el in element.iter():
        for attr in ("href", "src"):
            url = el.get(attr)
            if url is not None and not _is_safe_url(url):
                el.set(attr, "#")


@cache
def _converter() -> markdown.Markdown:
    # Imported here: only a record a human wrote in Markdown needs it, and its import
    # is a tenth of loading the records package.
    import markdown

    class SafeLinks(markdown.treeprocessors.Treeprocessor):
        def run(self, root: ET.Element) -> None:
            _safe_links(root)

    md = markdown.Markdown(extensions=[], output_format="html")
    # Raw HTML in a record is shown as text, never passed through.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(SafeLinks(md), "safe_links", 0)
    return md


def render_markdown(text: str) -> str:
    """Hand-written Markdown -> HTML with no raw HTML and no script URLs."""
    md = _converter()
    md.reset()
    return md.convert(text)


def markdown_to_paragraphs(text: str) -> list[str]:
    """Plain-text paragraphs of a hand-written Markdown body (for search and export)."""
    html = render_markdown(text)
    blocks = re.split(r"</(?:p|h\d|li|blockquote|pre)>", html)
    out = []
    for block in blocks:
        plain = re.sub(r"<[^>]+>", " ", block)
        plain = (plain.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')).replace(
            "&amp;", "&"
        )
        plain = " ".join(plain.split())
        if plain:
            out.append(plain)
    return out
