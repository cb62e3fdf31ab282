"""check_site(): does a built site hold together, read straight from disk?

Every internal link and `#fragment` must resolve to a file (links name files,
so the site works from `file://`), every page must be reachable from the home
page (404.html is exempt: hosts serve it anywhere, so its links are
root-relative to `base_path`), and the feeds and sitemaps must parse. Only
the standard library, one pass over the files: it runs after every test build.
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
import xml.etree.ElementTree as ET
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from newsgen.executor import SerialExecutor, chunked, flatten, make_executor

_LINK_ATTRS = {
    "a": "href",
    "link": "href",
    "area": "href",
    "img": "src",
    "script": "src",
    "source": "src",
    "iframe": "src",
    "form": "action",
}
_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_ATOM_NS = "{http://www.w3.org/2005/Atom}"
_EXEMPT = {"404.html"}
_SKIP = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)(\s[^>]*)>")
_ATTR = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ID = re.compile(r"""\s(id|name)\s*=\s*["']([^"']+)["']""")


@dataclass
class CheckResult:
    pages: int = 0
    links: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class _Page:
    links: list[str]
    ids: set[str]


def _parse(path: Path) -> _Page:
    """Links and ids of one page, by regular expression: ten times faster than
    html.parser, and enough for attribute values in quotes."""
    text = path.read_text(encoding="utf-8", errors="replace")
    text = _SKIP.sub("", text)
    links = []
    for tag in _TAG.finditer(text):
        name, attrs = tag.group(1).lower(), tag.group(2)
        wanted = _LINK_ATTRS.get(name)
        if wanted is None:
            continue
        values = {
            k.lower(): html.unescape(v if v is not None else w) for k, v, w in _ATTR.findall(attrs)
        }
        if name == "link" and values.get("rel") in {"canonical", "preconnect", "dns-prefetch"}:
            continue
        if wanted in values:
            links.append(values[wanted])
    ids = {html.unescape(m.group(2)) for m in _ID.finditer(text)}
    return _Page(links=links, ids=ids)


def _resolve(page: str, href: str, base_path: str) -> tuple[str | None, str, str | None]:
    """(target uri or None if external, fragment, problem) for a link on `page`."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        if parts.scheme in {"javascript", "vbscript"}:
            return None, "", f"{page}: script URL {href!r}"
        return None, "", None
    fragment = unquote(parts.fragment)
    path = unquote(parts.path)
    if not path:
        return page, fragment, None
    if path.startswith("/"):
        if page not in _EXEMPT:
            return None, "", f"{page}: root-relative link {href!r} breaks file:// and sub-paths"
        if not path.startswith(base_path):
            return None, "", f"{page}: link {href!r} is outside the site's base path {base_path}"
        target = path[len(base_path) :]
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        if path.endswith("/"):
            return None, "", f"{page}: link {href!r} names a folder (breaks file://)"
    if target.startswith("../") or target == "..":
        return None, "", f"{page}: link {href!r} leaves the site"
    if target in {"", "."} or target.endswith("/"):
        target = (target.rstrip("/") + "/index.html").lstrip("/")
        target = target.removeprefix("./")
    return target, fragment, None


def _check_feeds(
    root: Path, base_url: str | None, result: CheckResult, xml_files: list[str], feeds: list[str]
) -> None:
    for uri in xml_files:
        path = root / uri
        try:
            tree = ET.parse(path)
        except ET.ParseError as exc:
            result.problems.append(f"{uri}: not well-formed XML ({exc})")
            continue
        tag = tree.getroot().tag
        if tag == f"{_ATOM_NS}feed":
            for entry in tree.getroot().iter(f"{_ATOM_NS}entry"):
                for need in ("title", "id", "updated"):
                    if entry.find(f"{_ATOM_NS}{need}") is None:
                        result.problems.append(f"{uri}: an entry has no <{need}>")
        elif tag in {f"{_SITEMAP_NS}urlset", f"{_SITEMAP_NS}sitemapindex"}:
            _check_sitemap(root, uri, tree, base_url, result)
    for uri in feeds:
        path = root / uri
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            result.problems.append(f"{uri}: not valid JSON ({exc})")
            continue
        if not str(doc.get("version", "")).startswith("https://jsonfeed.org/version/1"):
            result.problems.append(f"{uri}: not a JSON Feed (version)")
        for item in doc.get("items", []):
            if "id" not in item or not ({"content_html", "content_text"} & item.keys()):
                result.problems.append(f"{uri}: an item lacks id or content")


def _check_sitemap(
    root: Path, uri: str, tree: ET.ElementTree, base_url: str | None, result: CheckResult
) -> None:
    for loc in tree.getroot().iter(f"{_SITEMAP_NS}loc"):
        url = (loc.text or "").strip()
        if base_url is None or not url.startswith(base_url):
            if base_url is not None:
                result.problems.append(f"{uri}: <loc> {url} is not under {base_url}")
            continue
        target = url[len(base_url) :]
        if target == "" or target.endswith("/"):
            target += "index.html"
        if not (root / target).is_file():
            result.problems.append(f"{uri}: <loc> {url} has no file")


def _base_url(root: Path) -> str | None:
    """The site's public URL, from its home page's canonical link."""
    home = root / "index.html"
    if not home.is_file():
        return None
    text = home.read_text(encoding="utf-8", errors="replace")
    marker = '<link rel="canonical" href="'
    start = text.find(marker)
    if start < 0:
        return None
    return text[start + len(marker) : text.find('"', start + len(marker))]


# A problem, or a #fragment link to look for once every page's ids are known
# (uri, href, target, fragment).
_Found = str | tuple[str, str, str, str]
# What outlives a page once it is read: its ids, the pages it links, its number of
# links, and what `_Found` it holds, in link order.
_Read = tuple[set[str], set[str], int, list[_Found]]
_CHUNK = 256


def check_site(output_dir: Path, jobs: int | None = 1) -> CheckResult:
    """Every problem with the built site in `output_dir`, as readable lines.

    One walk of the folder, each page read once (by `jobs` processes; None: one per
    core) and dropped: what outlives it is its ids, the pages it links and any
    #fragment link still to check (a 22k-story site has 1.8 million links)."""
    root = output_dir
    result = CheckResult()
    pages, xml_files, json_feeds = _site_files(root)
    if "index.html" not in pages:
        result.problems.append("index.html: the site has no home page")
        return result
    base_url = _base_url(root)
    base_path = urlsplit(base_url).path if base_url else "/"
    base_path = base_path if base_path.endswith("/") else base_path + "/"
    result.pages = len(pages)
    edges: dict[str, set[str]] = {}
    ids: dict[str, set[str]] = {}
    found: list[_Found] = []
    ordered = sorted(pages)
    executor = make_executor(jobs) if len(ordered) > 2 * _CHUNK else SerialExecutor()
    try:
        # What every unit shares goes once to each worker (by fork, for the pool).
        shared = (root, pages, base_path)
        read = flatten(executor.map(_read_pages, chunked(ordered, _CHUNK), shared=shared))
        for uri, (page_ids, out, links, page_found) in zip(ordered, read, strict=True):
            ids[uri], edges[uri] = page_ids, out
            result.links += links
            found += page_found
    finally:
        executor.close()
    for item in found:
        if isinstance(item, str):
            result.problems.append(item)
        elif item[3] not in ids[item[2]]:
            result.problems.append(f"{item[0]}: link {item[1]!r} has no #{item[3]} target")
    reached = {"index.html"}
    queue = deque(["index.html"])
    while queue:
        for nxt in edges[queue.popleft()]:
            if nxt not in reached:
                reached.add(nxt)
                queue.append(nxt)
    for uri in sorted(pages - reached - _EXEMPT):
        result.problems.append(f"{uri}: orphan page (no link reaches it from the home page)")
    _check_feeds(root, base_url, result, xml_files, json_feeds)
    return result


def _read_pages(shared: tuple[Path, set[str], str], uris: list[str]) -> list[_Read]:
    """What outlives each page of `uris`; `shared`: (root, every page, base path)."""
    root, pages, base_path = shared
    files_seen: dict[str, bool] = {}
    out = []
    for uri in uris:
        page = _parse(root / uri)
        linked: set[str] = set()
        found: list[_Found] = []
        # A page often links one target twice (a headline and its "more"): one report.
        for href in dict.fromkeys(page.links):
            target, fragment, problem = _resolve(uri, href.strip(), base_path)
            if problem:
                found.append(problem)
            if target is None:
                continue
            if target not in files_seen:
                files_seen[target] = target in pages or (root / target).is_file()
            if not files_seen[target]:
                found.append(f"{uri}: broken link {href!r}")
                continue
            if target in pages:
                linked.add(target)
                if fragment and fragment != "top":
                    found.append((uri, href, target, fragment))
        out.append((page.ids, linked, len(page.links), found))
    return out


def _site_files(root: Path) -> tuple[set[str], list[str], list[str]]:
    """(pages, XML files, JSON feeds) under `root`, as site paths: one walk."""
    pages: set[str] = set()
    xml_files: list[str] = []
    json_feeds: list[str] = []
    for folder, _, names in os.walk(root):
        rel = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        for name in names:
            if name.endswith(".html"):
                pages.add(prefix + name)
            elif name.endswith(".xml"):
                xml_files.append(prefix + name)
            elif name == "feed.json":
                json_feeds.append(prefix + name)
    return pages, sorted(xml_files), sorted(json_feeds)
