"""The shipped span typer: an averaged perceptron over sparse span features.

Weights live in `data/ner_model.json.gz` (made by `tools/train_ner.py` from openly licensed
data, see `data/NOTICE-entities.md`); scoring a candidate span is a few dict look-ups and
one sum of integers.
"""

from __future__ import annotations

import base64
import functools
import gzip
import json
import struct
import sys
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import repeat
from operator import sub
from pathlib import Path

from newsgen.analysis.model_cache import cached

MODEL_PATH = Path(__file__).parent / "data" / "ner_model.json.gz"
CLASSES = ("O", "PER", "LOC", "ORG", "MISC")


# Weights are kept to three decimals, as int16 thousandths (`data["weights"]`: base64,
# little-endian, one row of `CLASSES` per feature of `data["features"]`). A feature's row is
# packed into one Python integer, a 64-bit field a class, each weight offset by 2**15 to be
# non-negative: a span's scores are then one C-level `sum` of integers, exact whatever the
# order or the Python version, and a field cannot overflow below 2**48 features a span.
SCALE = 1000
_OFFSET = 1 << 15
_FIELDS = struct.Struct(f"<{len(CLASSES)}Q")


def encode_weights(rows: list[list[float]]) -> str:
    """Rows of weights as the model file stores them (what `tools/train_ner.py` writes)."""
    milli = array("h", (round(w * SCALE) for row in rows for w in row))  # OverflowError
    if sys.byteorder == "big":
        milli.byteswap()
    return base64.b64encode(milli.tobytes()).decode("ascii")


def packed_rows(encoded: str, width: int) -> list[int]:
    """Each feature's weights as one integer (see `_FIELDS`), made with C-level byte
    operations: an int16's offset by 2**15 is its bit pattern with the sign bit flipped
    (the high byte XOR 0x80), and it is widened to 64 bits by slice assignment."""
    raw = bytearray(base64.b64decode(encoded))
    raw[1::2] = raw[1::2].translate(_FLIP_HIGH_BIT)
    wide = bytearray(len(raw) * 4)
    wide[0::8] = raw[0::2]
    wide[1::8] = raw[1::2]
    step = 8 * width
    return [int.from_bytes(wide[i : i + step], "little") for i in range(0, len(wide), step)]


_FLIP_HIGH_BIT = bytes(b ^ 0x80 for b in range(256))


@dataclass(frozen=True, slots=True)
class Model:
    """Feature -> packed per-class weights, plus the common-word list used by the chunker."""

    classes: tuple[str, ...]
    weights: dict[str, int]
    common: frozenset[str]
    # Words news copy writes in lower case, beyond `common` (learnt from Wikinews).
    news_words: frozenset[str] = frozenset()

    def part(self, features: Iterable[str]) -> tuple[int, int]:
        """The packed sum of the known features' weights and how many there are: a part
        of a span's features, which `predict` adds to the rest (exactly, in any order)."""
        known = list(filter(None, map(self.weights.get, features)))
        return sum(known), len(known)

    def _sums(self, features: Iterable[str], parts: tuple[tuple[int, int], ...]) -> list[int]:
        """Per-class sums of weights in thousandths: the packed total unpacked by `struct`
        (one C call for all five fields), less each field's offsets."""
        total, count = self.part(features)
        for packed, n in parts:
            total += packed
            count += n
        offset = _OFFSET * count
        return list(
            map(sub, _FIELDS.unpack(total.to_bytes(_FIELDS.size, "little")), repeat(offset))
        )

    def scores(self, features: Iterable[str], *parts: tuple[int, int]) -> list[float]:
        """Per-class sum of the weights of the known features and of `parts` (see
        `part`), one per class of `CLASSES` (`load_model` checks the model has those)."""
        return [s / SCALE for s in self._sums(features, parts)]

    def predict(self, features: Iterable[str], *parts: tuple[int, int]) -> tuple[str, float]:
        """Best class (the first of equals) and its margin over the runner-up."""
        s = self._sums(features, parts)
        best = max(s)
        k = s.index(best)
        s[k] = min(s) - 1  # below every sum: the runner-up is the best of the others
        return self.classes[k], best / SCALE - max(s) / SCALE


@functools.cache
def load_model(path: Path = MODEL_PATH) -> Model:
    """The tagger in `path` (see `model_cache`: built once, then unpickled)."""
    return cached("ner", [path, Path(__file__)], lambda: _read(path))


def _read(path: Path) -> Model:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    classes = tuple(data["classes"])
    if classes != CLASSES:
        raise ValueError(f"{path}: the tagger's classes are {classes}, expected {CLASSES}")
    features = data["features"]
    rows = packed_rows(data["weights"], len(classes))
    if len(rows) != len(features):
        raise ValueError(f"{path}: {len(rows)} weight rows for {len(features)} features")
    news = frozenset(data.get("news_words", ()))
    weights = dict(zip(features, rows, strict=True))
    return Model(classes, weights, frozenset(data["common"]), news)
