"""Hostile seeds through a whole build: it completes, names what it rejects,
shows the seed's words as text, writes nothing outside _site/ and no script."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from newsgen.cli import cli

HOSTILE: dict[str, bytes] = {
    "script.txt": b"<script>alert('x')</script> Breaking news\n\nThe <img src=x onerror=alert(1)> council met. <iframe src=javascript:alert(1)></iframe>\n\nSee [here](javascript:alert(2)).\n",
    "yaml-ish.txt": b"Budget vote: what happens next\n\n---\ntitle: injected\n---\n\nkey: value lines are just text here.\n",
    "template.txt": b"{{ config }} and {% raw %} in a headline\n\nThe {{ site.title }} of {% for x in y %}loops{% endfor %} is text.\n",
    "path.txt": b"../../etc/passwd\n\nA headline that looks like a path must stay inside the output folder.\n",
    "nul.txt": b"Headline with a NUL\x00 byte\n\nBody text with \x07 control characters and \x1b escapes.\n",
    "rtl.txt": "مرحبا بالعالم\n\nنص عربي من اليمين إلى اليسار مع English words.\n".encode(),
    "dup-a.txt": b"The same headline twice\n\nFirst story with this headline.\n",
    "dup-b.txt": b"The same headline twice\n\nSecond story with this headline.\n",
    "nothing.txt": b"!!! ??? ...\n\nA headline that slugifies to nothing.\n",
    "name with spaces & 'quotes' \xc3\xa9.txt": b"Seed file names can be odd\n\nThe file name has spaces, quotes and an accented letter.\n",
    "long.txt": b"L" * 10_000 + b"\n\nA story under a 10,000-character headline.\n",
    # A name as long as a headline: its page's folder must still fit a file name.
    "long-name.txt": " ".join(["Überraschung-Ünïcödé-Straße"] * 20).encode()
    + b"\n\nA paragraph written in Berlin on Monday.\n",
    # A saved web page: its markup goes, and what it says in text stays text.
    "page.html": b"<!DOCTYPE html><html><head><title>&lt;script&gt;alert(3)&lt;/script&gt;</title>"
    b'<meta name="author" content="<img src=x onerror=alert(4)>"></head><body>'
    b"<h1 onclick=alert(5)>Saved &lt;b&gt;page&lt;/b&gt; headline</h1>"
    b'<p>A paragraph with <a href="javascript:alert(6)">a link</a> and '
    b"&lt;iframe src=javascript:alert(7)&gt; as text.</p><script>alert(8)</script></body></html>",
    "md.txt": b"#MeToo and *stars* and _under_ scores\n\n1. Not a list\n\n> not a quote\n\n---\n",
    "empty.txt": b"",
    "blank.txt": b"   \n\n\t\n",
    "binary.bin": bytes(range(256)) * 4,
}
REJECTED = {"empty.txt", "blank.txt", "binary.bin"}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object, set[str]]:
    root = tmp_path_factory.mktemp("hostile") / "site"
    seeds = root / "seeds"
    seeds.mkdir(parents=True)
    for name, data in HOSTILE.items():
        (seeds / name).write_bytes(data)
    (seeds / "big.txt").write_bytes(
        b"A five megabyte seed\n\n"
        + (b"Word after word in a very long story. " * 40 + b"\n\n") * 3500
    )
    outside = root.parent / "outside.txt"
    outside.write_text("secret outside the site\n")
    os.symlink(outside, seeds / "link.txt")
    before = set(root.parent.rglob("*"))
    result = CliRunner().invoke(cli, ["build", "--root", str(root)])
    after = set(root.parent.rglob("*"))
    new_outside = {p for p in after - before if root not in p.parents and p != root}
    return root, result, {str(p) for p in new_outside}


def test_build_completes_and_names_rejected_seeds(hostile_site) -> None:
    root, result, _ = hostile_site
    assert result.exit_code == 1, result.output
    for name in [*REJECTED, "link.txt"]:
        assert f"seeds/{name}" in result.output
    assert (root / "_site" / "index.html").is_file()


def test_nothing_is_written_outside_the_site(hostile_site) -> None:
    _, _, new_outside = hostile_site
    assert new_outside == set()


def test_every_name_in_the_site_fits_a_file_system(hostile_site) -> None:
    """Slugs of names are capped like slugs of headlines (slugs.name_slug): one name
    the analysis took from a long headline once made a folder name too long to write,
    and the whole build failed."""
    root = hostile_site[0]
    for path in (root / "_site").rglob("*"):
        assert len(path.name.encode()) <= 255, path.name


def test_symlinks_are_not_followed(hostile_site) -> None:
    root, _, _ = hostile_site
    for page in (root / "_site").rglob("*.html"):
        assert "secret outside the site" not in page.read_text()


def test_every_accepted_seed_has_a_record(hostile_site) -> None:
    root, _, _ = hostile_site
    records = list((root / "articles").glob("*.md"))
    assert len(records) == len(HOSTILE) - len(REJECTED) + 1  # + big.txt
    slugs = [r.stem for r in records]
    assert len(set(slugs)) == len(slugs)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s) for s in slugs)


def _pages(root: Path) -> list[Path]:
    return sorted((root / "_site").rglob("*.html"))


def test_no_script_other_than_the_theme_and_no_handlers(hostile_site) -> None:
    root, _, _ = hostile_site
    for page in _pages(root):
        soup = BeautifulSoup(page.read_text(), "html.parser")
        for script in soup.find_all("script"):
            assert script.get("type") == "application/ld+json" or (
                script.get("src", "").startswith(("../", "static/")) and not script.string
            ), (page, script)
        for tag in soup.find_all(True):
            for attr, value in tag.attrs.items():
                assert not attr.lower().startswith("on"), (page, tag)
                values = value if isinstance(value, list) else [value]
                assert not any(str(v).strip().lower().startswith("javascript:") for v in values), (
                    page,
                    tag,
                )
        assert not soup.find("iframe") and not soup.find("img", onerror=True)


def test_seed_words_show_as_text(hostile_site) -> None:
    root, _, _ = hostile_site
    texts = {
        p.parent.name: BeautifulSoup(p.read_text(), "html.parser").get_text(" ")
        for p in (root / "_site" / "articles").glob("*/index.html")
    }
    joined = "\n".join(texts.values())
    assert "<script>alert('x')</script> Breaking news" in joined
    assert "{{ config }}" in joined and "{{ site.title }}" in joined
    assert "#MeToo and *stars* and _under_ scores" in joined
    assert "1. Not a list" in joined and "> not a quote" in joined
    assert "مرحبا بالعالم" in joined
    assert "Saved <b>page</b> headline" in joined  # the page's text, as text
    assert "<iframe src=javascript:alert(7)> as text." in joined
    assert "alert(8)" not in joined  # its script was markup, not text
