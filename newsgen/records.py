"""Records: `articles/<slug>.md`, YAML front matter plus a Markdown body.

Records are the source of truth once written. A generated record carries a
`generated:` hash of its own text; when the file no longer matches it, a human
has edited it and no ingest may overwrite it. A record written by hand has no
hash at all and is never overwritten either.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from newsgen.article import Article, Dateline, Entity, Quote, Topic
from newsgen.errors import RecordError
from newsgen.markup import escape, is_plain, markdown_to_paragraphs, unescape
from newsgen.slugs import is_safe_slug, make_slug

try:  # the C loader/dumper are several times faster; fall back when libyaml is absent
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

GENERATED_KEY = "generated"
TEMP_PREFIX = ".newsgen-"
_GENERATED_LINE = re.compile(r"^generated: [0-9a-f]{64}\n", re.MULTILINE)

# Front-matter keys in the order they are written; anything else goes to `extra`.
KNOWN_KEYS = (
    "title",
    "slug",
    "date",
    "date_source",
    "updated",
    "authors",
    "standfirst",
    "summary",
    "dateline",
    "section",
    "topics",
    "people",
    "places",
    "organizations",
    "quotes",
    "sources",
    "keywords",
    "related",
    "language",
    "word_count",
    "reading_minutes",
    "source_file",
    "source_hash",
    "template",
)
# Fields a reader or the analysis may fill in when a hand-written record leaves them out.
ANALYSIS_KEYS = ("section", "topics", "people", "places", "organizations", "keywords")


@dataclass(slots=True)
class LoadedRecord:
    """A record read from disk: the article, and what we know about its history."""

    article: Article
    path: Path
    present: frozenset[str]
    generated: bool  # written by newsgen and untouched since
    hand_edited: bool  # written by newsgen, then changed by a human
    has_hash: bool


# --------------------------------------------------------------------- writing


def dumps(article: Article, *, generated: bool = True) -> str:
    """The record text for an article; with `generated`, sealed with its own hash."""
    front = _front_matter(article)
    head = yaml.dump(
        front,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=10_000,
        default_flow_style=False,
    )
    if article.body_markdown is not None:
        body = article.body_markdown.strip("\n") + "\n"
    else:
        body = "".join(escape(p) + "\n\n" for p in article.paragraphs).rstrip("\n") + "\n"
    text = f"---\n{head}---\n\n{body}"
    if generated:
        digest = _digest(text)
        text = text.replace("\n---\n\n", f"\n{GENERATED_KEY}: {digest}\n---\n\n", 1)
    return text


def _digest(text: str) -> str:
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
    if e.forms and e.forms != [e.name]:
        d["forms"] = list(e.forms)
    if e.country:
        d["country"] = e.country
    if e.count != 1:
        d["count"] = e.count
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


def split_front_matter(text: str, path: Path) -> tuple[str, str, int]:
    """(front matter, body, line number where the body starts)."""
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
    return head, body, head.count("\n") + 3


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
    head, body, _body_line = split_front_matter(text, path)
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
    generated = has_hash and _digest(_GENERATED_LINE.sub("", text, count=1)) == stored
    article = _article_from(data, body, path, head)
    article.fingerprint = _digest(text)
    return LoadedRecord(
        article=article,
        path=path,
        present=frozenset(k for k in data if k in KNOWN_KEYS),
        generated=generated,
        hand_edited=has_hash and not generated,
        has_hash=has_hash,
    )


def _line_of(head: str, key: str) -> int | None:
    for i, line in enumerate(head.splitlines(), start=2):
        if line.startswith(f"{key}:"):
            return i
    return None


class _Fields:
    """Typed access to front-matter values, raising RecordError at the key's line."""

    def __init__(self, data: dict[str, Any], path: Path, head: str) -> None:
        self.data, self.path, self.head = data, path, head

    def fail(self, key: str, expected: str) -> RecordError:
        value = self.data.get(key)
        return RecordError(
            f"'{key}' should be {expected}, got {value!r}",
            path=self.path,
            line=_line_of(self.head, key),
            hint=f"correct or remove '{key}'",
        )

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise RecordError(
                    f"has no '{key}'", path=self.path, line=2, hint=f"add a '{key}:' field"
                )
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise self.fail(key, "text")
        return value

    def texts(self, key: str) -> list[str]:
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "a list of text")
        return list(value)

    def integer(self, key: str) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(key, "a whole number")
        return value

    def date(self, key: str) -> dt.date | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip()[:10])
            except ValueError:
                pass
        raise self.fail(key, "a date as YYYY-MM-DD")

    def mappings(self, key: str) -> list[dict[str, Any]]:
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, str | dict):
            value = [value]
        if not isinstance(value, list):
            raise self.fail(key, "a list")
        out = []
        for item in value:
            if isinstance(item, str):
                item = {"name": item}
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                raise self.fail(key, "a list of names or of {name: ...} mappings")
            out.append(item)
        return out


def _article_from(data: dict[str, Any], body: str, path: Path, head: str) -> Article:
    f = _Fields(data, path, head)
    title = f.text("title", required=True) or ""
    slug = f.text("slug") or path.stem
    if not is_safe_slug(slug):
        raise RecordError(
            f"slug {slug!r} is not allowed",
            path=path,
            line=_line_of(head, "slug"),
            hint="use lowercase letters, digits and hyphens only",
        )
    # `layout:` is what Jekyll and Hugo users write; it means the same and is checked the same.
    for key in ("template", "layout"):
        name = f.text(key)
        if name is not None and not re.fullmatch(r"[A-Za-z0-9_\-]+\.html", name):
            raise RecordError(
                f"{key} {name!r} must be a file name in templates/, like 'article.html'",
                path=path,
                line=_line_of(head, key),
            )
    template = f.text("template") or f.text("layout")

    def topic(d: dict[str, Any], origin: str) -> Topic:
        conf = d.get("confidence", 1.0)
        if not isinstance(conf, int | float):
            conf = 1.0
        return Topic(
            name=d["name"],
            slug=_slug_field(d, f, "topics"),
            qcode=d.get("qcode") if isinstance(d.get("qcode"), str) else None,
            confidence=float(conf),
            origin=d.get("origin") if isinstance(d.get("origin"), str) else origin,
            parent=d.get("parent") if isinstance(d.get("parent"), str) else None,
        )

    def entities(key: str, kind: str) -> list[Entity]:
        out = []
        for d in f.mappings(key):
            forms = d.get("forms")
            out.append(
                Entity(
                    name=d["name"],
                    slug=_slug_field(d, f, key),
                    kind=kind,
                    forms=[x for x in forms if isinstance(x, str)]
                    if isinstance(forms, list)
                    else [d["name"]],
                    country=d.get("country") if isinstance(d.get("country"), str) else None,
                    count=d["count"] if isinstance(d.get("count"), int) else 1,
                )
            )
        return out

    section_list = f.mappings("section")
    dateline_raw = data.get("dateline")
    dateline = None
    if isinstance(dateline_raw, str):
        dateline = Dateline(text=dateline_raw)
    elif isinstance(dateline_raw, dict) and isinstance(dateline_raw.get("text"), str):
        dateline = Dateline(
            text=dateline_raw["text"],
            place=dateline_raw.get("place"),
            agency=dateline_raw.get("agency"),
        )
    elif dateline_raw is not None:
        raise f.fail("dateline", "a mapping with text, place and agency")
    quotes = []
    raw_quotes = data.get("quotes") or []
    if not isinstance(raw_quotes, list):
        raise f.fail("quotes", "a list of {text, speaker}")
    for q in raw_quotes:
        if isinstance(q, str):
            q = {"text": q}
        if not isinstance(q, dict) or not isinstance(q.get("text"), str):
            raise f.fail("quotes", "a list of {text, speaker}")
        speaker = q.get("speaker")
        quotes.append(Quote(text=q["text"], speaker=speaker if isinstance(speaker, str) else None))

    paragraphs_md = [p.strip("\n") for p in re.split(r"\n\s*\n", body.strip("\n")) if p.strip()]
    if all(is_plain(p) and "\n" not in p for p in paragraphs_md):
        paragraphs = [unescape(p) for p in paragraphs_md]
        body_markdown = None
    else:
        body_markdown = body.strip("\n")
        paragraphs = markdown_to_paragraphs(body_markdown)

    known = set(KNOWN_KEYS)
    extra = {k: v for k, v in data.items() if k not in known}
    words = sum(len(p.split()) for p in paragraphs)
    return Article(
        slug=slug,
        title=title,
        paragraphs=paragraphs,
        standfirst=f.text("standfirst"),
        summary=f.text("summary") or "",
        date=f.date("date"),
        date_source=f.text("date_source") or ("front matter" if "date" in data else None),
        updated=f.date("updated"),
        authors=f.texts("authors"),
        dateline=dateline,
        section=topic(section_list[0], "front matter") if section_list else None,
        topics=[topic(d, "front matter") for d in f.mappings("topics")],
        people=entities("people", "person"),
        places=entities("places", "place"),
        organizations=entities("organizations", "organization"),
        quotes=quotes,
        sources=f.texts("sources"),
        keywords=f.texts("keywords"),
        related=[s for s in f.texts("related") if is_safe_slug(s)],
        language=f.text("language") or "en",
        word_count=f.integer("word_count") or words,
        reading_minutes=f.integer("reading_minutes") or max(1, round(words / 200)),
        source_file=f.text("source_file"),
        source_hash=f.text("source_hash"),
        body_markdown=body_markdown,
        locked=[],
        extra={**extra, **({"template": template} if template else {})},
    )


def _slug_field(d: dict[str, Any], f: _Fields, key: str) -> str:
    slug = d.get("slug")
    if slug is None:
        return make_slug(d["name"], fallback=key.rstrip("s") or "item")
    if not is_safe_slug(slug):
        raise f.fail(key, "entries whose slug is lowercase letters, digits and hyphens")
    return str(slug)
