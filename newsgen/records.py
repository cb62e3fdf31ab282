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
import tempfile
from pathlib import Path
from typing import Any

import yaml

from newsgen.article import Article, Entity, Topic
from newsgen.errors import RecordError
from newsgen.markup import escape
from newsgen.record_fields import KNOWN_KEYS, article_from

try:  # the C loader/dumper are several times faster; fall back when libyaml is absent
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

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
    """The front matter as YAML. What `yaml.dump` would write, without its representer:
    the fields of a generated record are plain strings, numbers, dates, lists and
    mappings, and building their nodes directly halves the cost of writing a record.
    Anything else (a seed's own front matter may hold any YAML) goes through `yaml.dump`."""
    try:
        node = _node(front, set())
    except _Unsupported:
        return _represent(front)
    return yaml.serialize(node, Dumper=_Dumper, allow_unicode=True, width=10_000)


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
            {"text": a.dateline.text, "place": a.dateline.place, "agency": a.dateline.agency}
        )
    if a.section is not None:
        fm["section"] = _topic(a.section)
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
    return d


def write_record(path: Path, text: str) -> None:
    """Write atomically: a crash leaves the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            # No fsync: rename is what makes a kill mid-write safe, and an fsync
            # per record would cost more than parsing the seed.
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
        data = yaml.load(head, Loader=_Loader)
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
