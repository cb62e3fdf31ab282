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

    def scores(self, features: list[str]) -> list[float]:
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
