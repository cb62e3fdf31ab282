"""Words of a story for the topic classifier: one tokeniser pass feeds the model and the cues.

Training (``tools/train_topics.py``) and scoring both call `story_words` and `model_terms`,
so the features the model learnt are exactly the ones it is given.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, pairwise

# Letters and digits, keeping inner hyphens and apostrophes ("hi-tech", "o'neill").
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)
_POSSESSIVE = re.compile(r"'s\b")
# `_WORD` on lower-cased ASCII text, where `[^\W_]` is just `[a-z0-9]`: a plain character
# set that the regex engine scans faster than the Unicode word category.
_ASCII_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
# ASCII text split faster still: every byte that no `_ASCII_WORD` match holds becomes a
# space, and `split()` cuts the rest into runs. A match never spans a space, so the words
# are the runs' matches in order; a run without "-" or "'" is one word as it stands.
_ASCII_RUNS = bytes(
    c if chr(c) in "abcdefghijklmnopqrstuvwxyz0123456789-'" else 32 for c in range(256)
)

NUMBER = "<num>"

# Function words and reporting verbs carry no topic; dropping them keeps the model small.
STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "s",
        "t",
        "said",
        "says",
        "say",
        "saying",
        "mr",
        "mrs",
        "ms",
        "one",
        "two",
        "three",
        "new",
        "told",
        "according",
        "year",
        "years",
        "last",
        "first",
        "week",
        "weeks",
        "day",
        "days",
        "time",
    ]
)


def words(text: str) -> list[str]:
    """Lower-cased words, curly apostrophes folded and possessive 's dropped."""
    text = _POSSESSIVE.sub("", text.lower().replace("’", "'"))
    if not text.isascii():
        return _WORD.findall(text)
    runs = text.encode("ascii").translate(_ASCII_RUNS).decode("ascii").split()
    if "-" not in text and "'" not in text:
        return runs
    out: list[str] = []
    for run in runs:
        if "-" in run or "'" in run:
            out += _ASCII_WORD.findall(run)
        else:
            out.append(run)
    return out


def model_terms(tokens: Iterable[str]) -> list[str]:
    """Content words for the model: no function words, numbers folded to one token."""
    return [
        NUMBER if w[0].isdigit() else w
        for w in tokens
        if w not in STOP_WORDS and (len(w) > 1 or w.isdigit())
    ]


@dataclass(frozen=True, slots=True)
class StoryWords:
    """A story tokenised once: per-text word lists, headline first."""

    title: list[str]
    paragraphs: list[list[str]]


def story_words(title: str, paragraphs: Sequence[str]) -> StoryWords:
    return StoryWords(words(title), [words(p) for p in paragraphs])


def term_counts(story: StoryWords, *, title_weight: int = 2) -> Counter[str]:
    """Model unigrams and bigrams; bigrams never span texts; the headline counts extra."""
    head = model_terms(story.title)
    texts = [head] * title_weight + list(map(model_terms, story.paragraphs))
    # One Counter pass over each text's unigrams then its bigrams, in text order: the same
    # counts and the same key order as updating text by text.
    return Counter(chain.from_iterable(chain(t, map(" ".join, pairwise(t))) for t in texts))


def features(title: str, paragraphs: Sequence[str], *, title_weight: int = 2) -> Counter[str]:
    """Model term counts straight from text (what training uses)."""
    return term_counts(story_words(title, paragraphs), title_weight=title_weight)


@dataclass(frozen=True, slots=True)
class PhraseCounter:
    """Counts cue phrases in a story: single words by lookup, longer phrases by substring."""

    unigrams: Counter[str]
    joined: str
    words: int

    def count(self, phrase: str) -> int:
        if " " not in phrase:
            return self.unigrams.get(phrase, 0)
        return self.joined.count(f" {phrase} ")


def phrase_counter(story: StoryWords, *, title_weight: int = 2) -> PhraseCounter:
    """Phrases never span texts: each text is padded with a separator no phrase contains."""
    texts = [story.title] * title_weight + story.paragraphs
    joined = " | ".join(map(" ".join, texts))
    return PhraseCounter(Counter(chain.from_iterable(texts)), f" {joined} ", sum(map(len, texts)))
