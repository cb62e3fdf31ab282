"""The shipped span typer: an averaged perceptron over sparse span features.

Weights live in `data/ner_model.json.gz` (made by `tools/train_ner.py` from openly licensed
data, see `data/NOTICE-entities.md`); scoring is a few dict look-ups per candidate span.
"""

from __future__ import annotations

import functools
import gzip
import json
from dataclasses import dataclass
from pathlib import Path

MODEL_PATH = Path(__file__).parent / "data" / "ner_model.json.gz"
CLASSES = ("O", "PER", "LOC", "ORG", "MISC")


@dataclass(frozen=True, slots=True)
class Model:
    """Feature -> per-class weights, plus the common-word list used by the chunker."""

    classes: tuple[str, ...]
    weights: dict[str, list[float]]
    common: frozenset[str]
    # Words news copy writes in lower case, beyond `common` (learnt from Wikinews).
    news_words: frozenset[str] = frozenset()

    def scores(self, features: list[str]) -> list[float]:
        """Per-class sum of the weights of the known features, in feature order: one
        accumulator per class of `CLASSES` (`load_model` checks the model has those), so
        the floats are added in the same order as training did."""
        a = b = c = d = e = 0.0
        # Weight rows are never empty, so filter(None, ...) drops just the unknown features.
        for wa, wb, wc, wd, we in filter(None, map(self.weights.get, features)):
            a += wa
            b += wb
            c += wc
            d += wd
            e += we
        return [a, b, c, d, e]

    def predict(self, features: list[str]) -> tuple[str, float]:
        """Best class and its margin over the runner-up."""
        s = self.scores(features)
        order = sorted(range(len(s)), key=lambda k: (-s[k], k))
        return self.classes[order[0]], s[order[0]] - s[order[1]]


@functools.cache
def load_model(path: Path = MODEL_PATH) -> Model:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    classes = tuple(data["classes"])
    if classes != CLASSES:
        raise ValueError(f"{path}: the tagger's classes are {classes}, expected {CLASSES}")
    news = frozenset(data.get("news_words", ()))
    return Model(classes, data["weights"], frozenset(data["common"]), news)
