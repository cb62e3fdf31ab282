"""The shipped span typer: an averaged perceptron over sparse span features.

Weights live in `data/ner_model.json.gz` (made by `tools/train_ner.py` from openly licensed
data, see `data/NOTICE-entities.md`); scoring is a few dict look-ups per candidate span.
"""

from __future__ import annotations

import functools
import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path

MODEL_PATH = Path(__file__).parent / "data" / "ner_model.json.gz"
CLASSES = ("O", "PER", "LOC", "ORG", "MISC")


@dataclass(frozen=True, slots=True)
class Model:
    """Feature -> per-class weights, plus the common-word list used by the chunker."""

    classes: tuple[str, ...]
    weights: dict[str, list[float]]
    common: frozenset[str]
    # Whether the fast five-class path of `scores` applies (it does for the shipped model).
    _five: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        five = len(self.classes) == 5 and all(len(w) == 5 for w in self.weights.values())
        object.__setattr__(self, "_five", five)

    def scores(self, features: list[str]) -> list[float]:
        """Per-class sum of the weights of the known features, in feature order."""
        if not self._five:
            return self._scores_any(features)
        # The general loop below unrolled for five classes: the same float additions in
        # the same order (so bit-identical scores), without the per-class inner loop.
        # Weight rows are never empty, so filter(None, ...) drops just the unknown features.
        a = b = c = d = e = 0.0
        for wa, wb, wc, wd, we in filter(None, map(self.weights.get, features)):
            a += wa
            b += wb
            c += wc
            d += wd
            e += we
        return [a, b, c, d, e]

    def _scores_any(self, features: list[str]) -> list[float]:
        total = [0.0] * len(self.classes)
        for feat in features:
            w = self.weights.get(feat)
            if w is not None:
                for k, v in enumerate(w):
                    total[k] += v
        return total

    def predict(self, features: list[str]) -> tuple[str, float]:
        """Best class and its margin over the runner-up."""
        s = self.scores(features)
        order = sorted(range(len(s)), key=lambda k: (-s[k], k))
        return self.classes[order[0]], s[order[0]] - s[order[1]]


@functools.cache
def load_model(path: Path = MODEL_PATH) -> Model:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    return Model(tuple(data["classes"]), data["weights"], frozenset(data["common"]))
