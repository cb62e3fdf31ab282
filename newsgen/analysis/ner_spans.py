"""Tokens, candidate name spans and their features, shared by the tagger and its trainer.

Names in English news are capitalised runs, so instead of tagging every token we cut
candidate spans with rules (which is fast) and let a small linear model type each span
(person, place, organization, misc or nothing).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from itertools import compress, repeat
from operator import contains, itemgetter, lt

from newsgen.analysis import gazetteer as gz
from newsgen.analysis import kb
from newsgen.analysis import name_words as nw

TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # U.S., U.N.
    r"|(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Lt|Col|Sgt|Gov|Sen|Rep|Prof|Capt|Maj|Co|Corp|Inc|Ltd|Bros|Rev)\."
    r"|[A-Z]\.(?=\s?[A-Z])"  # an initial: P. Simmons
    r"|\w+(?:[-&]\w+)*(?:['’](?![sS]\b)\w+)*"
    r"|['’][sS]\b"
    r"|[^\w\s]"
)
# TOKEN_RE's tokens, found faster: most tokens are plain words, and these first branches
# take a word of two or more ASCII-led characters at once when nothing after it (a hyphen,
# an ampersand, an apostrophe, or a title's full stop) could make TOKEN_RE take more or
# less. Possessive, so a word that fails the test is not re-tried character by character.
# tests/analysis/test_tokens.py checks the two agree.
FAST_TOKEN_RE = re.compile(r"[a-z0-9_]\w++(?![-&'’])|[A-Z]\w++(?![-&'’.])|" + TOKEN_RE.pattern)

# Lower-case words that may sit inside a name ("Bank of England", "Ludwig van Beethoven").
INNER = frozenset({"of", "de", "van", "von", "der", "den", "du", "da", "la", "le", "di", "bin"})
INNER_AFTER_OF = frozenset({"the"})
SENT_END = frozenset({".", "!", "?", ":", ";", "-", "--", "\u2014", "\u2013", '"', "\u201c"})
# Tokens after which a new sentence (or a quote, or a bracket) starts.
BREAKS = SENT_END | {"(", "\u2018", "'"}
_POSSESSIVE = ("'s", "’s")
# A possessive inside a name follows one of these ("North Korean People's Army",
# "Children's Hospital"); after any other word it ends the name ("India's Leander Paes").
_HOLDERS = nw.words("people women children men workers citizens farmers veterans")
# A company's suffix: "of" after it starts a place ("Daiwa Securities Inc of Tokyo").
# A body's word that its name goes on after "for": "Commission for Racial Equality".
FOR_HEADS = nw.words(
    """
    observatory commission council centre center institute institution organisation
    organization committee foundation agency office fund society association alliance
    coalition campaign union trust network forum
    """
)
_CORP_SUFFIXES = nw.words("inc inc. corp corp. co co. ltd ltd. plc llc")
_INITIAL_RE = re.compile(r"[A-Z]\.")
_MONTHS = nw.words(
    "january february march april june july august september october november december"
)
# Runs of capitals, small letters and digits, for `shape`.
_UPPER_RUN = re.compile(r"[A-Z]+")
_LOWER_RUN = re.compile(r"[a-z]+")
_DIGIT_RUN = re.compile(r"[0-9]+")


@dataclass(slots=True)
class Span:
    """A candidate name: tokens [start, end) of a sentence."""

    start: int
    end: int
    text: str


def tokenize(text: str) -> list[str]:
    return FAST_TOKEN_RE.findall(text)


def is_cap(tok: str) -> bool:
    return tok[:1].isupper() or (tok[:1].isdigit() and any(c.isupper() for c in tok[1:]))


def is_caps_line(tokens: list[str], *, headline: bool = False) -> bool:
    """An ALL-CAPS line (or Title Case headline), where capitals say nothing about names."""
    # The words longer than three characters that start with a letter, with C-level
    # loops (tokens are never empty, so t[0] is t[:1]).
    longer = list(compress(tokens, map(lt, repeat(3), map(len, tokens))))
    words = list(compress(longer, map(str.isalpha, map(itemgetter(0), longer))))
    if len(words) < 2:
        return bool(words) and words[0].isupper() and len(tokens) > 1
    if sum(map(str.isupper, words)) >= 0.6 * len(words):
        return True
    return headline and sum(map(str.isupper, map(itemgetter(0), words))) >= 0.8 * len(words)


def sentence_starts(tokens: list[str]) -> set[int]:
    """Indices that start a sentence: 0 and every token after a break (C-level loop)."""
    # range(1, n)[i] is i + 1, paired with whether tokens[i] is a break.
    return {0, *compress(range(1, len(tokens)), map(BREAKS.__contains__, tokens))}


def _split_front(tokens: list[str], start: int, end: int) -> tuple[int, int]:
    """Where the name proper starts: after the last role word ("Defense Minister Sergei
    Shoigu", "Boxing Association President Ramon ...") or a leading nationality word
    ("Mexican Ariel Cruz"); also the end of a leading organisation name, if any."""
    cut = start
    org_end = start
    # "General Automation Inc", "Chief Executive Group": a title word inside a body's name.
    body = tokens[end - 1].lower() in nw.ORG_HEADS
    for i in range(start, end - 1):
        low = tokens[i].lower()
        title = (
            low in nw.HEAD_TITLES
            or low in nw.PREFIX_TITLES
            or ("-" in low and _hyphenated_title(low))
        )
        if title and tokens[i + 1] not in ("'s", "’s") and not body:
            if any(t.lower() in nw.ORG_HEADS for t in tokens[i + 1 : end]):
                continue  # "Major League Baseball", "Lord's Resistance Army"
            if i > cut and kb.lookup(" ".join(tokens[cut:end]), "person") is not None:
                continue  # a title word inside a known name: "Hassan Sheikh Mohamud"
            cut = i + 1
            org_end = i
            # Titles in a row ("Committee Chairman Sen ...") are no body's name either.
            while org_end > start and (
                tokens[org_end - 1].lower() in nw.TITLE_MODIFIERS
                or tokens[org_end - 1].lower() in nw.HEAD_TITLES
                or gz.is_demonym(tokens[org_end - 1])
            ):
                org_end -= 1
    if start < cut < end - 1 and tokens[cut] == "of":
        # "Secretary of State Condoleezza Rice", "Prince of Wales": the post's "of" and
        # portfolio are no part of a name; what follows may be one.
        name = cut + 2 if tokens[cut + 1] == "the" and cut + 2 < end else cut + 1
        cut = _after_post(tokens, name, end)[0]
    if (
        cut == start < end
        and gz.is_demonym(tokens[start])
        # "European Court of Justice": a body's head anywhere after it keeps the word
        and not any(t.lower() in nw.ORG_HEADS for t in tokens[start + 1 : end])
        # "South" heads a demonym ("South African") and a country ("South Korea").
        and gz.lookup_place(" ".join(tokens[start:end])) is None
        # a body the KB knows by a nationality's name: "British Phonographic Industry"
        and kb.known_kind(" ".join(tokens[start:end])) is None
    ):
        i = start
        while i < end - 1 and gz.is_demonym(tokens[i]):
            i += 1
        cut = i
    if cut == start and end - start > 2:
        cut = org_end = _country_before_person(tokens, start, end)
    return cut, org_end


def _country_before_person(tokens: list[str], start: int, end: int) -> int:
    """Where a well-known person's name starts after a place's ("United States Barack
    Obama", "Guatemala George W. Bush": a caption or a list's run-on), else `start`."""
    for k in range(start + 1, min(start + 4, end - 1)):
        if (
            gz.lookup_place(" ".join(tokens[start:k])) is not None
            and kb.lookup(" ".join(tokens[k:end]), "person") is not None
        ):
            return k
    return start


def _name_start(
    tokens: list[str], s: int, j: int, starts: set[int], common: frozenset[str], caps: list[bool]
) -> int:
    """Where the name in the run [s, j) starts: after where or when ("Minneapolis-based
    First Bank", "August National Association") and a sentence-initial common word ("The",
    "According"), unless the run is a known place, or a body or person the knowledge base
    knows by a name of two words or more ("Human Rights Watch said", "Ban Ki-moon said")."""
    while s + 1 < j and (tokens[s].endswith("-based") or tokens[s].lower() in _MONTHS):
        s += 1
    if s not in starts:
        return s
    if tokens[s] in ("The", "A", "An") and s + 1 < j:
        s += 1
    # The look-ups only matter if the loop would run.
    if (
        s in starts
        and tokens[s].lower() in common
        and gz.lookup_place(run := " ".join(tokens[s:j])) is None
        and (j - s < 2 or kb.known_kind(run) is None)
    ):
        while s < j and s in starts and tokens[s].lower() in common:
            s += 1
            if s < j and not caps[s]:
                s += 1
        while s + 1 < j and tokens[s].lower() in _MONTHS:
            s += 1  # "In January Henkel said": the month after the common word
    return s


def _hyphenated_title(low: str) -> bool:
    """ "secretary-general", "vice-president": titles joined by a hyphen."""
    return all(p in nw.HEAD_TITLES or p in nw.TITLE_MODIFIERS for p in low.split("-"))


def _after_post(tokens: list[str], start: int, end: int) -> tuple[int, int]:
    """Where the name starts in a run after a post's "of" (and "the"): past the post's
    portfolio ("Secretary of State Condoleezza Rice") or its country ("President of
    Venezuela Hugo Chavez"), and where that country's name ends (`start` for none)."""
    k = start
    while k < end - 1 and tokens[k].lower() in nw.PORTFOLIO_WORDS:
        k += 1
    if k > start:
        return k, start
    for k in range(end - 1, start, -1):
        if gz.lookup_place(" ".join(tokens[start:k])) is not None:
            return k, k
    return start, start


def _after_of(tokens: list[str], start: int) -> bool:
    """The run at `start` follows a post's "of" ("Minister of ...", "President of the")."""
    i = start - 1
    if i > 0 and tokens[i] == "the":
        i -= 1
    return i > 0 and tokens[i] == "of" and tokens[i - 1].lower() in nw.HEAD_TITLES


# Arabic names' particles, written in lower case before a capital: "Abdel Fattah el-Sisi",
# "Abu Bakr al-Baghdadi". Such a token after a capital goes on with the name.
_PARTICLE_NAME = re.compile(r"(?:al|el|ad|an|ar|as|ash|at|az|ud|ul)-[A-Z]")


def _caps(tokens: list[str]) -> list[bool]:
    """[is_cap(t) for t in tokens], with C-level loops: only a digit-led token ("3M")
    needs is_cap itself, for any other it is whether the first character is upper case
    (or a name's particle: "el-Sisi")."""
    firsts = list(map(itemgetter(0), tokens))  # tokens are never empty
    caps = list(map(str.isupper, firsts))
    for i in compress(range(len(tokens)), map(str.isdigit, firsts)):
        caps[i] = is_cap(tokens[i])
    for i in compress(range(len(tokens)), map(contains, tokens, repeat("-"))):
        if i and caps[i - 1] and _PARTICLE_NAME.match(tokens[i]):
            caps[i] = True  # only after a capital: "al-Qaeda" alone is no run of capitals
    return caps


def candidate_spans(
    tokens: list[str], common: frozenset[str], starts: set[int] | None = None
) -> list[Span]:
    """Capitalised runs, titles and sentence-initial common words cut off. `starts`:
    `sentence_starts(tokens)`, if the caller has it already."""
    if starts is None:
        starts = sentence_starts(tokens)
    spans: list[Span] = []
    n = len(tokens)
    caps = _caps(tokens)
    is_demonym, of_heads = gz.is_demonym, nw.OF_HEADS
    i = 0
    # Only capitalised tokens can start a run; those inside the previous run are skipped.
    for first in compress(range(n), caps):
        if first < i or tokens[first] in _POSSESSIVE:
            continue
        i = first
        j = i + 1
        while j < n:
            tok = tokens[j]
            if caps[j] and tok != "I":
                j += 1
                continue
            if (
                tok == "of"
                and j + 2 < n
                and tokens[j + 1] in INNER_AFTER_OF
                and caps[j + 2]
                and tokens[j - 1].lower() in of_heads
                and tokens[j - 1].lower() not in _CORP_SUFFIXES  # "Dow Chemical Co of the US"
            ):
                j += 3  # "Democratic Republic of the Congo"
                continue
            if j + 1 < n and caps[j + 1]:
                before = tokens[j - 1].lower()
                if tok == "of" and (before not in of_heads or before in _CORP_SUFFIXES):
                    break
                if tok in _POSSESSIVE and before not in _HOLDERS:
                    break
                if tok == "for" and before in FOR_HEADS:
                    j += 2  # "Syrian Observatory for Human Rights", "Centre for Policy Studies"
                    continue
                if (
                    tok in INNER
                    or tok == "&"
                    or tok in _POSSESSIVE
                    or (tok in ("'", "’") and before in _HOLDERS)  # "Workers' Party"
                ):
                    j += 2
                    continue
            break
        s = _name_start(tokens, i, j, starts, common, caps)
        if s > 1 and _after_of(tokens, s):
            name, place_end = _after_post(tokens, s, j)
            if place_end > s:
                spans.append(Span(s, place_end, " ".join(tokens[s:place_end])))
            s = name
        cut, org_end = _split_front(tokens, s, j)
        if cut > i and (known := _known_body_from(tokens, i, cut, j)) is not None:
            spans.append(known)  # "Syrian Observatory for Human Rights"
            i = j
            continue
        if org_end - s > 0 and caps[org_end - 1] and not is_demonym(tokens[s]):
            spans.append(Span(s, org_end, " ".join(tokens[s:org_end])))
        s = cut
        e = j
        while e > s and not caps[e - 1]:
            e -= 1
        if e > s:
            spans.append(Span(s, e, " ".join(tokens[s:e])))
        i = j
    return spans


def _known_body_from(tokens: list[str], first: int, start: int, end: int) -> Span | None:
    """The run from a nationality's word before `start` that the knowledge base knows as
    one body's name: the word cut off as a nationality was the body's own."""
    for k in range(first, start):
        if not gz.is_demonym(tokens[k]):
            continue
        text = " ".join(tokens[k:end])
        if kb.lookup(text, "organization") is not None:
            return Span(k, end, text)
    return None


# Memoised with a bounded cache (like those below and in `gazetteer`): a process may work
# through a whole archive, and the commonest names and words keep hitting.
@functools.lru_cache(maxsize=1 << 14)
def shape(tok: str) -> str:
    """Word shape ("McDonald" -> "XxXx"): three regex passes, so memoised per token."""
    s = _UPPER_RUN.sub("X", tok)
    s = _LOWER_RUN.sub("x", s)
    return _DIGIT_RUN.sub("9", s)


# Features of a span's own words (see `_word_features`): the leading ones, the lowercased
# last word, the inner-word ones, and the closing gazetteer and form ones.
_WordFeatures = tuple[tuple[str, ...], str, tuple[str, ...], tuple[str, ...]]


@functools.lru_cache(maxsize=1 << 13)
def _word_features(words: tuple[str, ...], caps_line: bool) -> _WordFeatures:
    """The part of `span_features` that depends on the span's words alone (memoised: the
    same names recur story after story, while their contexts differ)."""
    n = len(words)
    low = list(map(str.lower, words))
    first, last = low[0], low[-1]
    text = " ".join(low)
    joined = " ".join(words)
    head = (
        "bias",
        "w=" + text,
        "first=" + first,
        "last=" + last,
        f"n={min(n, 4)}",
        "shape=" + "_".join(map(shape, words[:4])),
        "suf3=" + last[-3:],
        "suf2=" + last[-2:],
        "pre3=" + first[:3],
    )
    inner = tuple("t=" + w for w in low[1:-1])
    tail = []
    place = gz.lookup_place(joined)
    if place is not None:
        tail.append("gaz=" + place.kind)
    elif n > 1 and (place := gz.lookup_place(words[-1])) is not None:
        tail.append("gaz_last=" + place.kind)
    if gz.is_demonym(text):
        tail.append("gaz=demonym")
    elif gz.is_demonym(words[0]):
        tail.append("gaz=demonym_first")
    if last in nw.ORG_HEADS:
        tail.append("gaz=orghead")
    if any(w in nw.ORG_HEADS for w in low[:-1]):
        tail.append("gaz=orghead_inner")
    if words[0] in nw.KNOWN_ORGS or joined in nw.KNOWN_ORGS:
        tail.append("gaz=knownorg")
    if all(w.isupper() and len(w) > 1 for w in words) and not caps_line:
        tail.append("acronym")
    if n > 1 and _INITIAL_RE.fullmatch(words[0]):
        tail.append("initial_first")
    # What the knowledge base knows: a given name first ("Mike Ruddock"), or the name
    # itself as a body or a person ("Lib Dems", "Real Madrid", "Boris Yeltsin").
    if kb.is_given_name(first):
        tail.append("given_first" if n > 1 else "given_only")
    if (entry := kb.lookup(joined, "organization")) is not None:
        tail.append("kb=club" if "club" in entry.flags else "kb=org")
    elif kb.lookup(joined, "person") is not None:
        tail.append("kb=person")
    elif n > 1 and (known := kb.known_kind(joined)) is not None:
        tail.append("kb_known=" + known)
    return head, last, inner, tuple(tail)


def word_features(words: tuple[str, ...], caps_line: bool) -> tuple[str, ...]:
    """The features of a span's own words, whatever surrounds them (see `span_features`)."""
    head, _, inner, tail = _word_features(words, caps_line)
    return (*head, *inner, *tail)


def context_features(
    tokens: list[str], span: Span, *, sent_start: bool, caps_line: bool
) -> list[str]:
    """The features of what surrounds a span (see `span_features`)."""
    start, end = span.start, span.end
    last = tokens[end - 1].lower()
    prev = tokens[start - 1].lower() if start > 0 else "<s>"
    prev2 = tokens[start - 2].lower() if start > 1 else "<s>"
    nxt = tokens[end].lower() if end < len(tokens) else "</s>"
    nxt2 = tokens[end + 1].lower() if end + 1 < len(tokens) else "</s>"
    f = [
        "prev=" + prev,
        f"prev2={prev2}_{prev}",
        "next=" + nxt,
        f"next2={nxt}_{nxt2}",
        f"prev_last={prev}_{last}",
    ]
    if sent_start:
        f.append("sentstart")
        f.append(f"sentstart_n={min(end - start, 3)}")
    if caps_line:
        f.append("capsline")
    if prev in nw.HEAD_TITLES:
        f.append("prev_title")
    if nxt in _POSSESSIVE:
        f.append("possessive")
    if nxt[:1].isdigit() or nxt in ("(", ","):
        f.append("next_kind=" + ("num" if nxt[:1].isdigit() else nxt))
    return f


def span_features(tokens: list[str], span: Span, *, sent_start: bool, caps_line: bool) -> list[str]:
    """Sparse features of one candidate span for the linear typer: its words' own
    (`word_features`, the same wherever the name stands) and its context's. The tagger
    sums their weights exactly (`ner_model`), so their order does not matter."""
    words = tuple(tokens[span.start : span.end])
    return [
        *word_features(words, caps_line),
        *context_features(tokens, span, sent_start=sent_start, caps_line=caps_line),
    ]
