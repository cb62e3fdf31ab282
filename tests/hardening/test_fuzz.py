"""Fuzz targets for the seed parser and the record reader.

Bounded in `make test`; run longer with NEWSGEN_FUZZ_EXAMPLES=100000. A crash
found here becomes a regression test in tests/ingest or tests/records/test_record_file.py.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgen.errors import RecordError, SeedError
from newsgen.ingest import ingest_bytes
from newsgen.records.record_file import dumps, parse_record

EXAMPLES = int(os.environ.get("NEWSGEN_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

yaml_ish = st.lists(
    st.one_of(
        st.sampled_from(
            ["---", "title: x", "date: 2024-13-45", "topics: [a, {name: b}]", "slug: ../x", "- item",
             "people:\n  - name: A\n    slug: a", ": :", "&anchor x", "*alias", "!!python/object:os.system x",
             "template: base.html", "quotes: [{text: q}]", "section: {name: s}", "related: [a, b]", "'", '"']
        ),
        st.text(max_size=40),
    ),
    max_size=12,
).map("\n".join)  # fmt: skip


@FUZZ
@given(yaml_ish, st.text(max_size=200))
def test_record_reader_never_crashes(front: str, body: str) -> None:
    text = f"---\n{front}\n---\n\n{body}"
    try:
        loaded = parse_record(text, path="articles/fuzz.md")
    except RecordError as exc:
        assert exc.path == "articles/fuzz.md"
        return
    # Whatever was accepted can be written back and read again.
    again = parse_record(dumps(loaded.article), path="articles/fuzz.md").article
    assert again.title == loaded.article.title
    assert again.paragraphs == loaded.article.paragraphs


@FUZZ
@given(st.binary(max_size=400))
def test_seed_parser_never_crashes_on_bytes(data: bytes) -> None:
    try:
        ingest_bytes(data, source_file="seeds/fuzz.txt")
    except SeedError as exc:
        assert exc.path == "seeds/fuzz.txt"


@FUZZ
@given(st.lists(st.text(max_size=80), max_size=8).map("\n\n".join))
def test_seed_parser_never_crashes_on_text(text: str) -> None:
    try:
        article = ingest_bytes(text.encode("utf-8"), source_file="seeds/fuzz.txt")
    except SeedError:
        return
    assert article.title
