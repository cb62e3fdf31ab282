"""The IPTC Media Topics newsgen speaks: 17 top-level sections and a curated set of subjects.

Names are IPTC's official en-GB labels (CC BY 4.0, see ``data/NOTICE-topics.md``); the
subset ships as ``data/mediatopic-subset.json``, written by ``tools/train_topics.py``.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from newsgen.article import Article, Topic
from newsgen.slugs import name_slug

VOCAB_FILE = "mediatopic-subset.json"

SECTION_CODES: tuple[str, ...] = tuple(f"medtop:{n:02d}000000" for n in range(1, 18))


@dataclass(frozen=True, slots=True)
class Concept:
    """One Media Topic as shipped: enough to name it, explain it and place it in the tree."""

    qcode: str
    name: str
    definition: str
    parent: str | None
    top: str
    level: int


@lru_cache(maxsize=1 << 12)
def topic_slug(name: str) -> str:
    """URL slug of a topic name; IPTC names carry commas and apostrophes, and a site
    rule's name may be long (capped, see `slugs.name_slug`). Memoised: every story names
    a few of the same few hundred topics, and slugifying is slow."""
    return name_slug(name)


def make_topic(
    name: str,
    *,
    qcode: str | None = None,
    confidence: float = 1.0,
    origin: str = "classifier",
    parent: str | None = None,
) -> Topic:
    return Topic(
        name=name,
        slug=topic_slug(name),
        qcode=qcode,
        confidence=confidence,
        origin=origin,
        parent=parent,
    )


@cache
def concepts() -> dict[str, Concept]:
    """All shipped concepts by qcode (sections first, then subjects)."""
    raw = resources.files("newsgen.analysis").joinpath("data", VOCAB_FILE).read_text("utf-8")
    return {
        item["qcode"]: Concept(
            qcode=item["qcode"],
            name=item["name"],
            definition=item["definition"],
            parent=item["parent"],
            top=item["top"],
            level=int(item["level"]),
        )
        for item in json.loads(raw)["concepts"]
    }


def concept(qcode: str) -> Concept:
    try:
        return concepts()[qcode]
    except KeyError:
        raise KeyError(f"unknown or unshipped IPTC media topic: {qcode!r}") from None


def section_by_qcode(qcode: str, *, confidence: float = 1.0, origin: str = "classifier") -> Topic:
    """A fresh section Topic for a top-level qcode (``medtop:01000000``..``medtop:17000000``)."""
    if qcode not in SECTION_CODES:
        raise KeyError(f"not a top-level IPTC media topic: {qcode!r}")
    return make_topic(concept(qcode).name, qcode=qcode, confidence=confidence, origin=origin)


def section_by_name(name: str) -> Topic | None:
    """The section whose IPTC name or slug matches (case-insensitive), for front matter."""
    wanted = topic_slug(name)
    for qcode in SECTION_CODES:
        if topic_slug(concept(qcode).name) == wanted:
            return section_by_qcode(qcode)
    return None


def parent_name(qcode: str) -> str | None:
    """Name of a concept's parent, or None for a section."""
    parent = concept(qcode).parent
    return concept(parent).name if parent else None


def sections() -> list[Topic]:
    """All 17 sections in qcode order."""
    return [section_by_qcode(qcode) for qcode in SECTION_CODES]


def front_matter_terms(article: Article) -> None:
    """A seed's own `section:` and `topics:` (ingest keeps them raw in `extra`) as the
    story's terms: an IPTC section by its name where it is one, else the name as given.
    The analysis then keeps them (they are in `article.locked`)."""
    section = article.extra.pop("section", None)
    topics = article.extra.pop("topics", None)
    if isinstance(section, str) and section.strip():
        found = section_by_name(section)
        if found is not None:
            article.section = dataclasses.replace(found, origin="front matter")
        else:
            article.section = make_topic(section.strip(), origin="front matter")
    if isinstance(topics, list):
        names = [name.strip() for name in topics if isinstance(name, str) and name.strip()]
        article.topics = [make_topic(name, origin="front matter") for name in names]
