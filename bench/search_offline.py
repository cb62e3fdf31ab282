"""Search on a built site, from disk and over HTTP: time to first results, and the reader's checks.

Opens `search/index.html?q=<headline>` in headless Chromium (the system one, as the
browser tests do) from `file://`, from a loopback server at the root and from one under
`/sub/`, each page in a fresh context (cold cache), and reports:

- when the first result is in the page, in ms after navigation start and after
  DOMContentLoaded (median and worst over `--runs` pages); the index files a query
  loads are scripts added before the load event, so they delay it: the results are
  in the page by the time `load` fires, and "after load" would read 0;
- for `--stories` stories spread over the site: is the story first for its headline?
  and for those and `--query` queries: are the results the same, in the same order,
  in every mode?
- for each section: with the most common word and that section chosen, are the results
  as many as the index files say (the word's stories filed under it; a story may be
  filed under several sections), no more than without it, and every one shown filed
  under it?
- console errors and uncaught errors seen on any page.

    python bench/search_offline.py /tmp/bbc/_site --stories 20 --runs 10

The site is only read: queries come from its own search index.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import statistics
import tempfile
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import accumulate
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

from playwright.sync_api import sync_playwright

from newsgen.site.search import index_data

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]
# Records, inside the page, when the first result appears: polling from Python would add
# its own latency to the figure.
PROBE = """
new MutationObserver(function (_, observer) {
  if (document.querySelector('#results li')) {
    window.__firstResult = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A context closed mid-response (its page measured) is no failure of the site.
        pass


@contextmanager
def served(directory: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def read_index(site: Path) -> tuple[dict[str, Any], list[list[str]], Counter[str]]:
    """The manifest, every story's result row, and each word's number of stories."""
    meta = index_data((site / "search/meta.js").read_text(encoding="utf-8"))
    docs: list[list[str]] = []
    for n in range((meta["count"] + meta["chunk"] - 1) // meta["chunk"]):
        docs += index_data((site / f"search/docs/{n}.js").read_text(encoding="utf-8"))
    df: Counter[str] = Counter()
    for path in sorted((site / "search/words").glob("*.js")):
        for word, gaps in index_data(path.read_text(encoding="utf-8"))["b"].items():
            df[word] = len(gaps)
    return meta, docs, df


class Probe:
    """One browser; each `open` is a fresh context, its errors counted."""

    def __init__(self, browser: Any) -> None:
        self.browser = browser
        self.errors: list[str] = []

    @contextmanager
    def open(self, url: str) -> Iterator[Any]:
        context = self.browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.add_init_script(PROBE)
        try:
            page.goto(url)
            yield page
        finally:
            context.close()

    def status(self, page: Any) -> str:
        page.wait_for_function(
            "document.getElementById('search-status').textContent.includes('found')"
        )
        return page.locator("#search-status").inner_text()


def first_results(probe: Probe, base: str, query: str) -> tuple[float, float]:
    """(ms from navigation start, ms from DOMContentLoaded) to the first result."""
    with probe.open(f"{base}search/index.html?q={quote_plus(query)}") as page:
        page.wait_for_function("window.__firstResult !== undefined")
        page.wait_for_load_state("load")
        found, ready = page.evaluate(
            "[window.__firstResult,"
            " performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd]"
        )
    return found, found - ready


def top_results(probe: Probe, base: str, query: str) -> list[str]:
    """The headlines of the first page of results (at most 20), in the order shown."""
    with probe.open(f"{base}search/index.html?q={quote_plus(query)}") as page:
        found = int(probe.status(page).split()[0])
        links = page.locator("#results li h2 a")
        page.wait_for_function(
            "(n) => document.querySelectorAll('#results li h2 a').length === n",
            arg=min(found, 20),
        )
        return links.all_inner_texts()


def _ids(gaps: list[int]) -> set[int]:
    return set(accumulate(gaps))


def section_expected(
    site: Path, meta: dict[str, Any], docs: list[list[str]], word: str, i: int
) -> tuple[int, set[str]]:
    """From the index files: how many stories have `word` and are filed under the i-th
    section (a story may be filed under several), and the slugs of that section's stories."""
    shard = meta["shards"][word[:3]] if word[:3] in meta["shards"] else meta["shards"][word[:2]]
    data = index_data((site / f"search/words/{shard}.js").read_text(encoding="utf-8"))
    facet = _ids(index_data((site / f"search/facets/s{i}.js").read_text(encoding="utf-8")))
    return len(_ids(data["b"][word]) & facet), {docs[n][1] for n in facet}


def section_narrows(
    probe: Probe, base: str, word: str, slug: str, expected: tuple[int, set[str]]
) -> dict[str, Any]:
    """`word` searched without and with the section chosen: how many results each time,
    is that what the index says, and is every result shown one filed under it?"""
    url = f"{base}search/index.html?q={quote_plus(word)}"
    with probe.open(url) as page:
        whole = int(probe.status(page).split()[0])
    with probe.open(f"{url}&section={slug}") as page:
        narrowed = int(probe.status(page).split()[0])
        chosen = page.locator("#section").input_value()
        page.wait_for_function(
            "(n) => document.querySelectorAll('#results li h2 a').length === n",
            arg=min(narrowed, 20),
        )
        hrefs = page.locator("#results li h2 a").evaluate_all("as => as.map(a => a.href)")
    shown = {href.rstrip("/").removesuffix("/index.html").rsplit("/", 1)[-1] for href in hrefs}
    count, members = expected
    ok = chosen == slug and narrowed == count and narrowed <= whole and shown <= members
    return {"section": slug, "all": whole, "in": narrowed, "expected": count, "ok": ok}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--stories", type=int, default=20)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--query", action="append", default=[], help="also compare these")
    args = parser.parse_args()
    site = args.site.resolve()
    meta, docs, df = read_index(site)
    picked = [docs[i * len(docs) // args.stories] for i in range(args.stories)]
    common = max(sorted(df), key=lambda w: df[w])
    expected = {
        s[0]: section_expected(site, meta, docs, common, i) for i, s in enumerate(meta["sections"])
    }
    queries = list(dict.fromkeys([d[0] for d in picked] + args.query))
    results: dict[str, dict[str, list[str]]] = {}
    out: dict[str, Any] = {"stories": meta["count"], "common_word": common, "modes": {}}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        (Path(tmp) / "sub").symlink_to(site, target_is_directory=True)
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        with served(site) as root, served(Path(tmp)) as parent:
            bases = {"file": site.as_uri() + "/", "http-root": root, "http-sub": parent + "sub/"}
            for mode, base in bases.items():
                probe = Probe(browser)
                times = [
                    first_results(probe, base, picked[i % len(picked)][0]) for i in range(args.runs)
                ]
                nav = [t[0] for t in times]
                after_dom = [t[1] for t in times]
                tops = {q: top_results(probe, base, q) for q in queries}
                # The story first for its headline (one with the same headline counts).
                firsts = sum(bool(tops[d[0]]) and tops[d[0]][0] == d[0] for d in picked)
                results[mode] = tops
                sections = [
                    section_narrows(probe, base, common, s[0], expected[s[0]])
                    for s in meta["sections"]
                ]
                out["modes"][mode] = {
                    "first_results_ms_from_navigation": {
                        "median": round(statistics.median(nav)),
                        "max": round(max(nav)),
                    },
                    "first_results_ms_after_domcontentloaded": {
                        "median": round(statistics.median(after_dom)),
                        "max": round(max(after_dom)),
                    },
                    "headline_first": f"{firsts}/{len(picked)}",
                    "sections_narrow": f"{sum(s['ok'] for s in sections)}/{len(sections)}",
                    "sections": sections,
                    "console_errors": len(probe.errors),
                    "errors": probe.errors[:5],
                }
        browser.close()
    same = [q for q in queries if len({tuple(r[q]) for r in results.values()}) == 1]
    out["same_results_in_every_mode"] = f"{len(same)}/{len(queries)}"
    out["top5"] = {q: results["file"][q][:5] for q in args.query}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
