"""Primary section and subject topics for a story, from a small bundled linear model.

The model (``data/topics-model.json.gz``) is TF-IDF + multinomial logistic regression over
word unigrams and bigrams, trained by ``tools/train_topics.py`` on openly licensed text, and
scored here in pure Python so the runtime needs neither numpy nor scikit-learn. Subject
topics come from cue phrases of a curated IPTC subset (``data/topics-subjects.json``); the
same cues give the model a per-section prior (see `cue_prior`).
"""

from __future__ import annotations

import base64
import gzip
import json
import math
from array import array
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import count, repeat
from operator import add, mul
from pathlib import Path

from newsgen.analysis.model_cache import cached
from newsgen.analysis.taxonomy import SECTION_CODES, make_topic, section_by_qcode
from newsgen.analysis.topic_text import (
    PhraseCounter,
    StoryWords,
    phrase_counter,
    story_words,
    term_counts,
    words,
)
from newsgen.article import Topic

MODEL_FILE = "topics-model.json.gz"
# Logits are divided by this before the softmax that gives `classify`'s confidence: the
# zero-intercept model plus the cue prior is over-confident on whole articles (a fixed
# choice, not fitted; it never changes which section wins).
CONFIDENCE_TEMPERATURE = 2.0
SUBJECTS_FILE = "topics-subjects.json"


# A story's dot products with every class are computed as one sum of Python integers: each
# feature's int8 weights, offset to be non-negative, are packed into one integer, a field of
# `_FIELD` bits a class, and each tf-idf value is scaled to an integer by 2**`_VALUE_BITS`.
# Values are at least 1 (idf is), so that scaling is exact; the sums are exact integers,
# rounded to a float once, whatever the order or the Python version (float `sum` itself
# changed in 3.12). A field never overflows: a value below 2**63 times a weight below 2**8,
# summed over fewer than 2**57 terms.
_FIELD = 128
_VALUE_BITS = 52
_OFFSET = 128  # int8 weights -128..127 become 0..255


class PackedRows(dict[int, int]):
    """Feature index -> its weights for every class packed into one integer, filled in on
    first use so loading the model stays fast (at most one small int per feature used).

    `offset` holds the weights row by row, each plus `_OFFSET` as an unsigned byte: a row
    is packed by spreading its bytes one field apart and reading the result as one
    little-endian integer, all C-level steps."""

    __slots__ = ("offset", "width")

    def __init__(self, offset: bytes, width: int) -> None:
        super().__init__()
        self.offset = offset
        self.width = width

    def __missing__(self, row: int) -> int:
        width = self.width
        wide = bytearray(width * _FIELD_BYTES)
        wide[::_FIELD_BYTES] = self.offset[row * width : (row + 1) * width]
        packed = self[row] = int.from_bytes(wide, "little")
        return packed


_FIELD_BYTES = _FIELD // 8
# An int8's bit pattern with its sign bit flipped is the int8 plus 128 as an unsigned byte.
_FLIP_HIGH_BIT = bytes(b ^ 0x80 for b in range(256))


@dataclass(frozen=True, slots=True)
class Model:
    """A linear model in the exact shape the scorer needs; built once per process."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    index: dict[str, int]
    # idf of each feature, already multiplied by nothing else (float64 array).
    idf: array
    # The int8 weights plus `_OFFSET`, as unsigned bytes, row-major (a feature's weight for
    # each class in turn): what `PackedRows` packs.
    weights: bytes
    scale: float
    title_weight: int
    # The same weights by feature, as the scorer reads them (see `PackedRows`).
    rows: PackedRows = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", PackedRows(self.weights, len(self.classes)))


@cache
def load_model() -> Model:
    """The bundled model (see `model_cache`: built once, then unpickled)."""
    raw = resources.files("newsgen.analysis").joinpath("data", MODEL_FILE).read_bytes()
    here = Path(__file__).parent
    return cached("topics", [raw, here / "topics.py", here / "topic_text.py"], lambda: _read(raw))


def _read(raw: bytes) -> Model:
    """The model from its file; weights are int8 with one scale, to keep the file small."""
    data = json.loads(gzip.decompress(raw))
    classes = tuple(data["classes"])
    weights = base64.b64decode(data["weights"]).translate(_FLIP_HIGH_BIT)
    if len(weights) != len(classes) * len(data["features"]):
        raise ValueError(
            f"the section model has {len(weights)} weights for {len(data['features'])}"
            f" features of {len(classes)} classes: rebuild it with tools/train_topics.py"
        )
    idf_scale = float(data["idf_scale"])
    return Model(
        classes=classes,
        bias=tuple(float(b) for b in data["bias"]),
        index=dict(zip(data["features"], count())),
        idf=array("d", map(mul, data["idf"], repeat(idf_scale))),
        weights=weights,
        scale=float(data["scale"]),
        title_weight=int(data["title_weight"]),
    )


def _logits(model: Model, story: StoryWords) -> list[float]:
    """Bias plus the scaled dot product of the story's tf-idf vector with each class: one
    multiplication of Python integers a term for all classes at once (see `PackedRows`)."""
    counts = term_counts(story, title_weight=model.title_weight)
    index = model.index
    names = list(filter(index.__contains__, counts))
    if not names:
        return list(model.bias)
    rows = list(map(index.__getitem__, names))
    # (1.0 + log(tf)) * idf for each known term
    values = list(
        map(
            mul,
            map(add, repeat(1.0), map(math.log, map(counts.__getitem__, names))),
            map(model.idf.__getitem__, rows),
        )
    )
    factor = model.scale / (math.sqrt(sum(map(mul, values, values))) or 1.0)
    scaled = list(map(int, map(mul, values, repeat(float(1 << _VALUE_BITS)))))
    total = sum(map(mul, scaled, map(model.rows.__getitem__, rows)))
    offset = _OFFSET * sum(scaled)
    mask = (1 << _FIELD) - 1
    unit = factor / (1 << _VALUE_BITS)
    return [
        b + unit * (((total >> (_FIELD * k)) & mask) - offset) for k, b in enumerate(model.bias)
    ]


def _softmax(classes: Sequence[str], scores: Sequence[float]) -> dict[str, float]:
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    total = sum(exp)
    ranked = sorted(zip(classes, exp, strict=True), key=lambda kv: (-kv[1], kv[0]))
    return {qcode: value / total for qcode, value in ranked}


def section_scores(
    title: str, paragraphs: Sequence[str], prior: dict[str, float] | None = None
) -> dict[str, float]:
    """Probability of each top-level qcode, highest first (ties by qcode, for stable output).

    ``prior`` is added to the model's logits (see `cue_prior`).
    """
    model = load_model()
    scores = _logits(model, story_words(title, paragraphs))
    if prior:
        scores = [s + prior.get(c, 0.0) for s, c in zip(scores, model.classes, strict=True)]
    return _softmax(model.classes, scores)


# --- sections a story is filed under -----------------------------------------------------

# A further section is filed when its probability is at least this share of the primary's
# (at temperature 2.0 that is a raw logit margin of 2 * ln(1 / 0.3) = 2.4); a story whose
# primary is a beat (crime, health, labour, ...) also goes under its likeliest desk, since
# no desk page lists a beat alone; and no story goes under more than `MAX_SECTIONS`.
# Chosen on wikinews-sections (openly licensed, never trained on): see
# tools/calibrate_sections.py and docs/DECISIONS.md.
SECONDARY_RATIO = 0.3
MAX_SECTIONS = 3


def filed_sections(
    ranked: Mapping[str, float],
    desks: Collection[str],
    *,
    ratio: float = SECONDARY_RATIO,
    limit: int = MAX_SECTIONS,
    beat_desk: bool = True,
) -> list[str]:
    """The qcodes a story is filed under, primary first, from its section probabilities
    (highest first, as `section_scores` gives them) and the site's desk sections. The
    keywords exist for calibration (tools/calibrate_sections.py)."""
    items = list(ranked.items())
    if not items:
        return []
    primary, top = items[0]
    out = [primary]
    # A beat's story is owed one desk; once it has one the ratio alone decides.
    owed_desk = beat_desk and primary not in desks
    for qcode, probability in items[1:]:
        if len(out) >= limit:
            break
        if probability >= ratio * top or (owed_desk and qcode in desks):
            out.append(qcode)
            owed_desk = owed_desk and qcode not in desks
    return out


@cache
def desk_sections() -> frozenset[str]:
    """The sections a newsroom has a desk (and a front page) for: arts, business, politics,
    science and technology, sport; the others are beats."""
    return frozenset(_subjects_data().get("desk_sections", SECTION_CODES))


def section_ranking(title: str, paragraphs: Sequence[str]) -> tuple[dict[str, float], Hits]:
    """Each section's probability as `classify` sees it (model, cue prior, temperature),
    highest first, and the subject cues found on the way."""
    model = load_model()
    story = story_words(title, paragraphs)
    hits = subject_hits(phrase_counter(story, title_weight=model.title_weight))
    prior = cue_prior(hits, cue_weights())
    scores = _logits(model, story)
    scores = [
        (s + prior.get(c, 0.0)) / CONFIDENCE_TEMPERATURE
        for s, c in zip(scores, model.classes, strict=True)
    ]
    return _softmax(model.classes, scores), hits


def classify(title: str, paragraphs: list[str]) -> tuple[Topic, list[Topic]]:
    """The story's primary section and the finer subject topics its words support."""
    sections, topics = classify_sections(title, paragraphs)
    return sections[0], topics


def home_first(filed: list[str], ranked: Mapping[str, float], desks: Collection[str]) -> list[str]:
    """`filed` with the story's home desk first. A story's home is a desk: a beat's story
    (crime, health) whose likeliest desk is likely in its own right (as `filed_sections`
    files a further section, not only because a beat is owed a desk) has that desk as
    its primary section, the one its kicker names; an earthquake owed a desk stays a
    disaster story."""
    home = next((q for q in filed if q in desks), None)
    if home is None or filed[0] == home or ranked[home] < SECONDARY_RATIO * ranked[filed[0]]:
        return filed
    return [home, *(q for q in filed if q != home)]


def classify_sections(title: str, paragraphs: list[str]) -> tuple[list[Topic], list[Topic]]:
    """Every section the story is filed under (primary first, see `filed_sections`) and the
    finer subject topics its words support."""
    ranked, hits = section_ranking(title, paragraphs)
    desks = desk_sections()
    filed = filed_sections(ranked, desks)
    filed = home_first(filed, ranked, desks)
    sections = [section_by_qcode(q, confidence=round(ranked[q], 4)) for q in filed]
    return sections, subject_topics(hits, ranked)


# --- subject topics -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Subject:
    """A curated IPTC subject topic and the phrases (space-joined words) that signal it."""

    qcode: str
    name: str
    top: str
    parent: str
    phrases: tuple[str, ...]
    min_hits: int
    # The section these cues argue for: usually `top`, but IPTC files video games under leisure.
    cue_section: str


@cache
def _subjects_data() -> dict:
    raw = resources.files("newsgen.analysis").joinpath("data", SUBJECTS_FILE).read_text("utf-8")
    return json.loads(raw)


def cue_weights() -> dict[str, float]:
    """Weight of each section's cue prior against the model's logits (set by the training
    script): full for the desks whose cues carry the most, lighter for the others."""
    data = _subjects_data()
    full = float(data.get("cue_weight", 0.0))
    lighter = float(data.get("beat_cue_weight", full))
    desks = set(data.get("desk_sections", SECTION_CODES))
    return {q: full if q in desks else lighter for q in SECTION_CODES}


@cache
def load_subjects() -> tuple[Subject, ...]:
    return tuple(
        Subject(
            qcode=item["qcode"],
            name=item["name"],
            top=item["top"],
            parent=item["parent_name"],
            phrases=tuple(dict.fromkeys(" ".join(words(k)) for k in item["keywords"])),
            min_hits=int(item.get("min_hits", 2)),
            cue_section=item.get("cue_section") or item["top"],
        )
        for item in _subjects_data()["subjects"]
    )


@dataclass(frozen=True, slots=True)
class Hits:
    """How often each subject's cue phrases occur in a story, and the story's length."""

    by_subject: tuple[tuple[Subject, int], ...]
    words: int


@dataclass(frozen=True, slots=True)
class CueIndex:
    """The subjects' cue phrases keyed by word, so a story only visits cues it can contain.

    A story holds a few hundred distinct words against ~650 cues: intersecting its unigrams
    with these keys skips every cue whose (first) word is absent, which can never count.
    """

    # `load_subjects()` as it was when the index was built; positions below refer to it
    subjects: tuple[Subject, ...]
    # word -> positions (in `subjects`) of the subjects with that one-word cue
    single: dict[str, tuple[int, ...]]
    # first word -> (subject position, phrase padded with spaces) for multi-word cues
    multi: dict[str, tuple[tuple[int, str], ...]]


@cache
def cue_index() -> CueIndex:
    subjects = load_subjects()
    single: dict[str, list[int]] = {}
    multi: dict[str, list[tuple[int, str]]] = {}
    for k, subject in enumerate(subjects):
        for phrase in subject.phrases:
            if " " in phrase:
                multi.setdefault(phrase.split(" ", 1)[0], []).append((k, f" {phrase} "))
            elif phrase:
                single.setdefault(phrase, []).append(k)
    return CueIndex(
        subjects,
        {w: tuple(ks) for w, ks in single.items()},
        {w: tuple(cues) for w, cues in multi.items()},
    )


def subject_hits(counter: PhraseCounter) -> Hits:
    """Same counts as summing `PhraseCounter.count` over every cue of every subject.

    A multi-word cue can only match (space-bounded, in the joined text) where its first word
    is a story word, so only those cues pay for `str.count`; the totals are exact integers,
    so the order in which they are added does not matter.
    """
    cues = cue_index()
    subjects = cues.subjects
    unigrams = counter.unigrams
    totals = [0] * len(subjects)
    for word in cues.single.keys() & unigrams.keys():
        n = unigrams[word]
        for k in cues.single[word]:
            totals[k] += n
    joined = counter.joined
    for word in cues.multi.keys() & unigrams.keys():
        for k, padded in cues.multi[word]:
            totals[k] += joined.count(padded)
    found = tuple((subject, n) for subject, n in zip(subjects, totals, strict=True) if n)
    return Hits(found, counter.words)


def cue_prior(hits: Hits, weight: float | Mapping[str, float]) -> dict[str, float]:
    """Logit bonus per section from the density of its subjects' cue phrases.

    The model learns from one-line event summaries whose sections skew to war, crime and
    disasters; the curated cues carry what whole news articles say about business,
    technology and culture, and about the codes the events never cover. `weight` is one
    number for every section or one per section (`cue_weights`).
    """
    if not isinstance(weight, Mapping):
        if weight == 0:
            return {}
        weight = dict.fromkeys(SECTION_CODES, float(weight))
    per = 100.0 / max(hits.words, 50)
    by_section: dict[str, int] = {}
    for subject, n in hits.by_subject:
        by_section[subject.cue_section] = by_section.get(subject.cue_section, 0) + n
    return {q: weight.get(q, 0.0) * math.log1p(n * per) for q, n in sorted(by_section.items())}


# A subject is kept when its section is at least this likely, or it is very well attested.
MIN_SECTION_SUPPORT = 0.05
STRONG_HITS = 6
MAX_TOPICS = 6


def subject_topics(hits: Hits, scores: dict[str, float]) -> list[Topic]:
    """Subjects whose cue phrases recur in the story and whose section the model finds likely."""
    found: list[tuple[float, str, Subject]] = []
    for subject, n in hits.by_subject:
        if n < subject.min_hits:
            continue
        support = scores.get(subject.top, 0.0)
        if support < MIN_SECTION_SUPPORT and n < STRONG_HITS:
            continue
        confidence = (1.0 - math.exp(-n / 3.0)) * (0.5 + 0.5 * min(1.0, support * 2))
        found.append((confidence, subject.qcode, subject))
    found.sort(key=lambda item: (-item[0], item[1]))
    return [
        make_topic(s.name, qcode=s.qcode, confidence=round(c, 4), parent=s.parent)
        for c, _, s in found[:MAX_TOPICS]
    ]
