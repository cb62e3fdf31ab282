from __future__ import annotations

from newsgen.site.urls import absolute, archive_uri, article_uri, relative, term_uri


def test_relative_links_point_at_index_files() -> None:
    page = article_uri("a-story")
    assert relative(page, term_uri("topic", "elections")) == "../../topics/elections/index.html"
    assert relative("index.html", article_uri("x")) == "articles/x/index.html"
    assert relative(term_uri("person", "x", 2), "index.html") == "../../../../index.html"


def test_topic_and_person_with_the_same_name_do_not_collide() -> None:
    assert term_uri("topic", "jordan") != term_uri("person", "jordan")
    assert term_uri("place", "jordan") != term_uri("person", "jordan")


def test_archives_and_absolute_urls() -> None:
    assert archive_uri(2024) == "2024/index.html"
    assert archive_uri(2024, 8, page=2) == "2024/08/page/2/index.html"
    base = "https://example.org/archive/"
    assert absolute(base, "index.html") == base
    assert absolute(base, "topics/x/index.html") == base + "topics/x/"


def test_relative_matches_posixpath() -> None:
    import posixpath

    from hypothesis import given
    from hypothesis import strategies as st

    seg = st.sampled_from(["a", "b", "topics", "x-y", "page", "2"])
    uri = st.lists(seg, max_size=4).map(lambda parts: "/".join([*parts, "index.html"]))

    @given(uri, uri)
    def check(src: str, dst: str) -> None:
        expected = posixpath.relpath(dst, posixpath.dirname(src) or ".")
        assert relative(src, dst) == expected

    check()


def test_a_pages_linker_links_as_relative_does() -> None:
    from hypothesis import given
    from hypothesis import strategies as st

    from newsgen.site.urls import linker

    seg = st.sampled_from(["a", "b", "topics", "x-y", "page", "2", "index.html"])
    name = st.sampled_from(["index.html", "feed.xml", "a", ""])
    uri = st.builds(lambda parts, last: "/".join([*parts, last]), st.lists(seg, max_size=4), name)
    target = uri | uri.map(lambda u: u + "#top") | st.just("") | st.just("#x")

    @given(uri.filter(bool), target)
    def check(page: str, to: str) -> None:
        assert linker(page)(to) == relative(page, to)

    check()
