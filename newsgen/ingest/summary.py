"""Summary, length and language: the facts a listing page shows about a story.

News ledes are written to stand alone, so the first sentence or two of the first real
paragraph is the honest summary; nothing is generated.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from newsgen.article import Dateline

MAX_SUMMARY = 300
WORDS_PER_MINUTE = 200
LANGUAGE_SAMPLE = 3000  # characters `language` reads

_WORD = re.compile(r"\w+(?:['’\-]\w+)*")
# Words that end in a full stop without ending the sentence.
_ABBREVIATION_TEXT = """mr mrs ms dr prof st jr sr gen sen rep gov lt col capt sgt inc corp co ltd no vs
    jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e etc approx est fig p pp
    u.s u.k u.n e.u calif mass fla ariz wash"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_TEXT.split())
_STOP_WORDS = {
    "en": "the and of to in is that for it was on with as by at from have are this be said",
    "fr": "le la les et des du un une est dans pour que qui au sur pas avec ce il elle",
    "de": "der die das und ist nicht ein eine mit den dem zu von auf für sich auch im",
    "es": "el la los las y de que en un una es por con para del se al lo como más",
    "it": "il lo la gli le e di che un una per con non del della è sono nel alla",
    "pt": "o a os as e de que em um uma é para com não do da no na por mais",
    "nl": "de het een en van is dat op te in voor met zijn niet aan er ook als",
}
_STOP_SETS = {lang: frozenset(words.split()) for lang, words in _STOP_WORDS.items()}
# Stop word -> the languages it belongs to ("de" is Spanish, Portuguese and Dutch, ...).
_LANGUAGES_OF: dict[str, tuple[str, ...]] = {
    word: tuple(lang for lang, stops in _STOP_SETS.items() if word in stops)
    for stops in _STOP_SETS.values()
    for word in stops
}
# Stop words of ASCII letters, as bytes: the words `count_and_language` can meet.
_ASCII_STOPS = {w.encode(): langs for w, langs in _LANGUAGES_OF.items() if w.isascii()}
_ASCII_STOP_WORDS = frozenset(_ASCII_STOPS)
_SENTENCE_STOP = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
_LETTER = re.compile(r"[a-z]")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def word_count(paragraphs: Sequence[str]) -> int:
    return sum(len(words(p)) for p in paragraphs)


def words_and_sample(text: str) -> tuple[list[str], list[str]]:
    """`words(text)` and `words(text[:LANGUAGE_SAMPLE])`, sharing the regex work.

    No word contains a space, so up to the sample's last space both lists hold the same
    words, found once. (The word regex is the costliest step of counting and language.)
    """
    if len(text) <= LANGUAGE_SAMPLE:
        found = words(text)
        return found, found
    cut = text.rfind(" ", 0, LANGUAGE_SAMPLE)
    if cut < 0:
        return words(text), words(text[:LANGUAGE_SAMPLE])
    head = words(text[:cut])
    return head + words(text[cut:]), head + words(text[cut:LANGUAGE_SAMPLE])


# `count_and_language` works on bytes, one a character of text whose words are ASCII:
# letters (lowered), digits and "_" (word characters), the joiners ' and -, and spaces
# for the rest; `_ROLES` then maps a word character to "a" and a joiner to "-".
_FOLD = bytes(
    b + 32 if 65 <= b <= 90 else b if chr(b).isalnum() or chr(b) in "_'-" else 32
    for b in range(128)
) + bytes(b" " * 128)
_ROLES = bytes(
    97 if chr(b).isalnum() or b == 95 else 45 if chr(b) in "'-" else 32 for b in range(256)
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# A joiner between two word characters: inside a word ("well-known", "don't").
_JOIN = re.compile(rb"['\-](?<=[a-z0-9_]['\-])(?=[a-z0-9_])")


def count_and_language(text: str) -> tuple[int, str]:
    """`len(words(text))` and `language(text)`. When no word of `text` holds a non-ASCII
    letter, this counts with bytes operations instead of the word regex, which was the
    costliest step of ingest's own (five times faster, the same answer)."""
    folded = _folded(text)
    if folded is None:
        found, sample = words_and_sample(text)
        return len(found), language_of_words(sample)
    count = _count(folded)
    if len(folded) <= LANGUAGE_SAMPLE:
        return count, _language_of_folded(folded, count)
    sample = folded[:LANGUAGE_SAMPLE]  # one byte a character: `text[:LANGUAGE_SAMPLE]`
    return count, _language_of_folded(sample, _count(sample))


def _folded(text: str) -> bytes | None:
    """`text` as `_FOLD` bytes, or None if a non-ASCII character is a word character
    (what `\\w` matches beyond ASCII is what `str.isalnum` says)."""
    if not text.isascii():
        for char in set(_NON_ASCII.findall(text)):
            if char.isalnum():
                return None
            # Each character becomes one byte, so offsets stay those of `text`.
            text = text.replace(char, "'" if char == "’" else " ")
    return text.encode("ascii").translate(_FOLD)


def _count(folded: bytes) -> int:
    """How many words the word regex finds: each starts at a word character that follows
    a space, a joiner after a space, or a joiner after a joiner (one joiner between word
    characters joins them). None of the three patterns can overlap itself, so
    `bytes.count` counts every start."""
    roles = b" " + folded.translate(_ROLES)
    return roles.count(b" a") + roles.count(b" -a") + roles.count(b"--a")


def _language_of_folded(sample: bytes, count: int) -> str:
    """`language_of_words` for the `count` words of `sample` (`_FOLD` bytes)."""
    if count < 5:
        return "en"
    # A joined word ("de-la") is no stop word: marked so, then the other joiners split.
    tokens = _JOIN.sub(b"#", sample).replace(b"'", b" ").replace(b"-", b" ").split()
    hits = Counter(tokens)
    scores = dict.fromkeys(_STOP_SETS, 0)
    for word in _ASCII_STOP_WORDS.intersection(hits):  # the few that occur, found in C
        count = hits[word]
        for lang in _ASCII_STOPS[word]:
            scores[lang] += count
    return _best_language(scores)


def reading_minutes(count: int) -> int:
    return max(1, round(count / WORDS_PER_MINUTE))


def sentences(text: str) -> list[str]:
    """Split at ". " + capital, unless the word before the stop is an abbreviation."""
    out: list[str] = []
    start = 0
    for found in _SENTENCE_STOP.finditer(text):
        before = text[start : found.start() + 1].rsplit(None, 1)[-1].rstrip(".").lower()
        before = before.lstrip('"“‘(')
        if before in _ABBREVIATIONS or (_LETTER.fullmatch(before) and text[found.start()] == "."):
            continue
        out.append(text[start : found.end()].strip())
        start = found.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


def lede(paragraphs: Sequence[str], dateline: Dateline | None = None) -> str:
    """The first paragraph that reads like a sentence, without its dateline."""
    for paragraph in paragraphs:
        text = paragraph
        if dateline is not None and text.startswith(dateline.text):
            text = text[len(dateline.text) :].strip()
        if len(words(text)) >= 8:
            return text
    for paragraph in paragraphs:
        if dateline is None or paragraph.strip() != dateline.text:
            return paragraph
    return ""


def summarise(paragraphs: Sequence[str], dateline: Dateline | None = None) -> str:
    """One sentence of the lede, two when the first is short; at most ~300 characters."""
    text = lede(paragraphs, dateline)
    parts = sentences(text)
    if not parts:
        return ""
    summary = parts[0]
    if len(parts) > 1 and len(summary) < 120 and len(summary) + 1 + len(parts[1]) <= MAX_SUMMARY:
        summary = f"{summary} {parts[1]}"
    if len(summary) > MAX_SUMMARY * 1.1:
        cut = summary[: MAX_SUMMARY - 1]
        cut = cut.rsplit(" ", 1)[0] if " " in cut else cut
        summary = cut.rstrip(",;:-–— ") + "…"
    return summary


def language(text: str) -> str:
    """The language whose common words are most frequent; 'en' when unsure."""
    return language_of_words(words(text[:LANGUAGE_SAMPLE]))


def language_of_words(sample: Sequence[str]) -> str:
    """`language` for the words of its sample (see `words_and_sample`)."""
    if len(sample) < 5:
        return "en"
    # Count only the stop words (one pass), then add each to every language it is in.
    scores = dict.fromkeys(_STOP_SETS, 0)
    hits = Counter(word for word in map(str.lower, sample) if word in _LANGUAGES_OF)
    for word, count in hits.items():
        for lang in _LANGUAGES_OF[word]:
            scores[lang] += count
    return _best_language(scores)


def _best_language(scores: dict[str, int]) -> str:
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] > scores["en"] * 1.2 and scores[best] >= 3 else "en"
