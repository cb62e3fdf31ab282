"""Compiled templates are cached between builds, and the cache can never change a page."""

from __future__ import annotations

import tempfile
from pathlib import Path

import jinja2
import pytest
from jinja2.bccache import bc_magic

from newsgen.site.render import make_environment


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temp folder of this test's own, where Jinja makes its per-user cache folder."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "hello.html").write_text("Hello {{ name }}!\n", encoding="utf-8")
    return folder


def _compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    original = jinja2.Environment.compile

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):  # type: ignore[no-untyped-def]
        seen.append(name)
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", compile)
    return seen


def _cache_files(private_tmp: Path) -> list[Path]:
    return sorted(private_tmp.glob("_jinja2-cache-*/newsgen-*.cache"))


def test_a_second_environment_uses_the_compiled_template(
    private_tmp: Path, templates: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_environment(templates).get_template("hello.html").render(name="<b>")
    assert first == "Hello &lt;b&gt;!\n"
    assert _cache_files(private_tmp)
    compiled = _compiles(monkeypatch)
    again = make_environment(templates).get_template("hello.html").render(name="<b>")
    assert again == first
    assert compiled == []


def test_an_edited_template_is_compiled_again(
    private_tmp: Path, templates: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_environment(templates).get_template("hello.html")
    (templates / "hello.html").write_text("Goodbye {{ name }}.\n", encoding="utf-8")
    compiled = _compiles(monkeypatch)
    page = make_environment(templates).get_template("hello.html").render(name="you")
    assert page == "Goodbye you.\n"
    assert compiled == ["hello.html"]


@pytest.mark.parametrize("damage", [b"", b"\xffnot a pickle"], ids=["cut short", "garbled"])
def test_a_damaged_cache_entry_is_compiled_again(
    private_tmp: Path, templates: Path, damage: bytes
) -> None:
    make_environment(templates).get_template("hello.html")
    files = _cache_files(private_tmp)
    assert files
    for path in files:  # Jinja's header kept, what follows it damaged
        path.write_bytes(bc_magic + damage)
    page = make_environment(templates).get_template("hello.html").render(name="you")
    assert page == "Hello you!\n"


def test_without_a_private_temp_folder_there_is_no_cache(
    tmp_path: Path, templates: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setattr(tempfile, "tempdir", str(blocked))
    env = make_environment(templates)
    assert env.bytecode_cache is None
    assert env.get_template("hello.html").render(name="you") == "Hello you!\n"
