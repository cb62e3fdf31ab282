"""Train the span typer shipped in newsgen/analysis/data/ner_model.json.gz.

    python tools/train_ner.py [--corpora ../shared/corpora] [--use ner-open ner-open-2]

Training data: GUM open genres, wikigold, Universal NER English (EWT, PUD): CC BY /
CC BY-SA, see NOTICE-entities.md.
Never train on conll-dev or bbc-dev: those are for measurement.
GUM conventions are moved towards CoNLL's: a bare nationality word ("Americans") becomes
MISC, and a country acting as an agent (GUM: organization) becomes a place.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from newsgen.analysis import gazetteer as gz
from newsgen.analysis.name_words import words
from newsgen.analysis.ner_model import CLASSES, MODEL_PATH, encode_weights
from newsgen.analysis.ner_spans import (
    candidate_spans,
    is_caps_line,
    sentence_starts,
    span_features,
    tokenize,
)

STOPWORDS = words(
    """
    a an the this that these those it its he she they we you i his her their our my your
    and or but if when while as at by for from in into on onto of off out over under to
    with without after before during since until about above below between through
    according also although because however meanwhile yet so then there here where what
    which who whom whose why how all any both each every few more most many much other
    some such no not nor only own same than too very can will just should would could may
    might must shall do does did is are was were be been being have has had last next new
    first second third one two three four five six seven eight nine ten monday tuesday
    wednesday thursday friday saturday sunday january february march april june july
    august september october november december today yesterday tomorrow
    """
)


# The open corpora trained on, by folder: GUM and wikigold (ner-open), Universal NER's
# English web treebank and PUD news and wiki sentences (ner-open-2).
FILES = {
    "ner-open": ("gum_open.jsonl.gz", "wikigold.jsonl.gz"),
    "ner-open-2": (
        "uner_ewt_train_prerelease.jsonl.gz",
        "uner_ewt_dev.jsonl.gz",
        "uner_ewt_test.jsonl.gz",
        "uner_pud_test.jsonl.gz",
    ),
    "social": ("btc.jsonl.gz", "wnut17.jsonl.gz"),
}


FOLDER = {"social": "ner-open-2"}


def read_sentences(corpora: Path, folders: list[str]) -> list[tuple[list[str], list[str]]]:
    out = []
    for folder in folders:
        for name in FILES[folder]:
            with gzip.open(
                corpora / FOLDER.get(folder, folder) / name, "rt", encoding="utf-8"
            ) as fh:
                for line in fh:
                    rec = json.loads(line)
                    out.append((rec["tokens"], rec["ner_bio"]))
    return out


def gold_spans(tokens: list[str], tags: list[str]) -> dict[tuple[int, int], str]:
    spans: dict[tuple[int, int], str] = {}
    i = 0
    while i < len(tags):
        if tags[i].startswith("B-") or tags[i].startswith("I-"):
            kind = tags[i][2:]
            j = i + 1
            while j < len(tags) and tags[j] == "I-" + kind:
                j += 1
            text = " ".join(tokens[i:j])
            if kind == "PER" and gz.is_demonym(text):
                kind = "MISC"
            elif kind == "ORG" and (p := gz.lookup_place(text)) and p.kind == "country":
                kind = "LOC"
            spans[(i, j)] = kind
            i = j
        else:
            i += 1
    return spans


def news_sentences(corpora: Path) -> list[list[str]]:
    """Unlabelled Wikinews text (wikinews-sections), tokenised: it only tells which words
    news copy writes in lower case, so a capital at a sentence start says nothing."""
    path = corpora / "wikinews-sections" / "articles.jsonl.gz"
    if not path.exists():
        return []
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            for para in json.loads(line)["text"].split("\n"):
                out.append(tokenize(para))
    return out


def common_words(
    sents: list[tuple[list[str], list[str]]], news: Sequence[list[str]] = ()
) -> frozenset[str]:
    """Words seen lower-case more than capitalised mid-sentence: cut at a sentence start.
    From the unlabelled news text only words almost never capitalised mid-sentence
    ("tariffs", "analysts"): a name that is also a word ("Brown", "Major") stays a name."""
    words = _lower_words([t for t, _ in sents], min_count=2, ratio=2)
    return frozenset(words | _lower_words(news, min_count=5, ratio=20) | STOPWORDS)


def _lower_words(token_lists: Sequence[list[str]], *, min_count: int, ratio: int) -> set[str]:
    low: Counter[str] = Counter()
    cap: Counter[str] = Counter()
    for tokens in token_lists:
        starts = sentence_starts(tokens)
        for i, t in enumerate(tokens):
            if t.islower():
                low[t] += 1
            elif t[:1].isupper() and i not in starts:
                cap[t.lower()] += 1
    return {w for w, c in low.items() if c >= min_count and c > ratio * cap[w] and w.isalpha()}


def label(span: tuple[int, int], gold: dict[tuple[int, int], str]) -> str:
    if span in gold:
        return gold[span]
    s, e = span
    for (gs, ge), kind in gold.items():
        inter = min(e, ge) - max(s, gs)
        if inter > 0 and inter >= 0.5 * max(e - s, ge - gs):
            return kind
    return "O"


def examples(
    sents: list[tuple[list[str], list[str]]], common: frozenset[str]
) -> tuple[list[tuple[list[str], str]], Counter[str]]:
    out = []
    stats: Counter[str] = Counter()
    for tokens, tags in sents:
        gold = gold_spans(tokens, tags)
        starts = sentence_starts(tokens)
        caps = is_caps_line(tokens)
        cands = candidate_spans(tokens, common)
        found = {(c.start, c.end) for c in cands}
        stats["gold"] += len(gold)
        stats["gold_found"] += sum(1 for g in gold if g in found)
        for c in cands:
            feats = span_features(tokens, c, sent_start=c.start in starts, caps_line=caps)
            out.append((feats, label((c.start, c.end), gold)))
    return out, stats


def train(data: list[tuple[list[str], str]], epochs: int, seed: int = 13) -> dict[str, list[float]]:
    """Averaged multiclass perceptron (lazy averaging)."""
    k = len(CLASSES)
    idx = {c: i for i, c in enumerate(CLASSES)}
    w: dict[str, list[float]] = defaultdict(lambda: [0.0] * k)
    acc: dict[str, list[float]] = defaultdict(lambda: [0.0] * k)
    stamp: dict[str, list[int]] = defaultdict(lambda: [0] * k)
    step = 0
    rng = random.Random(seed)
    order = list(range(len(data)))
    for epoch in range(epochs):
        rng.shuffle(order)
        errors = 0
        for n in order:
            feats, gold = data[n]
            step += 1
            scores = [0.0] * k
            for f in feats:
                if f in w:
                    for j, v in enumerate(w[f]):
                        scores[j] += v
            guess = max(range(k), key=lambda j: (scores[j], -j))
            g = idx[gold]
            if guess != g:
                errors += 1
                for f in feats:
                    for j, delta in ((g, 1.0), (guess, -1.0)):
                        acc[f][j] += (step - stamp[f][j]) * w[f][j]
                        stamp[f][j] = step
                        w[f][j] += delta
        print(f"epoch {epoch + 1}: {errors} errors / {len(data)}")
    out = {}
    for f, ws in w.items():
        avg = [(acc[f][j] + (step - stamp[f][j]) * ws[j]) / step for j in range(k)]
        if any(abs(v) >= 0.0005 for v in avg):
            out[f] = [round(v, 3) for v in avg]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpora", type=Path, default=Path("/work/shared/corpora"))
    ap.add_argument("--use", nargs="+", default=["ner-open", "ner-open-2"], choices=list(FILES))
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--seed", type=int, default=13, help="order of the training examples")
    # Off: on CoNLL dev the Wikinews word list cost 1 point of F1 (docs/DECISIONS.md).
    ap.add_argument("--news", action="store_true", help="common words from Wikinews too")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    args = ap.parse_args()
    sents = read_sentences(args.corpora, args.use)
    news = news_sentences(args.corpora)
    common = common_words(sents, news if args.news else [])
    data, stats = examples(sents, common)
    print(
        f"{len(sents)} sentences, {len(data)} candidate spans, chunker recall "
        f"{stats['gold_found'] / stats['gold']:.3f} of {stats['gold']} gold spans"
    )
    print("labels:", Counter(lab for _, lab in data))
    weights = train(data, args.epochs, args.seed)
    payload = {
        "classes": list(CLASSES),
        "features": sorted(weights),
        "weights": encode_weights([weights[f] for f in sorted(weights)]),
        "common": sorted(common),
        # Words news copy writes in lower case (Wikinews): one alone at a sentence start is
        # no name ("Tariffs rose"), a check after typing, not a feature.
        "news_words": sorted(_lower_words(news, min_count=5, ratio=20) - common),
    }
    raw = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode("utf-8")
    # mtime 0 and no file name: the same data give the same bytes.
    with open(args.out, "wb") as out, gzip.GzipFile("", "wb", 9, out, mtime=0) as fh:
        fh.write(raw)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB, {len(weights)} features)")


if __name__ == "__main__":
    main()
