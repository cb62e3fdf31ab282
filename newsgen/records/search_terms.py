"""The words a story is found by, kept with its record in the catalog.

`site.search` builds the index from them; `static/search.js` must tokenise a query
exactly like `words()`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from newsgen.analysis.keywords import STOP

_TOKEN = re.compile(r"[^\W_]{2,}")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Bytes -> themselves for a-z, 0-9 and non-ASCII; A-Z lowered; anything else a space.
_ASCII_WORDS = bytes(
    b + 32 if 65 <= b <= 90 else b if (48 <= b <= 57 or 97 <= b <= 122 or b >= 128) else 32
    for b in range(256)
)
_NOISE = frozenset(STOP) | frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def fold(text: str) -> str:
    """Lower case without accents, so `Zürich` and `zurich` meet."""
    text = text.lower()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> set[str]:
    """Distinct indexable words: folded, two characters or more, no stop words.

    ASCII is split with one `bytes.translate` (ten times faster than a regex,
    which matters at 20k stories); tokens with other letters go through `fold`.
    """
    if not text.isascii():
        text = _spaced(text)
    if text.isascii():
        return set(text.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split()) - _NOISE
    return folded_words(text)


def folded_words(text: str) -> set[str]:
    """`words`, each token with a non-ASCII character folded on its own."""
    out: set[str] = set()
    for token in set(text.encode("utf-8").translate(_ASCII_WORDS).split()):
        if token.isascii():
            out.add(token.decode("ascii"))
        else:
            out.update(_TOKEN.findall(fold(token.decode("utf-8"))))
    return out - _NOISE


def _spaced(text: str) -> str:
    """`text` with its non-ASCII characters made spaces if each only separates words
    (a "£", a dash): then `words` of it is `words(text)`, found the ASCII way."""
    chars = set(_NON_ASCII.findall(text))
    if all(_separates(char) for char in chars):
        for char in chars:
            text = text.replace(char, " ")
    return text


@lru_cache(maxsize=4096)
def _separates(char: str) -> bool:
    """A character `fold` keeps as it is and `_TOKEN` splits at, and that is no combining
    mark (which `fold` drops, joining its neighbours). With no non-ASCII letter in a text,
    such a character is a space to `words`."""
    return not char.isalnum() and not unicodedata.combining(char) and fold(char) == char


def index_terms(title: str, body: str) -> str:
    """The words a story is found by: its title's, a newline, then the body's others.

    Kept in the catalog with each record, so an incremental build reads them
    instead of tokenising every story again.
    """
    in_title = words(title)
    return " ".join(sorted(in_title)) + "\n" + " ".join(sorted(words(body) - in_title))
