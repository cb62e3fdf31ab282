"""Optional YAML front matter at the top of a seed: facts a human states by hand.

Values are validated here so a typo fails loudly with a line number instead of quietly
becoming a wrong page. Nothing here is ever used as a path: `slug` is a suggestion only.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from newsgen.errors import SeedError
from newsgen.yaml_lines import unreadable_value_line

from .dates import parse_date

# Canonical key -> accepted spellings.
KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "date": ("date", "published"),
    "updated": ("updated", "modified"),
    "section": ("section", "category"),
    "topics": ("topics", "tags"),
    "authors": ("authors", "author", "byline"),
    "dateline": ("dateline",),
    "summary": ("summary", "description"),
    "standfirst": ("standfirst", "dek", "subtitle"),
    "slug": ("slug",),
    "language": ("language", "lang"),
}
_ALIASES = {alias: key for key, names in KEYS.items() for alias in names}
_TEXT_KEYS = ("title", "section", "dateline", "summary", "standfirst", "slug", "language")
_LIST_KEYS = ("topics", "authors")
_DATE_KEYS = ("date", "updated")
_FENCE = re.compile(r"(?:---|\.\.\.)[ \t]*$")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z]{2,4})?$")
_LIST_SEPARATOR = re.compile(r"\s*[,;]\s*")


def _loader() -> type:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def split(text: str, *, path: str) -> tuple[dict[str, Any], str, str]:
    """Return (validated fields, text after the block, raw block text)."""
    if not text.startswith("---"):
        return {}, text, ""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return {}, text, ""
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if end is None:
        raise SeedError(
            "front matter opened with '---' on line 1 is never closed",
            path=path,
            line=1,
            hint="end the front matter with a line '---', or remove the first line",
        )
    raw = "\n".join(lines[1:end])
    rest = "\n".join(lines[end + 1 :])
    return parse(raw, path=path), rest, raw


def parse(raw: str, *, path: str, first_line: int = 2) -> dict[str, Any]:
    """Parse and validate the YAML between the fences."""
    try:
        data = yaml.load(raw, Loader=_loader())
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        last_line = first_line + raw.rstrip("\n").count("\n")
        line = min(first_line + mark.line, last_line) if mark is not None else first_line
        problem = getattr(err, "problem", None) or "invalid YAML"
        raise SeedError(
            f"front matter is not valid YAML: {problem}",
            path=path,
            line=line,
            hint="write one 'key: value' per line; quote values that contain ':'",
        ) from err
    except (ValueError, TypeError, RecursionError) as err:
        # Valid YAML whose value cannot be built, e.g. `date: 2024-13-45`.
        raise SeedError(
            f"front matter has a value that cannot be read: {err}",
            path=path,
            line=unreadable_value_line(raw, str(err), first_line) or first_line,
            hint="check dates (YYYY-MM-DD) and numbers",
        ) from err
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SeedError(
            "front matter must be 'key: value' lines",
            path=path,
            line=first_line,
            hint=f"known keys: {', '.join(KEYS)}",
        )
    fields: dict[str, Any] = {}
    for name, value in data.items():
        line = _line_of(raw, str(name), first_line)
        key = _ALIASES.get(str(name).strip().lower())
        if key is None:
            raise SeedError(
                f"unknown front matter key {name!r}",
                path=path,
                line=line,
                hint=f"known keys: {', '.join(KEYS)}",
            )
        if key in fields:
            raise SeedError(f"front matter sets {key!r} twice", path=path, line=line)
        if value is None:
            continue
        fields[key] = _check(key, value, path=path, line=line)
    return fields


def _line_of(raw: str, name: str, first_line: int) -> int:
    found = re.search(rf"^\s*['\"]?{re.escape(name)}['\"]?\s*:", raw, re.MULTILINE)
    return first_line + raw.count("\n", 0, found.start()) if found else first_line


def _scalar_text(value: Any) -> str | None:
    if isinstance(value, bool | list | dict):
        return None
    if isinstance(value, str | int | float | dt.date):
        text = " ".join(str(value).split())
        return text or None
    return None


def _check(key: str, value: Any, *, path: str, line: int) -> Any:
    if key in _DATE_KEYS:
        date = value.date() if isinstance(value, dt.datetime) else value
        if isinstance(date, dt.date):
            return date
        parsed = parse_date(str(value)) if isinstance(value, str) else None
        if parsed is None:
            raise SeedError(
                f"front matter {key!r} is not a date: {value!r}",
                path=path,
                line=line,
                hint="write it as YYYY-MM-DD",
            )
        return parsed
    if key in _LIST_KEYS:
        items = value if isinstance(value, list) else [value]
        if isinstance(value, str):
            items = [part for part in _LIST_SEPARATOR.split(value) if part]
        texts = [_scalar_text(item) for item in items]
        if any(text is None for text in texts):
            raise SeedError(
                f"front matter {key!r} must be a list of names",
                path=path,
                line=line,
                hint=f"write e.g. {key}: [First, Second]",
            )
        return list(dict.fromkeys(t for t in texts if t))
    text = _scalar_text(value)
    if text is None:
        raise SeedError(
            f"front matter {key!r} must be text, not {type(value).__name__}",
            path=path,
            line=line,
        )
    if key == "language" and not _LANGUAGE.match(text.lower()):
        raise SeedError(
            f"front matter language {text!r} is not a language code",
            path=path,
            line=line,
            hint="use a code such as en, fr, de",
        )
    return text.lower() if key == "language" else text
