"""Sitemaps: one file, or an index of parts past MAX_URLS; streamed to the writer."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from newsgen.config import SiteConfig
from newsgen.output.writer import OutputWriter, content_hash
from newsgen.site import sitemap

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ENTRIES = [("index.html", None), ("a/index.html", dt.date(2024, 5, 1)), ("b/", None)]


def test_one_sitemap_lists_every_page_with_a_date() -> None:
    ((uri, lines),) = sitemap.sitemaps(SiteConfig(), ENTRIES)
    root = ET.fromstring("".join(lines))
    assert uri == "sitemap.xml"
    assert [u.findtext(f"{NS}loc") for u in root] == [
        "https://example.org/",  # pretty URLs: no index.html
        "https://example.org/a/",
        "https://example.org/b/",
    ]
    # Undated pages take the newest story's date, never the clock.
    assert {u.findtext(f"{NS}lastmod") for u in root} == {"2024-05-01"}


def test_past_the_limit_an_index_points_at_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sitemap, "MAX_URLS", 2)
    files = {uri: "".join(lines) for uri, lines in sitemap.sitemaps(SiteConfig(), ENTRIES)}
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"]
    index = ET.fromstring(files["sitemap.xml"])
    assert [s.findtext(f"{NS}loc") for s in index] == [
        "https://example.org/sitemap-1.xml",
        "https://example.org/sitemap-2.xml",
    ]
    assert len(ET.fromstring(files["sitemap-2.xml"])) == 1


@pytest.mark.parametrize("limit", [2, 50_000])
def test_entries_held_flat_make_the_same_files(monkeypatch: pytest.MonkeyPatch, limit: int) -> None:
    """A build keeps its entries as two flat lists (`Entries`), not a tuple a page."""
    monkeypatch.setattr(sitemap, "MAX_URLS", limit)
    flat = sitemap.Entries()
    for entry in ENTRIES:
        flat.append(entry)
    assert list(flat) == ENTRIES and flat[1] == ENTRIES[1] and list(flat[1:]) == ENTRIES[1:]

    def made(entries: object) -> dict[str, str]:
        return {u: "".join(lines) for u, lines in sitemap.sitemaps(SiteConfig(), entries)}  # type: ignore[arg-type]

    assert made(flat) == made(ENTRIES)


def test_a_streamed_file_has_the_hash_of_its_bytes(tmp_path: Path) -> None:
    writer = OutputWriter(tmp_path / "_site")
    digest = writer.write_stream("sitemap.xml", iter(["<a>\n", "é</a>\n"]))
    writer.commit()
    data = (tmp_path / "_site" / "sitemap.xml").read_bytes()
    assert data == "<a>\né</a>\n".encode()
    assert digest == content_hash(data)
    assert not list((tmp_path / "_site").glob(".newsgen-tmp-*"))
