"""decode skips ftfy on lines of ASCII and one inert set: proof that ftfy would not
change them, checked against ftfy's own mojibake regex (so a new ftfy that would is
caught here, not in a garbled story)."""

from __future__ import annotations

import random
import re
import unicodedata
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import ftfy
import pytest
from ftfy.badness import BADNESS_RE
from ftfy.chardata import CONTROL_CHARS

from newsgen.ingest.decode import INERT_MONEY, INERT_TYPOGRAPHY, _fix_text, _fixer, _inert

ASCII = [chr(i) for i in range(128)]
_CATEGORIES = {
    sre.CATEGORY_SPACE: re.compile(r"\s"),
    sre.CATEGORY_WORD: re.compile(r"\w"),
    sre.CATEGORY_DIGIT: re.compile(r"\d"),
}


def _in_set(items: list[tuple[Any, Any]], char: str) -> bool:
    code, negate, hit = ord(char), False, False
    for op, arg in items:
        if op is sre.NEGATE:
            negate = True
        elif op is sre.LITERAL:
            hit |= code == arg
        elif op is sre.RANGE:
            hit |= arg[0] <= code <= arg[1]
        elif op is sre.CATEGORY:
            hit |= bool(_CATEGORIES[arg].match(char))
        else:  # pragma: no cover - a construct this proof does not know
            raise AssertionError(f"unknown set item {op}")
    return hit != negate


def _matches(op: Any, arg: Any, char: str) -> bool:
    if op is sre.LITERAL:
        return ord(char) == arg
    if op is sre.NOT_LITERAL:
        return ord(char) != arg
    if op is sre.IN:
        return _in_set(arg, char)
    if op is sre.ANY:
        return char != "\n"
    raise AssertionError(f"unknown element {op}")  # pragma: no cover


def _can_match(branch: list[tuple[Any, Any]], alphabet: list[str]) -> bool:
    """Whether some string over `alphabet` matches `branch`: each of its elements is one
    character (or an optional one), so it can exactly when every element that must
    match a character matches one of `alphabet`."""
    for op, arg in branch:
        if op is sre.AT:  # ^ or $: a place, not a character
            continue
        if op is sre.MAX_REPEAT and arg[0] == 0:  # "\s?": may match nothing
            continue
        assert op not in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.SUBPATTERN, sre.BRANCH)
        if not any(_matches(op, arg, char) for char in alphabet):
            return False
    return True


def _branches() -> list[list[tuple[Any, Any]]]:
    tree = sre_parse.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    [(op, (_, branches))] = list(tree)
    assert op is sre.BRANCH
    return [list(branch) for branch in branches]


@pytest.mark.parametrize("inert", [INERT_TYPOGRAPHY, INERT_MONEY])
def test_no_mojibake_rule_matches_ascii_and_an_inert_set(inert: str) -> None:
    alphabet = ASCII + list(inert)
    branches = _branches()
    assert len(branches) > 20  # the regex was read, not an empty parse
    assert [i for i, b in enumerate(branches) if _can_match(b, alphabet)] == []
    # The proof can fail: one character more and a rule matches.
    assert any(_can_match(b, [*alphabet, "Ã"]) for b in branches)


@pytest.mark.parametrize("char", sorted(set(INERT_TYPOGRAPHY + INERT_MONEY)))
def test_inert_characters_are_no_controls_and_stay_under_nfc(char: str) -> None:
    assert ord(char) > 0x9F and not 0xD800 <= ord(char) <= 0xDFFF
    assert ord(char) not in CONTROL_CHARS
    for other in ASCII:
        for pair in (other + char, char + other):
            assert unicodedata.normalize("NFC", pair) == pair


def test_ftfy_leaves_random_inert_lines_unchanged() -> None:
    rng = random.Random(7)
    ascii_text = [chr(i) for i in range(32, 127)] + ["\t"]
    for inert in (INERT_TYPOGRAPHY, INERT_MONEY):
        pool = ascii_text + list(inert) * 4
        for _ in range(2_000):
            line = "".join(rng.choice(pool) for _ in range(rng.randint(1, 40))) + "\n"
            assert _inert(line)
            assert ftfy.fix_text(line, _fixer()) == line, line


def test_mixed_lines_each_go_their_own_way() -> None:
    text = "Costs £5m\n“Bad ‚Äù quote”\nSays “he” — ok\nOne cafÃ© £2\n"
    assert not _inert(text)
    assert _fix_text(text) == ftfy.fix_text(text, _fixer())
    assert "café" in _fix_text(text)
