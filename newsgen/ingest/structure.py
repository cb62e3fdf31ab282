"""Headline, metadata lines and paragraphs of a seed's text.

Seeds follow "headline on line 1, then paragraphs", but copies from web pages bring
"By Jane Smith" or "Published: 14 August 2023" lines along. Those become fields, not
text; a line is only treated as metadata when it is short and labelled, so a sentence
such as "By the end of the year, ..." stays a paragraph.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .dates import parse_date, search_date

_LONGEST_TITLE = 300
_TERMINAL = (".", "!", "?", ":", ";", '"', "”", "’", "'", ")", "…")

_LABEL_PUBLISHED = re.compile(
    r"^(?:first\s+)?(?:published|posted|date|dated|released|filed)(?:\s+(?:on|at))?\s*[:\-–]?\s+"
    r"(?P<rest>.{4,100})$",
    re.IGNORECASE,
)
_LABEL_UPDATED = re.compile(
    r"^(?:last\s+)?(?:updated|modified|revised)(?:\s+(?:on|at))?\s*[:\-–]?\s+(?P<rest>.{4,100})$",
    re.IGNORECASE,
)
_NAME_WORD = r"(?:[A-Z][\w'’\-]*\.?|(?:[A-Z]\.){1,3})"
_PARTICLE = r"(?:van|von|de|da|del|der|di|la|le|bin|al|el|du|dos)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|{_PARTICLE}(?=\s+[A-Z]))){{1,4}}"
_BYLINE = re.compile(
    rf"^(?i:by|written by|words by|reporting by|story by|report by)\s*:?\s+"
    rf"(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)"
    r"(?:\s*(?:,|\||/|–|—|-|\bfor\b|\bin\b)\s*(?P<tail>[A-Z][\w.'’&\- ]{0,40}))?\s*$"
)
_NOT_NAMES = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December|The|This|That|Then|"
    r"Now|Last|Next|Early|Late|Midnight|Noon|Christmas|Easter)\b"
)
_READING_TIME = re.compile(
    r"^(?:\d{1,3}\s*(?:-|–)?\s*min(?:ute)?s?\s+read|reading time\b.{0,20})$", re.I
)
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_FOLD = re.compile(r"[\W_]+")
_BY = re.compile(r"\bby\s+(.+)$", re.IGNORECASE)
_UPDATED_IN = re.compile(r"\b(?:updated|modified)\b(.+)$", re.IGNORECASE)
_BYLINE_DATE_SEPARATOR = re.compile(r"\s*(?:[,|·•–—]|\s-)\s*")
_NAME_SEPARATOR = re.compile(r"\s*(?:,|\band\b|&)\s*")
_FIRST_SENTENCE = re.compile(r"(.{20,200}?[.!?])(?:\s|$)")


@dataclass(slots=True)
class Layout:
    """What the top of a seed says, before any analysis."""

    title: str
    paragraphs: list[str]
    authors: list[str] = field(default_factory=list)
    date: dt.date | None = None
    updated: dt.date | None = None
    # Lines taken out of the text because they became fields.
    metadata: list[str] = field(default_factory=list)


def split_blocks(text: str) -> list[list[str]]:
    """Blank-line separated blocks of stripped lines; no blank lines -> one block per line."""
    lines = [line.strip() for line in text.split("\n")]
    if "" not in _trimmed(lines):
        return [[line] for line in lines if line]
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _trimmed(lines: list[str]) -> list[str]:
    start = next((i for i, line in enumerate(lines) if line), len(lines))
    end = len(lines) - next((i for i, line in enumerate(reversed(lines)) if line), len(lines))
    return lines[start:end]


def paragraphs_of(block: Sequence[str]) -> list[str]:
    """Join hard-wrapped lines; keep lines that already end a sentence as paragraphs."""
    out: list[str] = []
    for line in block:
        if out and _continues(out[-1], line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _continues(previous: str, line: str) -> bool:
    if line[:1].islower():
        return True
    last = previous.rsplit(" ", 1)[-1]
    return len(last) < len(previous) and len(previous) >= 40 and not previous.endswith(_TERMINAL)


def metadata_fields(line: str) -> dict[str, object] | None:
    """The fields a labelled metadata line gives, or None when it is text."""
    if len(line) > 160:
        return None
    if _READING_TIME.match(line):
        return {}
    found = _LABEL_UPDATED.match(line)
    if found:
        date = search_date(found["rest"])
        return {"updated": date} if date else None
    found = _LABEL_PUBLISHED.match(line)
    if found:
        rest = found["rest"]
        date = search_date(rest)
        if date is None:
            return None
        fields: dict[str, object] = {"date": date}
        author = _BY.search(rest)
        if author:
            names = byline_names(f"By {author[1]}")
            if names:
                fields["authors"] = names
        updated = _UPDATED_IN.search(rest)
        if updated and (later := search_date(updated[1])) and later != date:
            fields["updated"] = later
        return fields
    names = byline_names(line)
    if names:
        return {"authors": names}
    if line[:2].lower() == "by":  # "By Jane Smith, 14 August 2023": names, then the date
        for separator in _BYLINE_DATE_SEPARATOR.finditer(line):
            names = byline_names(line[: separator.start()])
            date = parse_date(line[separator.end() :]) if names else None
            if date:
                return {"authors": names, "date": date}
    date = parse_date(line)
    return {"date": date} if date else None


def byline_names(line: str) -> list[str]:
    """["Jane Smith", "John Doe"] from "By Jane Smith and John Doe, Reuters"; [] if not one."""
    found = _BYLINE.match(line.strip())
    if not found or len(line.split()) > 14:
        return []
    names = _NAME_SEPARATOR.split(found["names"])
    names = [_name_case(name.strip()) for name in names if name.strip()]
    if not names or any(_NOT_NAMES.search(name) for name in names):
        return []
    return names


def _name_case(name: str) -> str:
    """JOHN SMITH -> John Smith; mixed case is the author's choice and stays."""
    return name.title() if name.isupper() and len(name) > 3 else name


def _fold(text: str) -> str:
    return _FOLD.sub(" ", text.casefold()).strip()


def _derived_title(line: str) -> str:
    """A usable title from an over-long first line (the line stays as a paragraph)."""
    sentence = _FIRST_SENTENCE.match(line)
    if sentence:
        return sentence[1]
    cut = line[:150].rsplit(" ", 1)[0] if " " in line[:150] else line[:150]
    return cut.rstrip(",;: ") + "…"


def layout(blocks: Sequence[Sequence[str]], *, title: str | None = None) -> Layout:
    """Split cleaned blocks into headline, metadata fields and paragraphs.

    `title` comes from front matter; then the text has no headline line of its own,
    but may still repeat it.
    """
    lines = [(index, line) for index, block in enumerate(blocks) for line in block]
    result = Layout(title="", paragraphs=[])
    position = _take_metadata(lines, 0, result)
    first_paragraph: list[str] = []
    if title is None and position < len(lines):
        head = lines[position][1]
        position += 1
        head = _MARKDOWN_HEADING.sub("", head)
        if len(head) > _LONGEST_TITLE:
            result.title = _derived_title(head)
            first_paragraph = [head]
        else:
            result.title = head
        position = _take_metadata(lines, position, result)
    else:
        result.title = title or ""
    rest = _regroup(lines[position:])
    paragraphs = first_paragraph + [p for block in rest for p in paragraphs_of(block)]
    if paragraphs and result.title and _fold(paragraphs[0]) == _fold(result.title):
        result.metadata.append(paragraphs.pop(0))
    result.paragraphs = paragraphs
    return result


def _take_metadata(lines: Sequence[tuple[int, str]], position: int, result: Layout) -> int:
    """Consume consecutive metadata lines from `position`; return the next position."""
    while position < len(lines):
        fields = metadata_fields(lines[position][1])
        if fields is None:
            break
        for key, value in fields.items():
            if key == "authors":
                assert isinstance(value, list)
                result.authors.extend(a for a in value if a not in result.authors)
            elif getattr(result, key) is None:
                setattr(result, key, value)
        result.metadata.append(lines[position][1])
        position += 1
    return position


def _regroup(lines: Sequence[tuple[int, str]]) -> list[list[str]]:
    blocks: list[list[str]] = []
    previous = None
    for index, line in lines:
        if index != previous:
            blocks.append([])
            previous = index
        blocks[-1].append(line)
    return blocks
