"""Primary section and subject topics for a story, from a small bundled linear model.

The model (``data/topics-model.json.gz``) is TF-IDF + multinomial logistic regression over
word unigrams and bigrams, trained by ``tools/train_topics.py`` on openly licensed text, and
scored here in pure Python so the runtime needs neither numpy nor scikit-learn. Subject
topics come from cue phrases of a curated IPTC subset (``data/topics-subjects.json``); the
same cues give the model a small per-section prior (see `cue_prior`).
"""

from __future__ import annotations

import base64
import gzip
import itertools
import json
import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from operator import itemgetter, mul

from newsgen.analysis.taxonomy import make_topic, section_by_qcode
from newsgen.article import Topic

MODEL_FILE = "topics-model.json.gz"
SUBJECTS_FILE = "topics-subjects.json"

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*", re.UNICODE)

# Function words carry no topic; dropping them keeps the vocabulary (and the model file) small.
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
        "also",
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


def tokens(text: str) -> list[str]:
    """Lower-cased content words; numbers fold to one token so years do not split the vocab."""
    out: list[str] = []
    for match in _WORD.finditer(text.lower()):
        word = match.group().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        if word[0].isdigit():
            word = "<num>"
        elif word in STOP_WORDS or len(word) < 2:
            continue
        out.append(word)
    return out


def _grams(words: Sequence[str]) -> Iterable[str]:
    yield from words
    for left, right in itertools.pairwise(words):
        yield f"{left} {right}"


def features(
    title: str, paragraphs: Sequence[str], *, title_weight: int = 2, max_paragraphs: int = 0
) -> Counter[str]:
    """Term counts of a story: the headline counts ``title_weight`` times; 0 = all paragraphs."""
    counts: Counter[str] = Counter()
    head = list(_grams(tokens(title)))
    for _ in range(title_weight):
        counts.update(head)
    body = paragraphs[:max_paragraphs] if max_paragraphs else paragraphs
    for paragraph in body:
        counts.update(_grams(tokens(paragraph)))
    return counts


@dataclass(frozen=True, slots=True)
class Model:
    """A linear model in the exact shape the scorer needs; built once per process."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    index: dict[str, int]
    idf: array
    idf_scale: float
    # One int8 weight column per class (class-major): one C-level pass per class when scoring.
    columns: tuple[array, ...]
    scale: float
    title_weight: int
    max_paragraphs: int


@cache
def load_model() -> Model:
    """Read the bundled model; weights are int8 with one scale, to keep the file small."""
    raw = resources.files("newsgen.analysis").joinpath("data", MODEL_FILE).read_bytes()
    data = json.loads(gzip.decompress(raw))
    classes = tuple(data["classes"])
    width = len(classes)
    quantised = array("b", base64.b64decode(data["weights"]))
    return Model(
        classes=classes,
        bias=tuple(float(b) for b in data["bias"]),
        index={name: i for i, name in enumerate(data["features"])},
        idf=array("H", data["idf"]),
        idf_scale=float(data["idf_scale"]),
        columns=tuple(quantised[k::width] for k in range(width)),
        scale=float(data["scale"]),
        title_weight=int(data["title_weight"]),
        max_paragraphs=int(data["max_paragraphs"]),
    )


def section_scores(
    title: str, paragraphs: Sequence[str], prior: dict[str, float] | None = None
) -> dict[str, float]:
    """Probability of each top-level qcode, highest first (ties by qcode, for stable output).

    ``prior`` is added to the model's logits (see `cue_prior`).
    """
    model = load_model()
    counts = features(
        title, paragraphs, title_weight=model.title_weight, max_paragraphs=model.max_paragraphs
    )
    rows: list[int] = []
    values: list[float] = []
    for name, count in counts.items():
        i = model.index.get(name)
        if i is not None:
            rows.append(i)
            values.append((1.0 + math.log(count)) * model.idf[i])
    norm = math.sqrt(sum(v * v for v in values)) or 1.0
    factor = model.scale / norm
    scores = list(model.bias)
    if rows:
        pick = itemgetter(*rows) if len(rows) > 1 else (lambda column: (column[rows[0]],))
        scores = [
            b + factor * sum(map(mul, values, pick(column)))
            for b, column in zip(model.bias, model.columns, strict=True)
        ]
    if prior:
        scores = [s + prior.get(c, 0.0) for s, c in zip(scores, model.classes, strict=True)]
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    total = sum(exp)
    ranked = sorted(zip(model.classes, exp, strict=True), key=lambda kv: (-kv[1], kv[0]))
    return {qcode: value / total for qcode, value in ranked}


def classify(title: str, paragraphs: list[str]) -> tuple[Topic, list[Topic]]:
    """The story's primary section and the finer subject topics its words support."""
    counts = phrase_counts([title, title, *paragraphs])
    prior = cue_prior(counts, cue_weight())
    scores = section_scores(title, paragraphs, prior)
    qcode, probability = next(iter(scores.items()))
    section = section_by_qcode(qcode, confidence=round(probability, 4))
    return section, subject_topics(counts, scores)


# --- subject topics -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Subject:
    """A curated IPTC subject topic and the phrases (as word tuples) that signal it."""

    qcode: str
    name: str
    top: str
    parent: str
    phrases: tuple[tuple[str, ...], ...]
    min_hits: int
    # The section these cues argue for: usually `top`, but IPTC files video games under leisure.
    cue_section: str


_PLAIN_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
MAX_PHRASE = 3


def _words(text: str) -> list[str]:
    return [w.replace("’", "'") for w in _PLAIN_WORD.findall(text.lower())]


@cache
def _subjects_data() -> dict:
    raw = resources.files("newsgen.analysis").joinpath("data", SUBJECTS_FILE).read_text("utf-8")
    return json.loads(raw)


def cue_weight() -> float:
    """Weight of the cue prior against the model's logits (set by the training script)."""
    return float(_subjects_data().get("cue_weight", 0.0))


@cache
def load_subjects() -> tuple[Subject, ...]:
    return tuple(
        Subject(
            qcode=item["qcode"],
            name=item["name"],
            top=item["top"],
            parent=item["parent_name"],
            phrases=tuple(tuple(_words(k))[:MAX_PHRASE] for k in item["keywords"]),
            min_hits=int(item.get("min_hits", 2)),
            cue_section=item.get("cue_section") or item["top"],
        )
        for item in _subjects_data()["subjects"]
    )


def phrase_counts(texts: Iterable[str]) -> Counter[tuple[str, ...]]:
    """Counts of every 1- to 3-word sequence within each text (phrases never span texts)."""
    counts: Counter[tuple[str, ...]] = Counter()
    for text in texts:
        words = _words(text)
        for n in range(1, MAX_PHRASE + 1):
            counts.update(zip(*(words[k:] for k in range(n)), strict=False))
    return counts


def cue_prior(counts: Counter[tuple[str, ...]], weight: float) -> dict[str, float]:
    """Logit bonus per section from the density of its subjects' cue phrases.

    The model learns from one-line event summaries whose sections skew to war, crime and
    disasters; the curated cues carry what whole news articles say about business,
    technology and culture, and about the codes the events never cover.
    """
    if weight == 0:
        return {}
    words = sum(n for gram, n in counts.items() if len(gram) == 1)
    per = 100.0 / max(words, 50)
    hits: Counter[str] = Counter()
    for subject in load_subjects():
        found = sum(counts.get(phrase, 0) for phrase in subject.phrases)
        if found:
            hits[subject.cue_section] += found
    return {qcode: weight * math.log1p(n * per) for qcode, n in sorted(hits.items())}


# A subject is kept when its section is at least this likely, or it is very well attested.
MIN_SECTION_SUPPORT = 0.05
STRONG_HITS = 6
MAX_TOPICS = 6


def subject_topics(counts: Counter[tuple[str, ...]], scores: dict[str, float]) -> list[Topic]:
    """Subjects whose cue phrases recur in the story and whose section the model finds likely."""
    found: list[tuple[float, str, Subject]] = []
    for subject in load_subjects():
        hits = sum(counts.get(phrase, 0) for phrase in subject.phrases)
        if hits < subject.min_hits:
            continue
        support = scores.get(subject.top, 0.0)
        if support < MIN_SECTION_SUPPORT and hits < STRONG_HITS:
            continue
        confidence = (1.0 - math.exp(-hits / 3.0)) * (0.5 + 0.5 * min(1.0, support * 2))
        found.append((confidence, subject.qcode, subject))
    found.sort(key=lambda item: (-item[0], item[1]))
    return [
        make_topic(s.name, qcode=s.qcode, confidence=round(c, 4), parent=s.parent)
        for c, _, s in found[:MAX_TOPICS]
    ]
