from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgen.article import Article, Dateline, Entity, Quote, Topic
from newsgen.errors import RecordError
from newsgen.records.record_file import (
    _block_mapping,
    _dump_yaml,
    _represent,
    _Unsupported,
    dumps,
    parse_record,
    read_record,
)


def sample() -> Article:
    return Article(
        slug="a-story",
        title="#MeToo: a headline with *stars* and <b>tags</b>",
        paragraphs=[
            "1. Not a list.",
            "> not a quote",
            "---",
            "Plain text & more <script>x</script>",
        ],
        summary="Summary.",
        date=dt.date(2023, 8, 14),
        date_source="metadata",
        authors=["Jane Smith"],
        dateline=Dateline(text="SEOUL, Aug 14 (Reuters) -", place="Seoul", agency="Reuters"),
        section=Topic(name="politics", slug="politics", qcode="medtop:11000000", confidence=0.8),
        topics=[Topic(name="elections", slug="elections", confidence=0.5, parent="politics")],
        people=[
            Entity(
                name="Kim Jong Un",
                slug="kim-jong-un",
                kind="person",
                forms=("Kim Jong Un", "Kim"),
                count=3,
            )
        ],
        places=[
            Entity(
                name="Seoul", slug="seoul", kind="place", forms=("Seoul",), country="South Korea"
            )
        ],
        quotes=[Quote(text="surely annihilate", speaker="Kim Jong Un")],
        sources=["KCNA"],
        word_count=20,
        source_file="seeds/a.txt",
        source_hash="0" * 64,
    )


def test_roundtrip_is_lossless() -> None:
    a = sample()
    loaded = parse_record(dumps(a), path="articles/a-story.md")
    assert loaded.generated and not loaded.hand_edited
    b = loaded.article
    assert b.title == a.title
    assert b.paragraphs == a.paragraphs
    assert b.body_markdown is None
    assert b.date == a.date and b.date_source == "metadata"
    assert b.dateline == a.dateline
    assert b.section == a.section
    assert b.topics == a.topics
    assert b.people == a.people
    assert b.places == a.places
    assert b.quotes == a.quotes
    assert dumps(b) == dumps(a)


def test_a_human_edit_is_detected() -> None:
    text = dumps(sample()).replace("Plain text", "Edited text")
    loaded = parse_record(text, path="articles/a-story.md")
    assert loaded.hand_edited and not loaded.generated


def test_a_hand_written_record_is_neither_generated_nor_edited() -> None:
    loaded = parse_record("---\ntitle: Mine\n---\n\nMy **own** story.\n", path="articles/mine.md")
    assert not loaded.has_hash and not loaded.generated
    assert loaded.article.slug == "mine"
    assert loaded.article.body_markdown == "My **own** story."
    assert loaded.article.paragraphs == ["My own story."]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("---\ntitle: [unclosed\n---\n\nBody\n", 2, "not valid YAML"),
        ("---\ntitle: T\ndate: yesterday\n---\n\nBody\n", 3, "'date'"),
        ("---\ntitle: T\ntopics: 5\n---\n\nBody\n", 3, "'topics'"),
        ("---\ntitle: T\nslug: ../../etc\n---\n\nBody\n", 3, "slug"),
        ("---\ntitle: T\nslug: a/b\n---\n\nBody\n", 3, "slug"),
        ("---\ntitle: T\ntemplate: ../../secret.html\n---\n\nBody\n", 3, "template"),
        ("---\ntitle: T\nlayout: /etc/passwd\n---\n\nBody\n", 3, "layout"),
        ("---\ndate: 2024-01-01\n---\n\nBody\n", 2, "'title'"),
        ("No front matter\n", 1, "no front matter"),
        ("---\ntitle: T\n\nBody never closed\n", 1, "not closed"),
        ("---\n- a list\n---\n\nBody\n", 2, "mapping"),
    ],
    ids=[
        "bad-yaml",
        "date-yesterday",
        "topics-5",
        "slug-dotdot",
        "slug-slash",
        "template-escape",
        "layout-escape",
        "no-title",
        "no-front-matter",
        "unclosed",
        "not-mapping",
    ],
)
def test_hostile_records_name_file_and_line(text: str, line: int, words: str) -> None:
    with pytest.raises(RecordError) as info:
        parse_record(text, path="articles/x.md")
    assert info.value.path == "articles/x.md"
    assert info.value.line == line
    assert words in str(info.value)


def test_yaml_is_loaded_safely(tmp_path: Path) -> None:
    path = tmp_path / "evil.md"
    path.write_text("---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\n\nx\n")
    with pytest.raises(RecordError):
        read_record(path)


def test_unknown_keys_are_kept_in_extra() -> None:
    loaded = parse_record("---\ntitle: T\nphotographer: Ann\n---\n\nBody\n", path="articles/t.md")
    assert loaded.article.extra == {"photographer": "Ann"}
    assert "photographer: Ann" in dumps(loaded.article)


text_st = (
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1)
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)


@settings(max_examples=150, deadline=None)
@given(title=text_st, paragraphs=st.lists(text_st, min_size=1, max_size=5))
def test_any_text_roundtrips(title: str, paragraphs: list[str]) -> None:
    a = Article(slug="x", title=title, paragraphs=paragraphs)
    b = parse_record(dumps(a), path="articles/x.md").article
    assert b.title == title
    assert b.paragraphs == paragraphs


def test_impossible_yaml_date_is_a_record_error() -> None:
    """Found by tests/hardening/test_fuzz.py: YAML builds dates itself and can raise ValueError."""
    with pytest.raises(RecordError, match="cannot be read") as caught:
        parse_record("---\ntitle: T\ndate: 2024-13-45\n---\n\nBody\n", path="articles/x.md")
    assert caught.value.line == 3


def test_an_impossible_value_is_found_where_the_loader_failed() -> None:
    """The loader builds nested values last: of two impossible dates, the error names
    the top-level one, and so must the line."""
    text = "---\ntitle: T\nseries:\n- 2024-02-30\ndate: 2024-13-45\n---\n\nBody\n"
    with pytest.raises(RecordError, match=r"month must be in 1\.\.12") as caught:
        parse_record(text, path="articles/x.md")
    assert caught.value.line == 5


def test_catalog_cache_roundtrip_is_lossless() -> None:
    from newsgen.records.serial import dumps_article, loads_article

    a = sample()
    a.extra = {
        "when": dt.date(2020, 1, 2),
        "nested": [{"at": dt.datetime(2020, 1, 2, 3, 4, tzinfo=dt.UTC)}],
        "n": 3,
    }
    a.updated = dt.datetime(2020, 1, 3, 4, 5, tzinfo=dt.UTC)
    a.standfirst, a.body_markdown, a.locked = "Standfirst", "*Body*", ["section"]
    again = loads_article(dumps_article(a))
    assert again == a
    assert type(again.updated) is dt.datetime


def test_canonical_entity_names_roundtrip() -> None:
    a = sample()
    a.places = [
        Entity(
            name="U.S.",
            slug="united-states",
            kind="place",
            forms=("U.S.",),
            canonical="United States",
        )
    ]
    again = parse_record(dumps(a), path="articles/a-story.md").article
    assert again.places == a.places


# Values a record's front matter can hold: what ingest writes and what a seed's own
# front matter may carry through `extra` (dates and datetimes, nested lists and maps).
_scalars = (
    st.text(max_size=30)
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.booleans()
    | st.none()
    | st.dates()
    | st.datetimes()
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)


# Strings every implicit resolver claims, or almost does: they must come out quoted
# exactly when PyYAML's own dumper quotes them.
_LOOKALIKES = st.sampled_from(
    [
        "",
        "~",
        "null",
        "Null",
        "no",
        "No",
        "yes",
        "on",
        "Off",
        "true",
        "True",
        "y",
        "n",
        "1",
        "-1",
        "+1",
        "0x1F",
        "0o17",
        "1_000",
        "1.5",
        ".5",
        ".inf",
        "-.inf",
        ".nan",
        "1e3",
        "2024-01-31",
        "2024-01-31 10:00:00",
        "<<",
        "=",
        "12:30",
        "Tony Blair",
        "nobody",
        "1st",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=12) | _LOOKALIKES, _values | _LOOKALIKES, max_size=6))
def test_front_matter_yaml_is_what_yaml_dump_writes(front: dict) -> None:
    """`_node` must tag every value as PyYAML's representer would, or the emitter
    would quote (or fail to quote) strings that read back as another type."""
    assert _dump_yaml(front) == _represent(front)


# Strings the record writer writes itself (see `records._text`): characters YAML writes
# as they are, among them every one that decides between plain and quoted style.
_WRITTEN_HERE = st.text(
    alphabet=st.sampled_from(list(" :#-?'\".,[]{}&*!|>%@`~=<+_0123456789abeEfFnNoOtTyY\xa0é’")),
    max_size=12,
)
_RECORD_SCALARS = (
    _WRITTEN_HERE
    | _LOOKALIKES
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.booleans()
    | st.none()
    | st.dates()
)
_RECORD_VALUES = st.recursive(
    _RECORD_SCALARS,
    lambda inner: (
        st.lists(_RECORD_SCALARS | st.dictionaries(_WRITTEN_HERE, inner, max_size=3), max_size=3)
        | st.dictionaries(_WRITTEN_HERE | _LOOKALIKES, inner, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(_WRITTEN_HERE | _LOOKALIKES, _RECORD_VALUES, min_size=1, max_size=6))
def test_record_yaml_written_without_libyaml_is_what_libyaml_writes(front: dict) -> None:
    """The writer's own block YAML (plain and single-quoted strings, nested lists and
    mappings, empty ones in flow style) must equal libyaml's byte for byte: a record
    written by an older newsgen must still read as unchanged."""
    out: list[str] = []
    _block_mapping(front, "", out, set())
    assert "".join(out) == _represent(front)


@pytest.mark.parametrize(
    "value", ["a\tb", "line\nbreak", "\ufeffBOM", "emoji \U0001f600", "\x85", "x" * 6000]
)
def test_record_yaml_leaves_escapes_and_long_strings_to_libyaml(value: str) -> None:
    with pytest.raises(_Unsupported):
        _block_mapping({"title": value}, "", [], set())
    assert _dump_yaml({"title": value}) == _represent({"title": value})


def test_front_matter_yaml_keeps_aliases_of_a_shared_value() -> None:
    shared = ["a", "b"]
    assert "&id001" in _dump_yaml({"one": shared, "two": shared})


def test_several_sections_roundtrip_and_one_needs_no_list() -> None:
    from newsgen.records.serial import dumps_article, loads_article

    a = sample()
    crime = Topic(name="crime, law and justice", slug="crime-law-and-justice", confidence=0.3)
    assert a.section is not None
    a.sections = [a.section, crime]
    text = dumps(a)
    assert "\nsections:\n" in text
    b = parse_record(text, path="articles/a-story.md").article
    assert b.section == a.section and b.sections == a.sections
    assert b.all_sections == [a.section, crime]
    assert loads_article(dumps_article(b)) == b
    # one section: the record is written as before `sections:` existed
    assert "sections:" not in dumps(sample())


def test_a_record_from_before_sections_loads_with_its_one_section() -> None:
    text = "---\ntitle: T\nsection:\n  name: sport\n  slug: sport\n---\n\nBody\n"
    a = parse_record(text, path="articles/t.md").article
    assert a.section is not None and a.section.slug == "sport"
    assert a.sections == [] and [t.slug for t in a.all_sections] == ["sport"]


def test_hand_set_sections_keep_the_primary_first() -> None:
    only_list = "---\ntitle: T\nsections: [health, politics]\n---\n\nBody\n"
    a = parse_record(only_list, path="articles/t.md").article
    assert a.section is not None and a.section.slug == "health"
    assert [t.slug for t in a.all_sections] == ["health", "politics"]
    # a `section:` that disagrees with the list is the primary, and comes first
    both = "---\ntitle: T\nsection: sport\nsections: [health, politics, sport]\n---\n\nB\n"
    b = parse_record(both, path="articles/t.md").article
    assert [t.slug for t in b.all_sections] == ["sport", "health", "politics"]
    with pytest.raises(RecordError, match="sections") as caught:
        parse_record("---\ntitle: T\nsections: 3\n---\n\nB\n", path="articles/t.md")
    assert caught.value.line == 3


@pytest.mark.parametrize(
    "value",
    ["a: b", "a:b", "a #b", "a#b", "end:", "end ", "x", ":", "yes", "12:30", "1e3", "~", "<<"],
)
def test_record_yaml_quotes_what_would_not_read_back_plain(value: str) -> None:
    out: list[str] = []
    _block_mapping({"title": value}, "", out, set())
    assert "".join(out) == _represent({"title": value})
