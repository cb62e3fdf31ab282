from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st
from slugify import slugify

from newsgen.slugs import MAX_LENGTH, is_safe_slug, make_slug, name_slug, unique_slug


def test_readable_slug() -> None:
    assert make_slug("Kim Jong Un orders more missiles") == "kim-jong-un-orders-more-missiles"


def test_non_latin_titles_are_transliterated() -> None:
    assert make_slug("Москва готовится к зиме") == "moskva-gotovitsia-k-zime"
    assert make_slug("北京") != ""


def test_empty_and_path_like_titles() -> None:
    assert make_slug("!!!").startswith("article-")
    assert make_slug("../../etc/passwd") == "etc-passwd"


def test_collisions_get_a_stable_suffix() -> None:
    taken = {"same-title"}
    first = unique_slug("same-title", "seeds/a.txt", taken)
    assert first != "same-title"
    assert first == unique_slug("same-title", "seeds/a.txt", taken)
    assert first != unique_slug("same-title", "seeds/b.txt", taken)


@given(st.text())
def test_any_title_gives_a_safe_slug(text: str) -> None:
    slug = make_slug(text)
    assert is_safe_slug(slug)
    assert "/" not in slug and ".." not in slug


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet=string.ascii_letters + string.digits, min_size=1), min_size=1))
def test_plain_names_slug_as_slugify_would(words: list[str]) -> None:
    """The fast path for names of plain words gives exactly what `slugify` gives, the
    long ones (cut at a word) included."""
    text = " ".join(words)
    expected = slugify(text, max_length=MAX_LENGTH, word_boundary=True, save_order=True)
    assert name_slug(text) == expected
