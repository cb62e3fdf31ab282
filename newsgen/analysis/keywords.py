"""Key phrases: the few words and two-word phrases a story is most about.

Frequency in the story, weighted up for the headline, with stop words and
numbers left out. Cheap and deterministic; ties break alphabetically.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from newsgen.analysis.topic_text import STOP_WORDS

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+")
# The topic model's function words, plus words common in news that say nothing.
STOP = STOP_WORDS | frozenset(
    [
        "another",
        "around",
        "back",
        "even",
        "get",
        "going",
        "got",
        "however",
        "like",
        "made",
        "make",
        "many",
        "may",
        "might",
        "month",
        "months",
        "much",
        "next",
        "people",
        "set",
        "since",
        "still",
        "way",
        "well",
    ]
)


# Common in news, saying nothing about a story.
_GENERIC = frozenset(
    [
        "lot",
        "lots",
        "thing",
        "things",
        "part",
        "number",
        "place",
        "way",
        "ago",
        "per",
        "cent",
        "percent",
    ]
)


def extract_keywords(
    title: str, paragraphs: list[str], limit: int = 6, *, names: Iterable[str] = ()
) -> list[str]:
    """Key phrases; words of `names` (the story's people, places and organisations,
    which get pages of their own) are left out so the keywords say what happened."""
    named = {w.lower().removesuffix("'s") for n in names for w in _WORD.findall(n)}
    scores: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for weight, text in ((3, title), *((1, p) for p in paragraphs)):
        words = [w.lower().strip("'-") for w in _WORD.findall(text)]
        words = [w.removesuffix("'s") for w in words]
        for i, w in enumerate(words):
            if w in STOP or len(w) < 3 or w in named or "'" in w or w in _GENERIC:
                continue
            scores[w] += weight
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if nxt and nxt not in STOP and len(nxt) > 2 and nxt not in named and "'" not in nxt:
                scores[f"{w} {nxt}"] += weight * 1.5
                seen[f"{w} {nxt}"] += 1
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    out: list[str] = []
    for phrase, score in ranked:
        if score < 3:
            break
        if " " in phrase and seen[phrase] < 2:
            continue  # a two-word phrase must recur to be a key phrase
        if any(phrase in kept or kept in phrase for kept in out):
            continue
        out.append(phrase)
        if len(out) == limit:
            break
    return out
