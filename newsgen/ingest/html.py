"""A web page saved into seeds/: its story as the plain text every other step reads.

Only a document that says it is HTML (a doctype or an <html> tag first, after any
comment such as a browser's "saved from url") is read as a page, so a plain-text
story that quotes a tag stays text.

The headline is the story's <h1> (a site may set its name in an <h1> too): the
first in an <article>, else the one the page's title names, else the first; a
page without one is headlined by its og:title or <title>, less a " | Site name"
tail.
What the page wraps around its story is dropped: scripts, styles, navigation,
asides, figures, forms, footers, everything before the headline (the site's
banner and menus) and, when the headline is in an <article>, everything after
that article (comments, related stories). Each block element after the headline
(<p>, <li>, <h2>, <blockquote>...) becomes a paragraph; the page's author and
publication date (<meta> tags, or a <time datetime> after the headline) become
"By" and "Published:" lines, which `structure` reads as it reads typed ones.
Elements set side by side with nothing between them (a byline's name and role in
two <span>s, a list of tag links) are words apart, as the page lays them out.
The result is text, never markup: the rest of the pipeline escapes it like any
other seed.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements whose content is never story text.
_SKIP = frozenset(("script", "style", "noscript", "template", "svg", "math", "nav", "aside",
                   "form", "footer", "button", "select", "textarea", "iframe", "object",
                   "canvas", "dialog", "menu", "figure"))  # fmt: skip
# Elements that end one paragraph and start another.
_BLOCK = frozenset(("p", "div", "section", "article", "main", "header", "li", "ul", "ol", "dl",
                    "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th", "h1", "h2",
                    "h3", "h4", "h5", "h6", "hr", "address", "center", "details", "summary",
                    "caption"))  # fmt: skip
_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"))  # fmt: skip
# End tags that close a dropped part left open inside them.
_ENDS_SKIP = frozenset(("body", "html", "main", "article", "section"))
_PAGE = re.compile(r"\A\ufeff?\s*(?:<!--.*?-->\s*)*(?:<\?xml[^>]*>\s*)?<(?:!doctype\s+html|html)\b",
                   re.IGNORECASE | re.DOTALL)  # fmt: skip
_SPACE = re.compile(r"\s+")
_DATE_META = ("article:published_time", "datepublished", "date", "dc.date", "pubdate")
_AUTHOR_META = ("author", "article:author", "dc.creator")
_SITE_TAIL = re.compile(r"\s+[|\u2013\u2014]\s+[^|\u2013\u2014]{1,60}$")
# Where one inline element ends and the next begins, nothing between them: a page sets
# a byline's parts side by side (<span>By Jane Doe</span><span>Economics editor</span>)
# and lays them out apart. A space there, unless punctuation follows (<a>link</a><span>,
# </span>) or a drop cap precedes (<span>T</span><span>he story</span>).
_JOIN = "\x00"
_NO_SPACE = re.compile(r"\x00+(?=[\s,.;:!?)\]}'\u2019\u201d%]|$)|(?:(?<=^\w)|(?<=\s\w))\x00+")
# In a byline the next part is the writer's role: "By Jane Doe, Economics editor".
_BYLINE_PARTS = re.compile(r"^((?i:by)\s+[^\x00]+?)\x00+")


def is_page(text: str) -> bool:
    return _PAGE.match(text[:4096]) is not None


def to_text(text: str) -> str:
    """The page's story as a seed's text: headline, a blank line, then paragraphs."""
    page = _Page()
    page.feed(text)
    page.close()
    page.flush()
    blocks = page.blocks
    named = page.meta.get("og:title") or _SITE_TAIL.sub("", _SPACE.sub(" ", page.title).strip())
    first = -1
    if page.h1s:
        wanted = named.casefold()
        first = min(page.h1s, key=lambda h: (not h[1], blocks[h[0]].casefold() != wanted))[0]
        title, blocks = blocks[first], blocks[first + 1 :]
    else:
        title = named
    head = [title] if title else []
    author = next((page.meta[k] for k in _AUTHOR_META if page.meta.get(k)), "")
    if author and not author.startswith(("http:", "https:")):
        head.append(f"By {author}")
    date = next((page.meta[k] for k in _DATE_META if page.meta.get(k)), "")
    date = date or next((when for before, when in page.times if before > first), "")
    if date:
        head.append(f"Published: {date[:10] if date[:4].isdigit() else date}")
    return "\n\n".join([*head, *blocks]) + "\n"


def _byline_parts(found: re.Match[str]) -> str:
    name = found[1].rstrip()
    return (
        f"{name} " if name.endswith((",", ";", ":", "|", "-", "\u2013", "\u2014")) else f"{name}, "
    )


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.h1s: list[tuple[int, bool]] = []  # each <h1>: where in `blocks`, in an <article>
        self.meta: dict[str, str] = {}
        self.title = ""
        self.times: list[tuple[int, str]] = []  # each <time datetime>: blocks before it
        self._skip: list[str] = []  # the open elements of a part being dropped
        self._articles = 0  # <article> elements open
        self._story: int | None = None  # how many were open at the first <h1> in one
        self._done = False  # the story's <article> has ended: comments and the like follow
        self._in_title = False
        self._in_h1 = False
        self._text: list[str] = []
        self._in_time = False  # in a <time datetime>: its words are the date, taken
        self._worded = False  # the paragraph being read has words outside one
        self._after_inline = False  # an inline element just ended, nothing since

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=tag in _VOID)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], *, closed: bool) -> None:
        if tag == "meta":
            values = {k: v or "" for k, v in attrs}
            key = values.get("property") or values.get("name") or values.get("itemprop", "")
            if key and values.get("content") and key.lower() not in self.meta:
                self.meta[key.lower()] = _SPACE.sub(" ", values["content"]).strip()
            return
        if tag == "title":
            self._in_title = not closed
            return
        if self._skip or tag in _SKIP:
            if not closed:
                self._skip.append(tag)
            return
        if self._done:
            return
        if tag == "article" and not closed:
            self._articles += 1
        if tag == "time":
            when = next((v or "" for k, v in attrs if k == "datetime"), "").strip()
            if when:
                self.times.append((len(self.blocks), when))
                self._in_time = not closed
        if tag == "br":
            self._text.append("\n")
        elif tag not in _BLOCK:
            if self._after_inline and not closed:
                self._text.append(_JOIN)
            self._after_inline = False
        elif tag in _BLOCK:
            self.flush()
            self._in_h1 = tag == "h1" and not closed
            if self._in_h1 and self._story is None and self._articles:
                self._story = self._articles

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif self._skip:
            if tag in self._skip:  # and any element left open inside it
                del self._skip[len(self._skip) - 1 - self._skip[::-1].index(tag) :]
            elif tag in _ENDS_SKIP:  # its container ended: so did it
                self._skip.clear()
        elif self._done:
            return
        elif tag not in _BLOCK:
            self._in_time = self._in_time and tag != "time"
            self._after_inline = True
        elif tag in _BLOCK:
            self.flush()
            self._in_h1 = False
            if tag == "article" and self._articles:
                self._done = self._articles == self._story
                self._articles -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip and not self._done:
            self._text.append(_SPACE.sub(" ", data))  # a line break is a <br>, not a newline
            self._after_inline = False
            self._worded = self._worded or (not self._in_time and bool(data.strip()))

    def flush(self) -> None:
        """End the paragraph being read, if it holds any text."""
        joined = _BYLINE_PARTS.sub(_byline_parts, _NO_SPACE.sub("", "".join(self._text).strip()))
        joined = joined.replace(_JOIN, " ")
        lines = (_SPACE.sub(" ", line).strip() for line in joined.split("\n"))
        text = "\n".join(line for line in lines if line)
        self._text = []
        self._after_inline = False
        worded, self._worded = self._worded, False
        if not text or not (worded or self._in_h1):  # nothing, or only a date we took
            return
        if self._in_h1:
            self.h1s.append((len(self.blocks), self._articles > 0))
            self._in_h1 = False
            text = text.replace("\n", " ")
        self.blocks.append(text)
