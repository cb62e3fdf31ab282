"""Key phrases: the few words and two-word phrases a story is most about.

Frequency in the story, weighted up for the headline, with stop words and
numbers left out. Cheap and deterministic; ties break alphabetically.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from itertools import chain, compress, islice, repeat
from operator import and_

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


def _lower_words(text: str) -> list[str]:
    """`_WORD` matches, lower-cased. ASCII text is lowered first, as one string: case never
    changes which ASCII characters match, but elsewhere lowering can make an ASCII letter
    (the Kelvin sign gives "k"), so other text is matched first and lowered word by word."""
    if text.isascii():
        return _WORD.findall(text.lower())
    return list(map(str.lower, _WORD.findall(text)))


def _words(text: str) -> list[str]:
    """Lower-cased words, outer quotes and hyphens and a possessive 's stripped."""
    found = map(str.strip, _lower_words(text), repeat("'-"))
    return list(map(str.removesuffix, found, repeat("'s")))


def extract_keywords(
    title: str, paragraphs: list[str], limit: int = 6, *, names: Iterable[str] = ()
) -> list[str]:
    """Key phrases; words of `names` (the story's people, places and organisations,
    which get pages of their own) are left out so the keywords say what happened.

    A word scores its weight (3 in the headline, 1 in the body) each time it occurs and is
    not a stop, generic, named or short word; with the next word, if that is not a stop,
    named or short word either, it forms a two-word phrase scoring 1.5 times the weight.
    Each distinct word is judged once, and the whole story is counted by C-level passes.
    """
    # Words never span a line break, so one match over the joined names finds them all.
    named = set(map(str.removesuffix, _lower_words("\n".join(names)), repeat("'s")))
    head = _words(title)
    # Every text's words, each text closed by "" (never a word) so no phrase spans two.
    stream = [*head, ""]
    for paragraph in paragraphs:
        stream += _words(paragraph)
        stream.append("")
    # Words that may close a two-word phrase, and those that may also score or open one.
    closes = {w for w in set(stream) - STOP - named if len(w) > 2 and "'" not in w}
    opens = closes - _GENERIC
    leads = list(map(opens.__contains__, stream))
    starts = list(map(and_, leads, map(closes.__contains__, islice(stream, 1, None))))
    phrases = zip(stream, islice(stream, 1, None), strict=False)
    pairs = list(map(" ".join, compress(phrases, starts)))
    singles = list(compress(stream, leads))
    # The headline's words and phrases come first in both lists and count three times.
    head_singles = singles[: sum(leads[: len(head)])]
    head_pairs = pairs[: sum(starts[: len(head)])]
    seen = Counter(pairs)
    # Only scores of 3 or more count (and a phrase must recur), ranked by score then text:
    # the same order as sorting every score; a phrase's 1.5 * n is exact in a float.
    weighted = Counter(chain(head_singles, head_singles, singles))
    candidates = [(-n, w) for w, n in weighted.items() if n >= 3]
    weighted = Counter(chain(head_pairs, head_pairs, pairs))
    candidates += [(-1.5 * n, p) for p, n in weighted.items() if seen[p] >= 2]
    out: list[str] = []
    for _, phrase in sorted(candidates):
        if any(phrase in kept or kept in phrase for kept in out):
            continue
        out.append(phrase)
        if len(out) == limit:
            break
    return out
