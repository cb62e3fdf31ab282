"""Primary section and subject topics for a story, from a small bundled linear model.

The model (``data/topics-model.json.gz``) is a TF-IDF + multinomial logistic regression over
word unigrams and bigrams, trained by ``tools/train_topics.py`` on openly licensed text. It is
scored here in pure Python so the runtime needs no numpy or scikit-learn. Subject topics come
from keyword cues of a curated IPTC subset (``data/topics-subjects.json``), kept only when the
story's section scores support them.
"""

from __future__ import annotations

import base64
import gzip
import json
import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from newsgen.analysis.taxonomy import SECTION_CODES, make_topic, section_by_qcode
from newsgen.article import Topic

MODEL_FILE = "topics-model.json.gz"
SUBJECTS_FILE = "topics-subjects.json"

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*", re.UNICODE)

# Function words carry no topic; dropping them keeps the vocabulary (and the model file) small.
STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves s t said says say saying mr mrs ms one two three new also told
    according year years last first week weeks day days time""".split()
)


def tokens(text: str) -> list[str]:
    """Lower-cased content words; numbers fold to one shape so years do not split the vocab."""
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
    for left, right in zip(words, words[1:], strict=False):
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
    weights: array
    title_weight: int
    max_paragraphs: int


@cache
def load_model() -> Model:
    """Read the bundled model; weights are int8 with one scale, to keep the file small."""
    raw = resources.files("newsgen.analysis").joinpath("data", MODEL_FILE).read_bytes()
    data = json.loads(gzip.decompress(raw))
    scale = float(data["scale"])
    quantised = array("b", base64.b64decode(data["weights"]))
    weights = array("f", (value * scale for value in quantised))
    idf_scale = float(data["idf_scale"])
    idf = array("f", (value * idf_scale for value in data["idf"]))
    return Model(
        classes=tuple(data["classes"]),
        bias=tuple(float(b) for b in data["bias"]),
        index={name: i for i, name in enumerate(data["features"])},
        idf=idf,
        weights=weights,
        title_weight=int(data["title_weight"]),
        max_paragraphs=int(data["max_paragraphs"]),
    )


def section_scores(title: str, paragraphs: Sequence[str]) -> dict[str, float]:
    """Probability of each top-level qcode, highest first (ties by qcode, for stable output)."""
    model = load_model()
    counts = features(
        title, paragraphs, title_weight=model.title_weight, max_paragraphs=model.max_paragraphs
    )
    width = len(model.classes)
    found: list[tuple[int, float]] = []
    for name, count in counts.items():
        i = model.index.get(name)
        if i is not None:
            found.append((i, (1.0 + math.log(count)) * model.idf[i]))
    norm = math.sqrt(sum(value * value for _, value in found)) or 1.0
    scores = list(model.bias)
    weights = model.weights
    for i, value in found:
        share = value / norm
        row = weights[i * width : (i + 1) * width]
        scores = [s + share * w for s, w in zip(scores, row, strict=True)]
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    total = sum(exp)
    ranked = sorted(zip(model.classes, exp, strict=True), key=lambda kv: (-kv[1], kv[0]))
    return {qcode: value / total for qcode, value in ranked}


def classify(title: str, paragraphs: list[str]) -> tuple[Topic, list[Topic]]:
    """The story's primary section and the finer subject topics its words support."""
    scores = section_scores(title, paragraphs)
    qcode, probability = next(iter(scores.items()))
    section = section_by_qcode(qcode)
    section.confidence = round(probability, 4)
    return section, subject_topics(title, paragraphs, scores)


# --- subject topics -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Subject:
    """A curated IPTC subject topic and the phrases that signal it."""

    qcode: str
    name: str
    top: str
    parent: str
    patterns: tuple[re.Pattern[str], ...]
    min_hits: int


@cache
def load_subjects() -> tuple[Subject, ...]:
    raw = resources.files("newsgen.analysis").joinpath("data", SUBJECTS_FILE).read_text("utf-8")
    subjects = []
    for item in json.loads(raw)["subjects"]:
        patterns = tuple(
            re.compile(r"(?<!\w)" + re.escape(k).replace(r"\ ", r"\s+") + r"(?!\w)", re.I)
            for k in item["keywords"]
        )
        subjects.append(
            Subject(
                qcode=item["qcode"],
                name=item["name"],
                top=item["top"],
                parent=item["parent_name"],
                patterns=patterns,
                min_hits=int(item.get("min_hits", 2)),
            )
        )
    return tuple(subjects)


# A subject is kept when its section is at least this likely, or it is very well attested.
MIN_SECTION_SUPPORT = 0.05
STRONG_HITS = 6
MAX_TOPICS = 6


def subject_topics(
    title: str, paragraphs: Sequence[str], scores: dict[str, float]
) -> list[Topic]:
    """Subjects whose cue phrases recur in the story and whose section the model finds likely."""
    text = "\n".join([title, title, *paragraphs])
    found: list[tuple[float, str, Subject]] = []
    for subject in load_subjects():
        hits = sum(len(pattern.findall(text)) for pattern in subject.patterns)
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


__all__ = [
    "SECTION_CODES",
    "classify",
    "features",
    "load_model",
    "section_scores",
    "subject_topics",
    "tokens",
]
