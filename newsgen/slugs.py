"""Slugs: readable, unique, and never a path.

A slug becomes a folder name under the output folder, so it is reduced to
lowercase ASCII letters, digits and hyphens (non-Latin titles are
transliterated) and can never be empty, contain a separator or be `..`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Container

from slugify import slugify

MAX_LENGTH = 80
_SAFE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Words of ASCII letters and digits, one space apart: most names. Their slug is the words
# lower-cased and joined by hyphens, which is what `slugify` gives them at a small part of
# its cost (it transliterates, unescapes and cleans first); tests hold the two equal.
_PLAIN = re.compile(r"[A-Za-z0-9]+(?: [A-Za-z0-9]+)*")


def name_slug(text: str) -> str:
    """Slug for a name, at most `MAX_LENGTH` long (cut at a word), "" when nothing
    readable is left. Every slug a page is named by is capped: a name the analysis
    took from a long headline would otherwise make a folder name longer than a file
    system allows, and no build could write the site."""
    if len(text) <= MAX_LENGTH and _PLAIN.fullmatch(text):
        return text.lower().replace(" ", "-")
    return slugify(text, max_length=MAX_LENGTH, word_boundary=True, save_order=True)


def make_slug(text: str, *, fallback: str = "article") -> str:
    """Slug for a title or name; `fallback` (hashed) when nothing readable is left."""
    slug = name_slug(text)
    if not slug:
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
        slug = f"{fallback}-{digest}"
    return slug


def is_safe_slug(slug: object) -> bool:
    """True for a slug that is safe to use as one path segment."""
    return isinstance(slug, str) and len(slug) <= 200 and bool(_SAFE.match(slug))


def unique_slug(base: str, key: str, taken: Container[str]) -> str:
    """`base`, or `base-<hash of key>` when taken: stable whatever order seeds arrive in."""
    if base not in taken:
        return base
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()
    for width in (6, 10, 40):
        candidate = f"{base}-{digest[:width]}"
        if candidate not in taken:
            return candidate
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
