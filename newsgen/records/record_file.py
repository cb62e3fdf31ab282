"""Records: `articles/<slug>.md`, YAML front matter plus a Markdown body.

Records are the source of truth once written. A generated record carries a
`generated:` hash of its own text; when the file no longer matches it, a human
has edited it and no ingest may overwrite it. A record written by hand has no
hash at all and is never overwritten either.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
import re
from pathlib import Path
from typing import Any

import yaml

from newsgen.article import Article, Entity, Topic
from newsgen.errors import RecordError
from newsgen.records import front_yaml
from newsgen.records.fields import KNOWN_KEYS, article_from
from newsgen.records.markup import escape
from newsgen.yaml_lines import unreadable_value_line

try:  # the C dumper is several times faster; fall back when libyaml is absent
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

GENERATED_KEY = "generated"
TEMP_PREFIX = ".newsgen-"
_GENERATED_LINE = re.compile(r"^generated: [0-9a-f]{64}\n", re.MULTILINE)

# Fields a reader or the analysis may fill in when a hand-written record leaves them out.
ANALYSIS_KEYS = ("section", "topics", "people", "places", "organizations", "keywords")


class LoadedRecord:
    """A record read from disk: the article, and what we know about its history.

    The file is kept as a string: a build of a large archive holds one record per
    story, and making a `Path` for each was a third of loading them.
    """

    __slots__ = ("article", "file", "generated", "has_hash", "present")

    def __init__(
        self,
        *,
        article: Article,
        path: Path | str,
        present: frozenset[str],
        generated: bool,  # written by newsgen and untouched since
        has_hash: bool,
    ) -> None:
        self.article = article
        self.file = str(path)
        self.present = present
        self.generated = generated
        self.has_hash = has_hash

    @property
    def path(self) -> Path:
        return Path(self.file)

    @property
    def name(self) -> str:
        """The file name, `<slug>.md`."""
        return os.path.basename(self.file)

    @property
    def hand_edited(self) -> bool:
        """Written by newsgen, then changed by a human."""
        return self.has_hash and not self.generated


# --------------------------------------------------------------------- writing


def dumps(article: Article, *, generated: bool = True) -> str:
    """The record text for an article; with `generated`, sealed with its own hash."""
    head = _dump_yaml(_front_matter(article))
    if article.body_markdown is not None:
        body = article.body_markdown.strip("\n") + "\n"
    else:
        body = "".join(escape(p) + "\n\n" for p in article.paragraphs).rstrip("\n") + "\n"
    text = f"---\n{head}---\n\n{body}"
    if generated:
        digest = text_digest(text)
        text = text.replace("\n---\n\n", f"\n{GENERATED_KEY}: {digest}\n---\n\n", 1)
    return text


def _dump_yaml(front: dict[str, Any]) -> str:
    """The front matter as YAML: exactly what `yaml.dump` would write.

    Writing records is a fifth of ingest, and libyaml's emitter asks PyYAML's resolver
    about every scalar. So the block YAML of a generated record (mappings, lists, and
    strings that need no quotes or single quotes) is written here, six times faster.
    Anything else (a string with a line break or a character YAML escapes, an alias,
    a seed's own front matter holding a nested list) goes through libyaml: built as
    nodes, or through `yaml.dump` for what `_node` does not know.
    """
    out: list[str] = []
    try:
        if front:  # an empty one is "{}"
            _block_mapping(front, "", out, set())
            return "".join(out)
    except _Unsupported:
        pass
    try:
        node = _node(front, set())
    except _Unsupported:
        return _represent(front)
    return yaml.serialize(node, Dumper=_Dumper, allow_unicode=True, width=10_000)


def _block_mapping(value: dict[str, Any], indent: str, out: list[str], seen: set[int]) -> None:
    """`value`'s items as libyaml writes a block mapping at `indent`; the caller has
    written the indent (or "- ") of the first key."""
    if id(value) in seen:
        raise _Unsupported  # an alias
    seen.add(id(value))
    first = True
    for key, item in value.items():
        text = _KEYS.get(key)  # type: ignore[call-overload]
        if text is None:
            if type(key) is not str or len(key.encode()) > 100:  # long ones are "? " keys
                raise _Unsupported
            text = _remember(_KEYS, key, _text(key))
        if first:
            first = False
        else:
            out.append(indent)
        out.append(text)
        kind = type(item)
        if kind is dict and item:
            out.append(":\n" + indent + "  ")
            _block_mapping(item, indent + "  ", out, seen)
        elif kind is list and item:
            out.append(":\n")
            _block_sequence(item, indent, out, seen)
        else:
            out.append(": " + _flow(item, seen) + "\n")


def _block_sequence(items: list[Any], indent: str, out: list[str], seen: set[int]) -> None:
    """A list below its key, at the key's own indent, as libyaml writes it."""
    if id(items) in seen:
        raise _Unsupported
    seen.add(id(items))
    for item in items:
        kind = type(item)
        if kind is dict and item:
            out.append(indent + "- ")
            _block_mapping(item, indent + "  ", out, seen)
        elif kind is list and item:
            raise _Unsupported  # "- - a": left to libyaml
        else:
            out.append(indent + "- " + _flow(item, seen) + "\n")


def _flow(value: Any, seen: set[int]) -> str:
    """A scalar, or an empty list or mapping (which libyaml writes in flow style)."""
    kind = type(value)
    if kind is str:
        text = _STRINGS.get(value)
        return _remember(_STRINGS, value, _text(value)) if text is None else text
    if kind is list or kind is dict:
        if id(value) in seen:
            raise _Unsupported
        seen.add(id(value))
        return "[]" if kind is list else "{}"
    node = _node(value, seen)  # numbers, dates, booleans and null: always plain
    if not isinstance(node, yaml.ScalarNode):
        raise _Unsupported
    return node.value


# What libyaml writes as is (allow_unicode): printable characters other than line
# breaks, tabs, U+FEFF and anything above U+FFFD, which it escapes in double quotes.
_NEEDS_LIBYAML = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]")
# Where a string may not be a plain scalar in block context: an indicator or a space
# first, "---" or "..." first; or ": ", " #", a colon or a space at the end.
_NOT_PLAIN_START = re.compile(r"[#,\[\]{}&*!|>'\"%@` ]|[-?:](?: |$)|---|\.\.\.")
_IMPLICIT = yaml.SafeDumper.yaml_implicit_resolvers
# The resolvers a plain scalar is tried with, by its first character (`_reads_as`).
_ANY_FIRST = tuple(rx for _, rx in _IMPLICIT.get(None, ()))  # type: ignore[call-overload]
_BY_FIRST = {
    first: tuple(rx for _, rx in rules) + _ANY_FIRST
    for first, rules in _IMPLICIT.items()
    if first is not None
}
# Strings and keys recur from record to record (field names, names, topics): each is
# worked out once. Bounded, for a long-lived `serve`.
_STRINGS: dict[str, str] = {}
_KEYS: dict[str, str] = {}
_REMEMBERED = 200_000


def _remember(cache: dict[str, str], value: str, text: str) -> str:
    if len(cache) >= _REMEMBERED:
        cache.clear()
    cache[value] = text
    return text


def _text(value: str) -> str:
    """A string as libyaml writes it in block context: plain, or in single quotes."""
    if not value:
        return "''"
    if len(value) > 5000 or _NEEDS_LIBYAML.search(value):
        raise _Unsupported  # escapes, or folding at the emitter's width
    # Not plain in the body: ": ", " #", or a colon or space at the end (`value` has no
    # line break here, so the end is its last character).
    body = ": " in value or " #" in value or value[-1] in ": "
    if body or _NOT_PLAIN_START.match(value) or _reads_as(value):
        return "'" + value.replace("'", "''") + "'"
    return value


def _reads_as(value: str) -> bool:
    """A plain `value` would load as something other than a string ("yes", "12:30")."""
    rules = _BY_FIRST.get(value[0], _ANY_FIRST)
    return bool(rules) and any(rx.match(value) for rx in rules)


def _represent(front: dict[str, Any]) -> str:
    """The front matter as `yaml.dump` writes it, through PyYAML's own representer."""
    return yaml.dump(
        front,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=10_000,
        default_flow_style=False,
    )


class _Unsupported(Exception):
    """A value `_node` leaves to the full representer."""


_TAG = "tag:yaml.org,2002:"


def _node(value: Any, seen: set[int]) -> yaml.Node:
    """The node `yaml.SafeDumper` represents `value` as, in block style. A list or
    mapping met twice would be an alias (`&id001`): left to the representer."""
    kind = type(value)
    if kind is str:
        return yaml.ScalarNode(_TAG + "str", value)
    if kind is dict or kind is list:
        if id(value) in seen:
            raise _Unsupported
        seen.add(id(value))
        if kind is dict:
            pairs = [(_node(k, seen), _node(v, seen)) for k, v in value.items()]
            return yaml.MappingNode(_TAG + "map", pairs, flow_style=False)
        items = [_node(v, seen) for v in value]
        return yaml.SequenceNode(_TAG + "seq", items, flow_style=False)
    if kind is int:
        return yaml.ScalarNode(_TAG + "int", str(value))
    if kind is float and math.isfinite(value):
        text = repr(value).lower()
        if "." not in text and "e" in text:  # 1e17 is not a YAML float; 1.0e17 is
            text = text.replace("e", ".0e", 1)
        return yaml.ScalarNode(_TAG + "float", text)
    if kind is dt.date:
        return yaml.ScalarNode(_TAG + "timestamp", value.isoformat())
    if kind is bool:
        return yaml.ScalarNode(_TAG + "bool", "true" if value else "false")
    if value is None:
        return yaml.ScalarNode(_TAG + "null", "null")
    raise _Unsupported


def text_digest(text: str) -> str:
    """SHA-256 of a record's text: the `generated:` seal and `Article.fingerprint`."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _front_matter(a: Article) -> dict[str, Any]:
    fm: dict[str, Any] = {"title": a.title, "slug": a.slug}
    if a.date is not None:
        fm["date"] = a.date
    if a.date_source:
        fm["date_source"] = a.date_source
    if a.updated is not None:
        fm["updated"] = a.updated
    if a.authors:
        fm["authors"] = list(a.authors)
    if a.standfirst:
        fm["standfirst"] = a.standfirst
    if a.summary:
        fm["summary"] = a.summary
    if a.dateline is not None:
        fm["dateline"] = _compact(
            {
                "text": a.dateline.text,
                "place": a.dateline.place,
                "agency": a.dateline.agency,
                "city": a.dateline.city,
                "region": a.dateline.region,
                "country": a.dateline.country,
            }
        )
    if a.section is not None:
        fm["section"] = _topic(a.section)
        filed = a.all_sections
        if len(filed) > 1:  # one section needs no list: records stay as they were
            fm["sections"] = [_topic(t) for t in filed]
    fm["topics"] = [_topic(t) for t in a.topics]
    fm["people"] = [_entity(e) for e in a.people]
    fm["places"] = [_entity(e) for e in a.places]
    fm["organizations"] = [_entity(e) for e in a.organizations]
    fm["quotes"] = [_compact({"text": q.text, "speaker": q.speaker}) for q in a.quotes]
    fm["sources"] = list(a.sources)
    fm["keywords"] = list(a.keywords)
    if "related" in a.locked:
        fm["related"] = list(a.related)
    fm["language"] = a.language
    fm["word_count"] = a.word_count
    if not a.paragraphs and a.body_markdown is None:
        fm["headline_only"] = True  # says the empty body is no loss: the seed had none
    fm["reading_minutes"] = a.reading_minutes
    if a.source_file:
        fm["source_file"] = a.source_file
    if a.source_hash:
        fm["source_hash"] = a.source_hash
    for key in sorted(a.extra):
        if key not in fm and key != GENERATED_KEY:
            fm[key] = a.extra[key]
    return fm


def _compact(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


def _topic(t: Topic) -> dict[str, Any]:
    return _compact(
        {
            "name": t.name,
            "slug": t.slug,
            "qcode": t.qcode,
            "confidence": round(t.confidence, 3),
            "origin": t.origin,
            "parent": t.parent,
        }
    )


def _entity(e: Entity) -> dict[str, Any]:
    d: dict[str, Any] = {"name": e.name, "slug": e.slug}
    if e.forms and tuple(e.forms) != (e.name,):
        d["forms"] = list(e.forms)
    if e.country:
        d["country"] = e.country
    if e.count != 1:
        d["count"] = e.count
    if e.canonical:
        d["canonical"] = e.canonical
    if e.wikidata:
        d["wikidata"] = e.wikidata
    return d


def write_record(path: Path, text: str) -> None:
    """Write atomically: a crash leaves the old file or the new one, never half of one."""
    # A cold build writes every record from one process while the workers parse the
    # next seeds, so this is on its critical path: a temporary name of our own (no
    # `mkstemp`), one write of the bytes, and the folder made only if it is missing.
    # 0o600 and O_EXCL as `mkstemp` would; a killed build's leftover is removed by the
    # next load (`RecordStore._look_at`), or here, should this process reuse its pid.
    tmp = path.with_name(f"{TEMP_PREFIX}{os.getpid()}-{path.name}.tmp")
    data = text.encode("utf-8")
    try:
        fd = _create(tmp)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = _create(tmp)
    except FileExistsError:
        tmp.unlink()
        fd = _create(tmp)
    try:
        try:
            # No fsync: rename is what makes a kill mid-write safe, and an fsync
            # per record would cost more than parsing the seed.
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
_CREATE |= getattr(os, "O_CLOEXEC", 0)


def _create(path: Path) -> int:
    return os.open(path, _CREATE, 0o600)


# --------------------------------------------------------------------- reading


def split_front_matter(text: str, path: Path) -> tuple[str, str]:
    """(front matter, body)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.startswith("---\n") and not text.startswith("---\r\n"):
        raise RecordError(
            "has no front matter",
            path=path,
            line=1,
            hint="a record starts with a line '---', YAML fields, and another '---'",
        )
    text = text.replace("\r\n", "\n")
    end = text.find("\n---\n", 3)
    if end == -1:
        if text.endswith("\n---"):
            end = len(text) - 4
        else:
            raise RecordError(
                "front matter is not closed",
                path=path,
                line=1,
                hint="add a line '---' after the last field",
            )
    head = text[4 : end + 1]
    body = text[end + 5 :]
    return head, body


def read_record(path: Path, *, root: Path | None = None) -> LoadedRecord:
    """Parse and validate one record; RecordError names the file and line."""
    shown = path.relative_to(root) if root else path
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RecordError("is not UTF-8 text", path=shown, hint="re-save it as UTF-8") from exc
    except OSError as exc:
        raise RecordError(f"cannot be read: {exc.strerror}", path=shown) from exc
    return parse_record(text, path=shown)


def parse_record(text: str, *, path: Path | str) -> LoadedRecord:
    path = Path(path)
    head, body = split_front_matter(text, path)
    try:
        data = front_yaml.load(head)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        # Lines are counted from the file's first line ('---'); clamp to the block.
        line = min(mark.line + 2, head.count("\n") + 1) if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise RecordError(
            f"front matter is not valid YAML: {problem}",
            path=path,
            line=line,
            hint="fix the YAML, or delete the record to re-ingest its seed",
        ) from None
    except (ValueError, TypeError, RecursionError) as exc:
        # The YAML parses but a value cannot be built, e.g. `date: 2024-13-45`.
        raise RecordError(
            f"front matter has a value that cannot be read: {exc}",
            path=path,
            line=unreadable_value_line(head, str(exc)),
            hint="check dates (YYYY-MM-DD) and numbers",
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise RecordError("front matter must be a mapping of fields", path=path, line=2)
    stored = data.pop(GENERATED_KEY, None)
    has_hash = isinstance(stored, str)
    generated = has_hash and text_digest(_GENERATED_LINE.sub("", text, count=1)) == stored
    article = article_from(data, body, path, head)
    article.fingerprint = text_digest(text)
    return LoadedRecord(
        article=article,
        path=path,
        present=frozenset(k for k in data if k in KNOWN_KEYS),
        generated=generated,
        has_hash=has_hash,
    )
