"""Tokens, candidate name spans and their features, shared by the tagger and its trainer.

Names in English news are capitalised runs, so instead of tagging every token we cut
candidate spans with rules (which is fast) and let a small linear model type each span
(person, place, organization, misc or nothing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsgen.analysis import gazetteer as gz

TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # U.S., U.N.
    r"|(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Lt|Col|Sgt|Gov|Sen|Rep|Prof|Capt|Maj|Co|Corp|Inc|Ltd|Bros|Rev)\."
    r"|[A-Z]\.(?=\s?[A-Z])"  # an initial: P. Simmons
    r"|\w+(?:[-&]\w+)*(?:['’](?![sS]\b)\w+)*"
    r"|['’][sS]\b"
    r"|[^\w\s]"
)

# Lower-case words that may sit inside a name ("Bank of England", "Ludwig van Beethoven").
INNER = frozenset({"of", "de", "van", "von", "der", "den", "du", "da", "la", "le", "di", "bin"})
INNER_AFTER_OF = frozenset({"the"})
SENT_END = frozenset({".", "!", "?", ":", ";", "-", "--", "\u2014", "\u2013", '"', "\u201c"})


@dataclass(slots=True)
class Span:
    """A candidate name: tokens [start, end) of a sentence."""

    start: int
    end: int
    text: str


def tokenize(text: str) -> list[str]:
    return TOKEN_RE.findall(text)


def is_cap(tok: str) -> bool:
    return tok[:1].isupper() or (tok[:1].isdigit() and any(c.isupper() for c in tok[1:]))


def is_caps_line(tokens: list[str], *, headline: bool = False) -> bool:
    """An ALL-CAPS line (or Title Case headline), where capitals say nothing about names."""
    words = [t for t in tokens if len(t) > 3 and t[0].isalpha()]
    if len(words) < 2:
        return bool(words) and words[0].isupper() and len(tokens) > 1
    upper = sum(t.isupper() for t in words)
    title = sum(t[0].isupper() for t in words)
    return upper >= 0.6 * len(words) or (headline and title >= 0.8 * len(words))


def sentence_starts(tokens: list[str]) -> set[int]:
    starts = {0}
    for i, tok in enumerate(tokens[:-1]):
        if tok in SENT_END or tok in ("(", "\u2018", "'"):
            starts.add(i + 1)
    return starts


def _split_front(tokens: list[str], start: int, end: int) -> tuple[int, int]:
    """Where the name proper starts: after the last role word ("Defense Minister Sergei
    Shoigu", "Boxing Association President Ramon ...") or a leading nationality word
    ("Mexican Ariel Cruz"); also the end of a leading organisation name, if any."""
    cut = start
    org_end = start
    for i in range(start, end - 1):
        low = tokens[i].lower()
        if low in gz.HEAD_TITLES and tokens[i + 1] not in ("'s", "’s"):
            cut = i + 1
            org_end = i
            while org_end > start and (
                tokens[org_end - 1].lower() in gz.TITLE_MODIFIERS
                or gz.is_demonym(tokens[org_end - 1])
            ):
                org_end -= 1
    if (
        cut == start < end
        and gz.is_demonym(tokens[start])
        and tokens[end - 1].lower() not in gz.ORG_HEADS
    ):
        i = start
        while i < end - 1 and gz.is_demonym(tokens[i]):
            i += 1
        cut = i
    return cut, org_end


def candidate_spans(tokens: list[str], common: frozenset[str]) -> list[Span]:
    """Capitalised runs, titles and sentence-initial common words cut off."""
    starts = sentence_starts(tokens)
    spans: list[Span] = []
    n = len(tokens)
    i = 0
    while i < n:
        if not is_cap(tokens[i]) or tokens[i] in ("'s", "’s"):
            i += 1
            continue
        j = i + 1
        while j < n:
            tok = tokens[j]
            if is_cap(tok) and tok not in ("I",):
                j += 1
                continue
            if j + 1 < n and is_cap(tokens[j + 1]):
                if tok == "of" and tokens[j - 1].lower() not in gz.OF_HEADS:
                    break
                if tok in INNER or tok == "&" or tok in ("'s", "’s"):
                    j += 2
                    continue
                if (
                    tok == "of"
                    and j + 2 < n
                    and tokens[j + 1] in INNER_AFTER_OF
                    and tokens[j - 1].lower() in gz.OF_HEADS
                ):
                    j += 3
                    continue
            break
        s = i
        # A sentence-initial common word ("The", "According") is not part of the name.
        if s in starts and tokens[s] in ("The", "A", "An") and s + 1 < j:
            s += 1
        known = gz.lookup_place(" ".join(tokens[s:j])) is not None
        while not known and s < j and s in starts and tokens[s].lower() in common:
            s += 1
            if s < j and not is_cap(tokens[s]):
                s += 1
        cut, org_end = _split_front(tokens, s, j)
        if org_end - s > 0 and is_cap(tokens[org_end - 1]) and not gz.is_demonym(tokens[s]):
            spans.append(Span(s, org_end, " ".join(tokens[s:org_end])))
        s = cut
        e = j
        while e > s and not is_cap(tokens[e - 1]):
            e -= 1
        if e > s:
            spans.append(Span(s, e, " ".join(tokens[s:e])))
        i = j
    return spans


def shape(tok: str) -> str:
    s = re.sub(r"[A-Z]+", "X", tok)
    s = re.sub(r"[a-z]+", "x", s)
    return re.sub(r"[0-9]+", "9", s)


def span_features(tokens: list[str], span: Span, *, sent_start: bool, caps_line: bool) -> list[str]:
    """Sparse features of one candidate span for the linear typer."""
    words = tokens[span.start : span.end]
    low = [w.lower() for w in words]
    prev = tokens[span.start - 1].lower() if span.start > 0 else "<s>"
    prev2 = tokens[span.start - 2].lower() if span.start > 1 else "<s>"
    nxt = tokens[span.end].lower() if span.end < len(tokens) else "</s>"
    nxt2 = tokens[span.end + 1].lower() if span.end + 1 < len(tokens) else "</s>"
    text = " ".join(low)
    f = [
        "bias",
        "w=" + text,
        "first=" + low[0],
        "last=" + low[-1],
        "n=" + str(min(len(words), 4)),
        "shape=" + "_".join(shape(w) for w in words[:4]),
        "suf3=" + low[-1][-3:],
        "suf2=" + low[-1][-2:],
        "pre3=" + low[0][:3],
        "prev=" + prev,
        "prev2=" + prev2 + "_" + prev,
        "next=" + nxt,
        "next2=" + nxt + "_" + nxt2,
        "prev_last=" + prev + "_" + low[-1],
    ]
    f.extend("t=" + w for w in low[1:-1])
    if sent_start:
        f.append("sentstart")
        f.append("sentstart_n=" + str(min(len(words), 3)))
    if caps_line:
        f.append("capsline")
    if prev in gz.HEAD_TITLES:
        f.append("prev_title")
    if nxt in ("'s", "’s"):
        f.append("possessive")
    if nxt[:1].isdigit() or nxt in ("(", ","):
        f.append("next_kind=" + ("num" if nxt[:1].isdigit() else nxt))
    place = gz.lookup_place(" ".join(words))
    if place is not None:
        f.append("gaz=" + place.kind)
    elif len(words) > 1 and gz.lookup_place(words[-1]) is not None:
        f.append("gaz_last=" + gz.lookup_place(words[-1]).kind)  # type: ignore[union-attr]
    if gz.is_demonym(text):
        f.append("gaz=demonym")
    elif gz.is_demonym(words[0]):
        f.append("gaz=demonym_first")
    if low[-1] in gz.ORG_HEADS:
        f.append("gaz=orghead")
    if any(w in gz.ORG_HEADS for w in low[:-1]):
        f.append("gaz=orghead_inner")
    if words[0] in gz.KNOWN_ORGS or " ".join(words) in gz.KNOWN_ORGS:
        f.append("gaz=knownorg")
    if all(w.isupper() and len(w) > 1 for w in words) and not caps_line:
        f.append("acronym")
    if len(words) > 1 and re.fullmatch(r"[A-Z]\.", words[0]):
        f.append("initial_first")
    return f
