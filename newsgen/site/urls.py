"""The one mapping from site objects to output paths and links.

`*_uri` values are '/'-separated paths relative to the output folder and always
name a file (`topics/nuclear-weapons/index.html`). Links between pages are
relative and keep the `index.html`, so the site works at a domain root, under
a sub-path and straight from disk (`file://`). Only feeds, the sitemap and
canonical tags use absolute URLs.
"""

from __future__ import annotations

from collections.abc import Callable

# Term kinds -> URL folder. Each kind has its own folder, so a topic and a
# person with the same name never collide.
KIND_FOLDERS = {
    "section": "sections",
    "topic": "topics",
    "person": "people",
    "place": "places",
    "organization": "organizations",
}


def article_uri(slug: str) -> str:
    return f"articles/{slug}/index.html"


def term_uri(kind: str, slug: str, page: int = 1) -> str:
    folder = KIND_FOLDERS[kind]
    return f"{folder}/{slug}/index.html" if page == 1 else f"{folder}/{slug}/page/{page}/index.html"


def term_feed_uri(kind: str, slug: str, fmt: str = "atom") -> str:
    return f"{KIND_FOLDERS[kind]}/{slug}/feed.{'xml' if fmt == 'atom' else 'json'}"


def speaker_uri(slug: str) -> str:
    """The quotes of one speaker (a folder of its own: speakers need not be people pages)."""
    return f"quotes/{slug}/index.html"


def hub_uri(kind: str) -> str:
    return f"{KIND_FOLDERS[kind]}/index.html"


def archive_uri(year: int, month: int | None = None, page: int = 1) -> str:
    base = f"{year:04d}/" if month is None else f"{year:04d}/{month:02d}/"
    return f"{base}index.html" if page == 1 else f"{base}page/{page}/index.html"


def paged(first_uri: str, page: int) -> str:
    """URI of page `page` of a listing whose first page is `first_uri`."""
    if page == 1:
        return first_uri
    return first_uri.removesuffix("index.html") + f"page/{page}/index.html"


def relative(from_uri: str, to_uri: str) -> str:
    """Link from the page at `from_uri` to `to_uri`, both relative to the output root."""
    fragment = ""
    if "#" in to_uri:
        to_uri, fragment = to_uri.split("#", 1)
        fragment = "#" + fragment
    if not to_uri:
        return fragment or "#"
    # Both are normalised output paths, so plain string work gives what
    # posixpath.relpath would, several times faster (it runs ~50 times a page).
    here = from_uri.split("/")[:-1]
    there = to_uri.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:]) + fragment


def linker(from_uri: str) -> Callable[[str], str]:
    """`relative(from_uri, ...)` for the ~50 links of one page. Most links leave the
    page's top folder ("article/..." to "person/..."): those are the way up plus the
    target, with no splitting at all."""
    top, slash, _ = from_uri.partition("/")
    if not slash:  # a page at the root links to every target as it is
        return lambda to_uri: relative(from_uri, to_uri)
    up = "../" * from_uri.count("/")
    inside = top + "/"

    def link(to_uri: str) -> str:
        if to_uri.startswith(inside) or "#" in to_uri or not to_uri:
            return relative(from_uri, to_uri)
        return up + to_uri

    return link


def absolute(base_url: str, uri: str) -> str:
    """Public URL of an output file; folder pages drop their `index.html`."""
    if uri == "index.html":
        uri = ""
    elif uri.endswith("/index.html"):
        uri = uri.removesuffix("index.html")
    return base_url + uri
