"""Raw seed bytes -> clean Unicode text.

Seeds come from anywhere (copy-paste, old Windows editors, scrapers), so decoding is
forgiving about encodings and mojibake but refuses things that are not text at all:
a silently garbled page is worse than an error that says which file to fix.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import cache
from typing import TYPE_CHECKING

from newsgen.errors import SeedError

if TYPE_CHECKING:
    import ftfy

# Magic numbers of files people drop into a seeds folder by mistake.
_MAGIC = (
    (b"%PDF", "a PDF"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.odt)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file"),
    (b"\x7fELF", "a program"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Single-byte encodings where cp1252 is the better reading (it is what Windows wrote).
_WESTERN = {"cp1252", "latin_1", "iso8859_15", "iso8859_1", "mac_roman", "cp850", "ascii"}

_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# C0/C1 controls except tab and newline, plus stray BOMs and lone surrogates.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff\ud800-\udfff]")
_SPACES = re.compile(r" {2,}")
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)
# Characters _LINE_BREAKS replaces: `in` tests for them are far cheaper than the regex.
_BREAK_CHARS = ("\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029")
# ASCII that ftfy may change (its control characters; ESC starts a terminal escape).
_ASCII_FIXABLE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Two sets of characters that ftfy never changes in a line of ASCII and characters of one
# set, as no rule of its mojibake test (`ftfy.badness`) can match such a line and none
# is a control, a C1 or a surrogate, or changes under NFC: proven against ftfy's own
# regex by tests/ingest/test_decode_inert.py. A line with other characters goes to ftfy.
# (ftfy's test is two thirds of its cost, and its import a twentieth of a second.)
INERT_TYPOGRAPHY = "’“”‘—–…°•«»·"
INERT_MONEY = "£€¥¢’—–…°½¼¾×·"
_NOT_TYPOGRAPHY = re.compile(f"[^\x00-\x7f{INERT_TYPOGRAPHY}]")
_NOT_MONEY = re.compile(f"[^\x00-\x7f{INERT_MONEY}]")
# Every byte except the C0 controls that never appear in text (NUL..BS, SO..US).
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32))
_HINT = "save the seed as UTF-8 plain text"


@cache
def _fixer() -> ftfy.TextFixerConfig:
    import ftfy  # here: most seeds never need it, and its import is costly

    # Repair mojibake only; keep the author's typography (curly quotes, ligatures, widths)
    # and leave HTML entities alone (we do not know the text is HTML).
    return ftfy.TextFixerConfig(
        unescape_html=False,
        uncurl_quotes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        fix_line_breaks=False,
        normalization="NFC",
        explain=False,
    )


def _refuse_binary(data: bytes, path: str) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise SeedError(
                f"this is {what}, not a text seed",
                path=path,
                hint="export the story as plain text (.txt) or move the file out of seeds/",
            )
    sample = data[:65536]
    nuls = sample.count(0)
    controls = len(sample.translate(None, _NOT_CONTROL)) - nuls
    if nuls > max(2, len(sample) // 100) or controls > max(8, len(sample) // 20):
        raise SeedError(
            "binary data (NUL or control bytes), not text",
            path=path,
            hint=f"{_HINT}; if it is UTF-16, save it with a byte-order mark",
        )


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: English text has a NUL in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _decode_bytes(data: bytes, path: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as err:
                raise SeedError(
                    f"starts with a {encoding} byte-order mark but is not valid {encoding}",
                    path=path,
                    hint=_HINT,
                ) from err
    wide = _looks_utf16(data)
    if wide:
        try:
            return data.decode(wide)
        except UnicodeDecodeError:
            pass
    _refuse_binary(data, path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data, path)


def _decode_legacy(data: bytes, path: str) -> str:
    # Mostly-ASCII text with a few high bytes (a '£', a curly quote) is Western:
    # a detector guessing from three bytes picks Shift-JIS as happily as cp1252.
    # Text in Cyrillic, Greek or CJK code pages has high bytes in nearly every word.
    high = sum(1 for b in data if b >= 0x80)
    if high <= 0.05 * len(data):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes  # slow import; only needed off the UTF-8 path

    best = from_bytes(data).best()
    if best is not None and (_is_multibyte(best.encoding) or _non_latin(best.encoding)):
        return str(best)
    # Latin-script code pages (cp1250, iso8859-2, ...) are hard to tell apart on short
    # text, and the detector often says cp1250 for French or German: cp1252 it is.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


_NON_LATIN = (
    "cp1251", "koi8", "iso8859_5", "mac_cyrillic", "cp866", "cp855",  # Cyrillic
    "cp1253", "iso8859_7", "mac_greek",  # Greek
    "cp1255", "iso8859_8", "cp1256", "iso8859_6",  # Hebrew, Arabic
    "cp874", "tis_620", "iso8859_11",  # Thai
)  # fmt: skip


def _non_latin(encoding: str) -> bool:
    return encoding.startswith(_NON_LATIN)


def _is_multibyte(encoding: str) -> bool:
    return any(
        key in encoding
        for key in ("utf", "gb", "big5", "shift_jis", "euc", "cp932", "cp949", "cp950", "hz")
    )


def _inert(text: str) -> bool:
    """Whether ftfy would return `text` (without ASCII controls) unchanged: it holds
    only ASCII and the characters of one inert set."""
    return not _NOT_TYPOGRAPHY.search(text) or not _NOT_MONEY.search(text)


def _ftfy(text: str) -> str:
    import ftfy

    return ftfy.fix_text(text, _fixer())


def _fix_text(text: str) -> str:
    """`ftfy.fix_text`, but only on the lines that need it (the same result, faster).

    ftfy fixes each line (up to and including its "\\n") on its own, and returns a line
    of ASCII without control characters unchanged, so most lines of a story with a
    single "£" can skip it.
    """
    if _ASCII_FIXABLE.search(text):  # rare: let ftfy see everything
        return _ftfy(text)
    if _inert(text):  # then so is every line of it
        return text
    out: list[str] = []
    done = 0  # text[:done] is in `out`
    while found := _NON_ASCII.search(text, done):
        start = text.rfind("\n", 0, found.start()) + 1
        end = text.find("\n", found.start()) + 1 or len(text)
        line = text[start:end]
        out.append(text[done:start])
        out.append(line if _inert(line) else _ftfy(line))
        done = end
    out.append(text[done:])
    return "".join(out)


def normalise(text: str) -> str:
    """Repair and normalise already-decoded text (also used for front matter values)."""
    # Each substitution is skipped when a cheap test shows it has nothing to replace.
    if any(char in text for char in _BREAK_CHARS):
        text = _LINE_BREAKS.sub("\n", text)
    if not text.isascii():
        text = _fix_text(text)
        text = unicodedata.normalize("NFC", text)
    text = _CONTROLS.sub("", text)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    if " \n" in text or "\t\n" in text or text.endswith((" ", "\t")):
        text = _TRAILING.sub("", text)
    return text


def decode(data: bytes, *, path: str) -> str:
    """Decode a seed to NFC text with LF line ends; raise SeedError for non-text input."""
    if not data.strip():
        raise SeedError("the seed is empty", path=path, hint="write a headline and the story")
    text = normalise(_decode_bytes(data, path))
    if not text.strip():
        raise SeedError(
            "the seed has no readable text", path=path, hint="write a headline and the story"
        )
    return text
