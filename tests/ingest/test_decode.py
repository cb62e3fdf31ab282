"""decode: bytes in any common encoding -> clean NFC text, or a SeedError."""

from __future__ import annotations

import codecs

import pytest

from newsgen.errors import SeedError
from newsgen.ingest.decode import decode


def test_utf8_with_and_without_bom() -> None:
    text = "Café “news” — £5\n"
    assert decode(text.encode(), path="a.txt") == text
    assert decode(codecs.BOM_UTF8 + text.encode(), path="a.txt") == text


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(codec: str) -> None:
    data = "Kim’s headline\n\nBody text.".encode(codec)
    if codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert decode(data, path="a.txt") == "Kim’s headline\n\nBody text."


def test_utf16_without_bom_is_detected() -> None:
    assert decode("Plain headline\n\nBody".encode("utf-16-le"), path="a.txt").startswith("Plain")


def test_cp1252_curly_apostrophe() -> None:
    data = "Kim’s plan costs €5 – says “Mr Lee”".encode("cp1252")
    assert decode(data, path="a.txt") == "Kim’s plan costs €5 – says “Mr Lee”"


def test_latin1_accents() -> None:
    assert decode("Señor Müller à Zürich".encode("latin-1"), path="a.txt") == (
        "Señor Müller à Zürich"
    )


def test_mojibake_is_repaired_but_quotes_stay_curly() -> None:
    data = "Kimâ€™s “plan” and 'straight'".encode()
    assert decode(data, path="a.txt") == "Kim’s “plan” and 'straight'"


def test_crlf_and_cr_become_lf() -> None:
    assert decode(b"Head\r\n\r\nBody\r\n", path="a.txt") == "Head\n\nBody\n"
    assert decode(b"Head\r\rBody\r", path="a.txt") == "Head\n\nBody\n"


def test_nfc_controls_and_spaces() -> None:
    data = "Cafe\u0301  has   two\x07 spaces\tand\ttabs  ".encode()
    assert decode(data, path="a.txt") == "Café has two spaces\tand\ttabs"


def test_html_entities_and_ligatures_are_left_alone() -> None:
    assert decode("AT&amp;T ﬁne".encode(), path="a.txt") == "AT&amp;T ﬁne"


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\t\r\n", "\u3000\n".encode("utf-16"), b"\x00\x00\x00\x00\x00\x00"],
)
def test_empty_or_blank_is_an_error_naming_the_path(data: bytes) -> None:
    with pytest.raises(SeedError) as caught:
        decode(data, path="seeds/blank.txt")
    assert caught.value.path == "seeds/blank.txt"
    assert caught.value.hint


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 4,
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"PK\x03\x04\x14\x00\x00\x00",
        b"Headline\x00\x00\x00\x00\x00\x01\x02\x03 body" * 3,
    ],
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(SeedError, match=r"not (a )?text"):
        decode(data, path="seeds/x.txt")


def test_a_stray_nul_is_dropped() -> None:
    data = b"Headline\n\n" + b"A long enough paragraph of real text here. " * 10 + b"\x00"
    assert "\x00" not in decode(data, path="a.txt")


def test_a_single_pound_sign_in_cp1252_is_not_read_as_shift_jis() -> None:
    """Found by bench/encoding_report.py: 22 of 445 BBC stories came out with '｣' for '£'."""
    text = "Profit fell 36% to 2.9bn euros (£1.99bn). " + "Shares fell 1% in early trading. " * 20
    assert decode(text.encode("cp1252"), path="s.txt").startswith(
        "Profit fell 36% to 2.9bn euros (£1.99bn)"
    )


def test_cyrillic_single_byte_text_is_still_detected() -> None:
    text = (
        "Правительство объявило о новых мерах поддержки экономики и бизнеса в регионах страны. " * 5
    )
    assert decode(text.encode("cp1251"), path="s.txt").startswith("Правительство объявило")
