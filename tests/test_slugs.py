from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsgen.slugs import is_safe_slug, make_slug, unique_slug


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
