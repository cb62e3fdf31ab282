"""Direct quotations with their speakers, and the named sources a story cites.

Rules, not a parser: attribution in news copy is formulaic ("...," Schumer said; said
Schumer; Schumer said: "..."), and where it is not, the speaker is usually the subject
of the sentence that holds the quote. Surnames and "Mr. Kim" are resolved to the fullest
name mentioned earlier, so pages can link a quote to a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from newsgen.article import Quote

_VERBS = (
    r"said|says|say|added|adds|told|tells|stated|states|explained|continued|noted|wrote|writes|"
    r"insisted|argued|warned|declared|asked|replied|recalled|urged|announced|claimed|"
    r"acknowledged|admitted|confirmed|predicted|concluded|observed|remarked|suggested|"
    r"went on|pointed out|cautioned|stressed|emphasised|emphasized|vowed|pledged|promised|"
    r"tweeted|posted|quipped|joked|conceded|countered|complained|boasted|answered"
)
_TITLES = (
    r"Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sen|Senator|Rep|Representative|Gov|Governor|Gen|"
    r"General|Col|Colonel|Capt|Captain|Lt|President|Premier|Chancellor|Secretary|Minister|"
    r"Judge|Justice|Sir|Dame|Lord|Lady|Rev|Father|Sister|Coach|Chairman|Chairwoman|Mayor|"
    r"King|Queen|Prince|Princess|Pope|Sheikh|Ambassador|Commissioner|Inspector|Sergeant|Sgt|"
    r"Officer|Detective|Chief|Leader"
)
_WORD = r"(?:[A-Z][\w'’\-]*|[A-Z](?:\.[A-Z])+\.?|[A-Z]\.)"
_PERSON = rf"(?:(?:{_TITLES})\.?\s+)*{_WORD}(?:\s+{_WORD}){{0,3}}"
_PRONOUN = r"he|she|they|He|She|They"
_WHO = rf"(?P<who>{_PERSON}|{_PRONOUN})"

_AFTER_NAME_VERB = re.compile(rf"^[\s,]*{_WHO}\s+(?:{_VERBS})\b")
_AFTER_VERB_NAME = re.compile(rf"^[\s,]*(?:{_VERBS})\s+{_WHO}")
_BEFORE = re.compile(rf"{_WHO}\s+(?:{_VERBS})(?:\s+[\w'’]+){{0,3}}?\s*[:,]?\s*$")
# A _BEFORE match ends with a verb that starts one of the last six whitespace-separated
# tokens (two-word verb, three words, a lone ":"): a cheap test that skips its costly search.
_VERB_STARTS = tuple(verb.split()[0] for verb in _VERBS.split("|"))
_CURLY = re.compile(r"“([^“”]{2,2000})”")
_BLANK = "\x00"
# Which way a straight quote mark faces: after a space or an opening bracket, before a
# word, it opens; after a word, before a space or punctuation, it closes.
_OPENS_AFTER = frozenset(" \t\n([{\u2014\u2013-/")
_CLOSES_BEFORE = frozenset(" \t\n,.;:!?)]}\u2014\u2013-")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+(?=[\"“‘(]?[A-Z])")
_SUBJECT = re.compile(rf"(?<![\w'’])(?P<who>{_PERSON})(?:['’]s)?\s+(?P<verb>[a-z][a-z\-]+)\b")
_SUBJECT_VERBS = re.compile(
    rf"^(?:{_VERBS}|was|is|has|had|have|will|would|could|can|also|then|later|set|made|"
    r"called|ordered|gave|took|sought|wants|wanted|made|described|demanded|told|urged|"
    r"hoped|hopes|believes|believed|expects|expected|[a-z]+ed)$"
)
# Capitalised words that start sentences or clauses but are not names.
_STOPWORD_TEXT = """a an and as at after before but by during despite for from however if in into it
    its last many meanwhile most next now of on once since so some such that the their
    then there these they this those though under until when where whether which while
    with within without yet also according asked speaking although because both each
    every earlier later one two three our we you i his her my your monday tuesday
    wednesday thursday friday saturday sunday january february march april may june july
    august september october november december today yesterday tomorrow"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_TITLE_WORDS = frozenset(t.lower() for t in _TITLES.split("|"))
_NAME_RUN = re.compile(rf"{_WORD}(?:\s+(?:{_WORD}))+")
_POSSESSIVE = ("'s", "’s")  # words come from str.split(), so `['’]s$` is endswith()
_PRONOUNS = frozenset({"he", "she", "they"})
_FUNCTION_WORD_BEFORE = re.compile(r"(?:according to|by|of|from|to|the|with|for|in)\s+$")


@lru_cache(maxsize=8192)  # pure, and the same names recur paragraph after paragraph
def _strip_name(name: str) -> str:
    """Drop leading stopwords/titles and a possessive: "While Mr. Kim’s" -> "Kim"."""
    words = name.split()
    owners = [i for i, word in enumerate(words[:-1]) if word.endswith(_POSSESSIVE)]
    if owners:  # "Intel's Allen Wilson" -> "Allen Wilson"
        words = words[owners[-1] + 1 :]
    while words and (words[0].lower() in STOPWORDS or words[0].rstrip(".").lower() in _TITLE_WORDS):
        words.pop(0)
    if words and words[-1].endswith(_POSSESSIVE):
        words[-1] = words[-1][:-2]
    return " ".join(words)


def _names_in(text: str) -> Iterator[str]:
    """Multi-word names in `text` in order, repeats included."""
    for found in _NAME_RUN.finditer(text):
        name = _strip_name(found.group(0))
        if " " in name:  # two words or more: `name` is split() words joined by spaces
            yield name


def resolve(speaker: str, names: Sequence[str]) -> str:
    """ "Mr. Kim" -> "Kim Jong Un" when an earlier name contains "Kim"; else "Kim"."""
    bare = _strip_name(speaker)
    if not bare or len(bare.split()) > 1:
        return bare or speaker
    fuller = [name for name in names if bare in name.split()]
    return max(fuller, key=lambda n: len(n.split()), default=bare)


def _sentence_start(masked: str, position: int) -> int:
    """Start of the sentence holding `position`; `masked` has its quotes blanked out, so
    a stop inside a quote ends no sentence."""
    start = 0
    for found in _SENTENCE_END.finditer(masked, 0, position):
        start = found.end()
    return start


def _masked(paragraph: str, spans: Sequence[tuple[int, int, str]]) -> str:
    """`paragraph` with every quoted span (marks too) blanked out, at the same length."""
    parts, at = [], 0
    for start, end, _ in spans:
        if start >= at:
            parts += [paragraph[at:start], _BLANK * (end - start)]
            at = end
    return "".join([*parts, paragraph[at:]])


def _subject(clause: str) -> str | None:
    for found in subjects(clause):
        start = found.start()
        before = clause[max(0, start - 14) : start].lower()
        if _FUNCTION_WORD_BEFORE.search(before):
            continue
        who = _strip_name(found["who"])
        if who and _SUBJECT_VERBS.match(found["verb"]):
            return who
    return None


# Where a match of _SUBJECT or _BEFORE can start: every title and name starts with a
# capital, and the pronouns with h, s or t. Both regexes are costly to try at a place
# where they fail, and sre cannot see that itself (they start with a lookbehind or a
# repeat), so they are tried only there: the same matches, found four times faster.
_CAPITAL = re.compile(r"[A-Z]")
_WHO_START = re.compile(r"[A-Zhst]")


def subjects(clause: str) -> Iterator[re.Match[str]]:
    """`_SUBJECT.finditer(clause)`: left to right, each match starting after the last."""
    at = 0
    while capital := _CAPITAL.search(clause, at):
        found = _SUBJECT.match(clause, capital.start())
        if found:
            yield found
            at = found.end()
        else:
            at = capital.start() + 1


def said_before(before: str) -> re.Match[str] | None:
    """`_BEFORE.search(before)`: the leftmost match."""
    for place in _WHO_START.finditer(before):
        found = _BEFORE.match(before, place.start())
        if found:
            return found
    return None


def _speaker(paragraph: str, start: int, end: int, masked: str) -> str | None:
    after = paragraph[end : end + 120]
    for pattern in (_AFTER_NAME_VERB, _AFTER_VERB_NAME):
        found = pattern.match(after)
        if found:
            return found["who"]
    sentence_start = _sentence_start(masked, start)
    # What the sentence says before the quote, other quotes left out (a quote that runs
    # on into this one too).
    before = masked[sentence_start:start].replace(_BLANK, "")
    if any(token.startswith(_VERB_STARTS) for token in before.rsplit(None, 6)[-6:]):
        found = said_before(before)
        if found:
            return found["who"]
    return _subject(before)


def _straight(paragraph: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of each straight-quoted span, its marks paired by the way they
    face. A quotation run over paragraphs opens each with a mark and closes only the last,
    and a copy that sets them in one line ("...soldier. "They are ... world.") would
    otherwise pair a close with the next open and quote the narration between them: a
    quote that runs on into a new one ends where the new one opens."""
    start: int | None = None
    last = len(paragraph) - 1
    index = paragraph.find('"')
    while index >= 0:
        before = paragraph[index - 1] if index else " "
        after = paragraph[index + 1] if index < last else " "
        opens = before in _OPENS_AFTER and after not in _CLOSES_BEFORE
        closes = before not in _OPENS_AFTER and after in _CLOSES_BEFORE
        if opens or (start is None and not closes):
            if start is not None:
                yield start, index, paragraph[start + 1 : index]
            start = index
        elif start is not None:
            yield start, index + 1, paragraph[start + 1 : index]
            start = None
        index = paragraph.find('"', index + 1)


def _quoted(paragraph: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each quoted span, in order: curly quotes pair as they face,
    straight ones as `_straight` pairs them."""
    spans = [(m.start(), m.end(), m.group(1)) for m in _CURLY.finditer(paragraph)]
    if '"' in paragraph:
        spans += [
            span
            for span in _straight(paragraph)
            if 2 <= len(span[2]) <= 2000 and "“" not in span[2] and "”" not in span[2]
        ]
        spans.sort()
    return spans


def extract_quotes(paragraphs: Sequence[str], *, title: str = "") -> list[Quote]:
    """Quoted spans of at least two words, each with a resolved speaker where attributed."""
    quotes: list[Quote] = []
    seen: set[str] = set()
    last_speaker: str | None = None
    # Names mentioned so far (title first), for `resolve`. Scanning for names is costly
    # and only a one-word speaker needs them, so they are collected on demand, up to the
    # current paragraph: the list is the same as if it were built paragraph by paragraph.
    texts = [title, *paragraphs] if title else list(paragraphs)
    offset = len(texts) - len(paragraphs)  # texts[offset + i] is paragraphs[i]
    names: dict[str, None] = {}  # an ordered set
    scanned = 0  # the names of texts[:scanned] are in `names`
    for index, paragraph in enumerate(paragraphs):
        if "“" not in paragraph and '"' not in paragraph:
            continue
        spans = _quoted(paragraph)
        masked = _masked(paragraph, spans)
        for start, end, quoted in spans:
            text = quoted.strip().rstrip(",;:").strip()
            if len(text.split()) < 2 or text in seen:
                continue
            seen.add(text)
            who = _speaker(paragraph, start, end, masked)
            if who is not None and who.lower() in _PRONOUNS:
                who = last_speaker
            elif who is not None:
                bare = _strip_name(who)
                if bare and " " not in bare:  # the only case where `resolve` reads names
                    for earlier in texts[scanned : offset + index + 1]:
                        names.update(dict.fromkeys(_names_in(earlier)))
                    scanned = offset + index + 1
                who = resolve(who, list(names)) or None
                last_speaker = who
            quotes.append(Quote(text=text, speaker=who))
    return quotes


# ----------------------------------------------------------------------------- sources
_ORG_WORD = r"(?:[A-Z](?:\.[A-Z])+\.?|[A-Z][\w&'’\-]*)"
_ORG = rf"(?P<src>{_ORG_WORD}(?:\s+(?:(?:of|for|and|on|de|du|the)\s+)?{_ORG_WORD}){{0,7}})"
# (trigger words that must occur, pattern): the cheap test skips most paragraphs.
_SOURCE_PATTERNS = (
    ("according to", re.compile(rf"(?i:according to)\s+(?:(?i:the)\s+)?{_ORG}")),
    ("quoted by", re.compile(rf"(?i:quoted by)\s+(?:(?i:the)\s+)?{_ORG}")),
    ("reported by", re.compile(rf"(?i:reported by)\s+(?:(?i:the)\s+)?{_ORG}")),
    ("interview with", re.compile(rf"(?i:in an interview with)\s+(?:(?i:the)\s+)?{_ORG}")),
    ("spokes", re.compile(rf"spokes(?:man|woman|person)\s+for\s+(?:the\s+)?{_ORG}")),
    ("reported", re.compile(rf"{_ORG}(?:['’]s)?\s+(?:(?:state\s+)?news agency\s+)?reported\b")),
    ("spokes", re.compile(rf"{_ORG}\s+spokes(?:man|woman|person)\b")),
    ("told", re.compile(rf"{_ORG}\s+told\s+(?:Reuters|AP|AFP|the\s+[A-Z]\w+|[A-Z]{{2,}})\b")),
)
_VAGUE_TEXT = (
    "experts officials reports sources analysts observers witnesses residents police media "
    "article report statement study survey data figures documents"
)
_VAGUE = frozenset(_VAGUE_TEXT.split())
_LEADING_NOISE = STOPWORDS | _TITLE_WORDS
_TRAILING_NOISE = frozenset({"of", "for", "and", "on", "de", "du", "the"})
_POSSESSIVE_END = re.compile(r"['’]s$")


def _clean_source(name: str) -> str | None:
    words = name.split()
    while words and words[0].lower() in _LEADING_NOISE:
        words.pop(0)
    while words and words[-1].lower() in _TRAILING_NOISE:
        words.pop()
    cleaned = _POSSESSIVE_END.sub("", " ".join(words)).strip(" .,")
    if not cleaned or cleaned.lower() in _VAGUE or cleaned.lower() in STOPWORDS:
        return None
    return cleaned


def acronym(name: str) -> str:
    """ "Korean Central News Agency" -> "KCNA"."""
    words = [w for w in name.split() if w[:1].isupper()]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def extract_sources(paragraphs: Sequence[str]) -> list[str]:
    """Named sources the story cites, one form per source (the one used most)."""
    text = "\n".join(paragraphs)
    found: list[str] = []
    for paragraph in paragraphs:
        lowered = paragraph.lower()
        hits = []
        for trigger, pattern in _SOURCE_PATTERNS:
            if trigger in lowered:
                hits.extend((m.start(), m["src"]) for m in pattern.finditer(paragraph))
        for _, raw in sorted(hits):
            name = _clean_source(raw)
            if name and name not in found:
                found.append(name)
    groups: list[list[str]] = []
    for name in found:
        group = next((g for g in groups if any(_same_source(name, o) for o in g)), None)
        if group is None:
            groups.append([name])
        else:
            group.append(name)
    merged: list[str] = []
    for group in groups:
        forms = list(group)
        for form in group:
            short = acronym(form)
            if short and short not in forms and whole_word_count(short, text, most=1):
                forms.append(short)
        counts = {form: whole_word_count(form, text) for form in forms}
        merged.append(max(forms, key=lambda form: (counts[form], -forms.index(form))))
    return list(dict.fromkeys(merged))


def _same_source(a: str, b: str) -> bool:
    return a == b or acronym(a) == b or acronym(b) == a


def whole_word_count(form: str, text: str, most: int = 0) -> int:
    """How often `form` stands in `text` as a whole word (up to `most`, if given): what
    `len(re.findall(rf"\\b{re.escape(form)}\\b", text))` gives, left to right and never
    overlapping, without compiling a regex for every name a story cites (that was most
    of the time `extract_sources` took)."""
    starts_word, ends_word = _is_word(form[0]), _is_word(form[-1])
    count = 0
    at = text.find(form)
    while at >= 0:
        end = at + len(form)
        # A word boundary: a word character on one side of it and not on the other.
        if (at > 0 and _is_word(text[at - 1])) != starts_word and (
            end < len(text) and _is_word(text[end])
        ) != ends_word:
            count += 1
            if count == most:
                break
            at = text.find(form, end)
        else:
            at = text.find(form, at + 1)
    return count


def _is_word(char: str) -> bool:
    """What `\\w` matches (in a str pattern)."""
    return char.isalnum() or char == "_"
