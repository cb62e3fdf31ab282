"""Site-defined topics: keyword rules from ``newsgen.yaml`` matched against a story.

A rule fires when any of its keywords or phrases occurs as whole words (case-insensitive,
any run of whitespace between the words of a phrase) in the headline or body.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from newsgen.analysis.taxonomy import topic_slug
from newsgen.article import Topic

if TYPE_CHECKING:
    from newsgen.config import TopicRule

ORIGIN = "site rules"


@cache
def keyword_pattern(keyword: str) -> re.Pattern[str] | None:
    """Whole-word, case-insensitive pattern for a keyword; None for a blank keyword."""
    words = keyword.split()
    if not words:
        return None
    body = r"\s+".join(re.escape(word) for word in words)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def count_hits(keywords: Sequence[str], text: str) -> int:
    total = 0
    for keyword in dict.fromkeys(keywords):
        pattern = keyword_pattern(keyword)
        if pattern is not None:
            total += len(pattern.findall(text))
    return total


def hit_confidence(hits: int) -> float:
    """1 hit -> 0.5, 3 -> ~0.8, saturating towards 1: more mentions, more certainty."""
    return round(1.0 - 0.5 ** (1.0 + math.log2(hits)) if hits > 0 else 0.0, 4)


def match_rules(rules: Sequence[TopicRule], title: str, paragraphs: list[str]) -> list[Topic]:
    """Topics of every rule that matches, in rule order (the site's own order is meaningful)."""
    text = "\n".join([title, *paragraphs])
    topics: list[Topic] = []
    for rule in rules:
        hits = count_hits(rule.keywords, text)
        if hits:
            topics.append(
                Topic(
                    name=rule.name,
                    slug=rule.slug or topic_slug(rule.name),
                    qcode=None,
                    confidence=hit_confidence(hits),
                    origin=ORIGIN,
                    parent=rule.parent,
                )
            )
    return topics
