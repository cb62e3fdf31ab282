"""The client-side search index, split into small files the browser loads on demand.

A static host has no server to ask, and one big index grows with the archive
(~30 MB at 20k stories). So the index is sharded:

- `search/meta.json`: the manifest (story count, sections, topics, stop words,
  the word shards and which file holds each);
- `search/words/<key>.json`: for every indexed word starting with `key`, the
  stories it occurs in (body and title), as gaps between story numbers;
- `search/docs/<n>.json`: title, slug, date, section and excerpt of
  `DOC_CHUNK` stories each, fetched only for the results shown;
- `search/facets/<kind>-<n>.json`: the stories of one section or topic,
  fetched only when that filter is chosen.

Story numbers follow the site order (newest first), so a posting list in
number order is also a date order. A query word of three letters or more
matches every indexed word it starts; the shard keys are two letters, split
to three where a shard grows past `SHARD_SPLIT` postings, so a query loads
one or two files of a few tens of KB whatever the archive size. Everything
is sorted and serialised compactly, so the same archive gives the same bytes.
`static/search.js` must tokenise exactly like `records.search_terms.words()`.
"""

from __future__ import annotations

import json
import re
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from itertools import accumulate, chain
from typing import Any

from newsgen.analysis.keywords import STOP
from newsgen.article import Article
from newsgen.records.search_terms import fold, index_terms, words  # noqa: F401  (re-exported)

DOC_CHUNK = 200
SHARD_SPLIT = 20_000
EXCERPT_CHARS = 180
_SAFE_KEY = re.compile(r"^[a-z0-9]+$")


def excerpt(a: Article, limit: int = EXCERPT_CHARS) -> str:
    text = a.summary or (a.paragraphs[0] if a.paragraphs else "")
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:—-")
    return cut + "…"


def _doc(a: Article) -> list[str]:
    """What a result shows: title, slug, date, section and excerpt."""
    section = a.section.slug if a.section else ""
    return [a.title, a.slug, a.date.isoformat() if a.date else "", section, excerpt(a)]


def _gaps(ids: Sequence[int]) -> list[int]:
    return [b - a for a, b in zip(chain((0,), ids), ids, strict=False)]


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _file_name(key: str) -> str:
    return key if _SAFE_KEY.match(key) else "x" + key.encode("utf-8").hex()


def _shard_keys(postings: dict[str, array[int]]) -> dict[str, str]:
    """Word -> shard key: its first two characters, or three where a shard is big."""
    size: dict[str, int] = defaultdict(int)
    for word, ids in postings.items():
        size[word[:2]] += len(ids)
    return {w: w[:3] if size[w[:2]] > SHARD_SPLIT and len(w) > 2 else w[:2] for w in postings}


def is_index_file(uri: str) -> bool:
    """One of the files `search_files` makes (not the search page beside them)."""
    return uri == "search/meta.json" or uri.startswith(
        ("search/words/", "search/docs/", "search/facets/")
    )


def search_files(
    articles: list[Article], terms: Callable[[Article], str | None] | None = None
) -> Iterator[tuple[str, str]]:
    """(uri, json) for every file of the search index, in a fixed order.

    `terms` gives a story's `index_terms` where they are already known (None: work
    them out here).
    """
    # Story numbers as C ints: a 20k archive has millions of postings.
    body: dict[str, array[int]] = defaultdict(lambda: array("i"))
    title: dict[str, array[int]] = defaultdict(lambda: array("i"))
    facets: dict[tuple[str, str], list[int]] = defaultdict(list)
    names: dict[tuple[str, str], str] = {}
    for n, a in enumerate(articles):
        known = terms(a) if terms else None
        in_title, _, in_body = (known or index_terms(a.title, a.body)).partition("\n")
        for w in in_title.split():
            body[w].append(n)
            title[w].append(n)
        for w in in_body.split():
            body[w].append(n)
        for t in a.all_sections:  # a section's facet is every story filed under it
            facets[("s", t.slug)].append(n)
            names[("s", t.slug)] = t.name
        for t in a.topics:
            if not facets[("t", t.slug)] or facets[("t", t.slug)][-1] != n:
                facets[("t", t.slug)].append(n)
            names.setdefault(("t", t.slug), t.name)

    keys = _shard_keys(body)
    by_shard: dict[str, list[str]] = defaultdict(list)
    for w in sorted(body):
        by_shard[keys[w]].append(w)

    facet_list: dict[str, list[list[Any]]] = {"s": [], "t": []}
    for kind, slug in sorted(facets, key=lambda k: (k[0], names[k].lower(), k[1])):
        facet_list[kind].append([slug, names[(kind, slug)], len(facets[(kind, slug)])])
    meta = {
        "version": 1,
        "count": len(articles),
        "chunk": DOC_CHUNK,
        "shards": {key: _file_name(key) for key in sorted(by_shard)},
        "sections": facet_list["s"],
        "topics": facet_list["t"],
        "stop": sorted(STOP),
    }
    yield "search/meta.json", _dump(meta)
    for key in sorted(by_shard):
        # One shard's gap lists at a time, and its postings freed once written.
        shard: dict[str, dict[str, list[int]]] = {"b": {}, "t": {}}
        for w in by_shard[key]:
            shard["b"][w] = _gaps(body.pop(w))
            if w in title:
                shard["t"][w] = _gaps(title.pop(w))
        yield f"search/words/{_file_name(key)}.json", _dump(shard)
    for start in range(0, len(articles), DOC_CHUNK):
        docs = [_doc(a) for a in articles[start : start + DOC_CHUNK]]
        yield f"search/docs/{start // DOC_CHUNK}.json", _dump(docs)
    for kind in ("s", "t"):
        for i, (slug, _, _) in enumerate(facet_list[kind]):
            yield f"search/facets/{kind}{i}.json", _dump(_gaps(facets[(kind, slug)]))


def patch_search(
    read: Callable[[str], str | None],
    words_changed: list[tuple[int, str, str]],
    docs_changed: list[tuple[int, Article]],
    facets_changed: dict[tuple[str, str], tuple[str, list[int]] | None] | None = None,
) -> dict[str, str | None] | None:
    """The index files that change when stories change their words, excerpt, section or
    topics but keep their number: uri -> new text (None: the file goes).

    `words_changed` holds (story number, old `index_terms`, new `index_terms`);
    `facets_changed` the facets ("s" or "t", slug) whose stories or name changed, as
    (name, story numbers), or None for one no story has now; `read` gives a file of
    the published index. None when the patch cannot be made exactly (a file
    unreadable, a shard that would split or merge): build the index whole.
    """
    meta_text = read("search/meta.json")
    if meta_text is None:
        return None
    meta = json.loads(meta_text)
    out = _patch_words(read, meta, words_changed)
    if out is None:
        return None
    if facets_changed:
        moved = _patch_facets(read, meta, facets_changed)
        if moved is None:
            return None
        out.update(moved)
    if _dump(meta) != meta_text:
        out["search/meta.json"] = _dump(meta)
    docs = _patch_docs(read, docs_changed)
    if docs is None:
        return None
    out.update(docs)
    return out


def _word_edits(
    words_changed: list[tuple[int, str, str]],
) -> dict[str, dict[int, tuple[bool, bool]]]:
    """word -> story number -> (in body, in title) after the change, for changed words only."""
    edits: dict[str, dict[int, tuple[bool, bool]]] = defaultdict(dict)
    for n, old, new in words_changed:
        old_t, _, old_b = old.partition("\n")
        new_t, _, new_b = new.partition("\n")
        ot, nt = set(old_t.split()), set(new_t.split())
        ob, nb = ot | set(old_b.split()), nt | set(new_b.split())
        for w in (ob ^ nb) | (ot ^ nt):
            edits[w][n] = (w in nb, w in nt)
    return edits


class _WordShards:
    """The published word shards a patch reads, each read once, as story-number lists."""

    def __init__(self, read: Callable[[str], str | None], names: dict[str, str]) -> None:
        self.read, self.names = read, names
        self.split = {key[:2] for key in names if len(key) == 3}
        self.loaded: dict[str, dict[str, dict[str, list[int]]]] = {}

    def key_of(self, w: str) -> str:
        return w[:3] if w[:2] in self.split and len(w) > 2 else w[:2]

    def get(self, key: str) -> dict[str, dict[str, list[int]]] | None:
        if key not in self.loaded:
            if key in self.names:
                text = self.read(f"search/words/{self.names[key]}.json")
                if text is None:
                    return None
                data = json.loads(text)
                self.loaded[key] = {
                    part: {w: _ids(gaps) for w, gaps in data[part].items()} for part in "bt"
                }
            else:
                self.loaded[key] = {"b": {}, "t": {}}
        return self.loaded[key]

    def keys_stay(self) -> bool:
        """The shard keys are still what a whole build would choose (no split or merge)."""
        for group in {key[:2] for key in self.loaded}:
            for key in self.names:
                if key[:2] == group and self.get(key) is None:
                    return False
            size = sum(
                len(ids)
                for key, s in self.loaded.items()
                if key[:2] == group
                for ids in s["b"].values()
            )
            if (size > SHARD_SPLIT) != (group in self.split):
                return False
        return True


def _patch_words(
    read: Callable[[str], str | None],
    meta: dict[str, Any],
    words_changed: list[tuple[int, str, str]],
) -> dict[str, str | None] | None:
    """The word shards after the change, `meta`'s shard list updated."""
    shard_names: dict[str, str] = dict(meta["shards"])
    shards = _WordShards(read, shard_names)
    for w, changes in _word_edits(words_changed).items():
        found = shards.get(shards.key_of(w))
        if found is None:
            return None
        for n, (in_body, in_title) in changes.items():
            for part, present in (("b", in_body), ("t", in_title)):
                ids = found[part].setdefault(w, [])
                _set_member(ids, n, present)
                if not ids:
                    del found[part][w]
    if not shards.keys_stay():
        return None
    out: dict[str, str | None] = {}
    for key, s in sorted(shards.loaded.items()):
        if not s["b"]:
            if key in shard_names:
                out[f"search/words/{shard_names.pop(key)}.json"] = None
            continue
        shard_names[key] = _file_name(key)
        gaps = {part: {w: _gaps(ids) for w, ids in s[part].items()} for part in "bt"}
        out[f"search/words/{shard_names[key]}.json"] = _dump(gaps)
    meta["shards"] = shard_names
    return out


def _patch_docs(
    read: Callable[[str], str | None], docs_changed: list[tuple[int, Article]]
) -> dict[str, str | None] | None:
    """The story chunks holding a changed story, rewritten."""
    chunks: dict[int, list[Any]] = {}
    for n, a in docs_changed:
        chunk = n // DOC_CHUNK
        if chunk not in chunks:
            text = read(f"search/docs/{chunk}.json")
            if text is None:
                return None
            chunks[chunk] = json.loads(text)
        chunks[chunk][n % DOC_CHUNK] = _doc(a)
    return {f"search/docs/{chunk}.json": _dump(docs) for chunk, docs in sorted(chunks.items())}


def _patch_facets(
    read: Callable[[str], str | None],
    meta: dict[str, Any],
    changed: dict[tuple[str, str], tuple[str, list[int]] | None],
) -> dict[str, str | None] | None:
    """The facet files after `changed` (see `patch_search`), `meta`'s lists updated.
    Facet files are numbered in name order, so one new topic renumbers those after it:
    those are copied from their old numbers."""
    out: dict[str, str | None] = {}
    for kind, part in (("s", "sections"), ("t", "topics")):
        mine = {slug: found for (k, slug), found in changed.items() if k == kind}
        if not mine:
            continue
        old = meta[part]
        was = {row[0]: i for i, row in enumerate(old)}
        rows = {row[0]: row for row in old}
        for slug, found in mine.items():
            if found is None:
                rows.pop(slug, None)
            else:
                rows[slug] = [slug, found[0], len(found[1])]
        meta[part] = sorted(rows.values(), key=lambda row: (row[1].lower(), row[0]))
        for i, (slug, _, _) in enumerate(meta[part]):
            uri = f"search/facets/{kind}{i}.json"
            found = mine.get(slug)
            if found is not None:
                out[uri] = _dump(_gaps(found[1]))
            elif was[slug] != i:
                text = read(f"search/facets/{kind}{was[slug]}.json")
                if text is None:
                    return None
                out[uri] = text
        for i in range(len(meta[part]), len(old)):
            out[f"search/facets/{kind}{i}.json"] = None
    return out


def _ids(gaps: list[int]) -> list[int]:
    return list(accumulate(gaps))


def _set_member(ids: list[int], n: int, present: bool) -> None:
    """Add or remove `n` in the sorted list `ids`."""
    i = bisect_left(ids, n)
    there = i < len(ids) and ids[i] == n
    if present and not there:
        ids.insert(i, n)
    elif not present and there:
        del ids[i]
