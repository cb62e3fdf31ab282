"""End-to-end: the CLI in a temp site folder, as a user runs it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgen.cli import cli

COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(runner: CliRunner, command: str) -> None:
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert cli.commands[command].help
    assert "Usage:" in result.output


def test_build_the_bundled_seed(runner: CliRunner, bundled_site: Path) -> None:
    result = runner.invoke(cli, ["build", "--root", str(bundled_site)])
    assert result.exit_code == 0, result.output
    out = bundled_site / "_site"
    assert (out / "index.html").is_file()
    records = list((bundled_site / "articles").glob("*.md"))
    assert len(records) == 1
    slug = records[0].stem
    page = (out / "articles" / slug / "index.html").read_text()
    assert "Kim Jong Un of North Korea orders" in page
    assert "Leave a Reply" not in page
    assert "Your email address will not be published" not in page
    assert list((out / "topics").glob("*/index.html"))


def test_build_twice_is_byte_identical(
    runner: CliRunner, bundled_site: Path, tmp_path: Path
) -> None:
    assert runner.invoke(cli, ["build", "--root", str(bundled_site)]).exit_code == 0
    first = tmp_path / "first"
    shutil.copytree(bundled_site / "_site", first)
    assert runner.invoke(cli, ["build", "--root", str(bundled_site)]).exit_code == 0
    assert _tree(first) == _tree(bundled_site / "_site")


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_export_prints_one_object_per_article(runner: CliRunner, bundled_site: Path) -> None:
    result = runner.invoke(cli, ["export", "--root", str(bundled_site)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1
    record = json.loads(lines[0])
    for key in (
        "slug", "title", "summary", "body", "date", "date_source", "dateline", "section",
        "topics", "people", "places", "organizations", "quotes", "sources", "word_count",
        "source_file", "keywords", "related",
    ):  # fmt: skip
        assert key in record, key
    assert record["source_file"] == "seeds/000_642a102f9749f317.txt"
    assert len(record["body"].split("\n\n")) == 13
    assert {"name", "slug"} <= set(record["section"])
    assert all({"name", "slug"} <= set(p) for p in record["people"])
    assert all({"text", "speaker"} <= set(q) for q in record["quotes"])


def test_a_bad_seed_is_reported_and_the_rest_builds(runner: CliRunner, bundled_site: Path) -> None:
    (bundled_site / "seeds" / "empty.txt").write_bytes(b"")
    (bundled_site / "seeds" / "binary.bin").write_bytes(b"\x00\x01\x02\xff" * 50)
    result = runner.invoke(cli, ["build", "--root", str(bundled_site)])
    assert result.exit_code == 1
    assert "seeds/empty.txt" in result.output
    assert "seeds/binary.bin" in result.output
    assert (bundled_site / "_site" / "index.html").is_file()
    assert len(list((bundled_site / "articles").glob("*.md"))) == 1


def test_a_broken_record_is_reported_and_the_rest_builds(
    runner: CliRunner, bundled_site: Path
) -> None:
    (bundled_site / "articles").mkdir(exist_ok=True)
    (bundled_site / "articles" / "broken.md").write_text("---\ntitle: [oops\n---\n\nBody\n")
    result = runner.invoke(cli, ["build", "--root", str(bundled_site)])
    assert result.exit_code == 1
    assert "articles/broken.md:2" in result.output
    assert (bundled_site / "articles" / "broken.md").read_text().startswith("---\ntitle: [oops")


def test_a_record_broken_by_hand_keeps_its_seed_until_it_is_fixed(
    runner: CliRunner, bundled_site: Path
) -> None:
    """Fixing the record, as the error says, must not leave the story twice."""
    assert runner.invoke(cli, ["build", "--root", str(bundled_site)]).exit_code == 0
    [record] = (bundled_site / "articles").glob("*.md")
    good = record.read_text()
    record.write_text(good.replace("\ntitle:", "\ntitle: [oops\nsubtitle:", 1))
    result = runner.invoke(cli, ["build", "--root", str(bundled_site), "-v"])
    assert result.exit_code == 1
    assert f"articles/{record.name}" in result.output
    assert "was not ingested" in result.output
    assert [p.name for p in (bundled_site / "articles").glob("*.md")] == [record.name]

    record.write_text(good)
    assert runner.invoke(cli, ["build", "--root", str(bundled_site)]).exit_code == 0
    assert [p.name for p in (bundled_site / "articles").glob("*.md")] == [record.name]


def test_hand_edits_survive_a_changed_seed(runner: CliRunner, bundled_site: Path) -> None:
    assert runner.invoke(cli, ["ingest", "--root", str(bundled_site)]).exit_code == 0
    record = next((bundled_site / "articles").glob("*.md"))
    edited = record.read_text().replace("Days before South Korea", "EDITED Days before South Korea")
    record.write_text(edited)
    seed = next((bundled_site / "seeds").glob("*.txt"))
    seed.write_text(seed.read_text() + "\n\nA new paragraph from the wire.\n")
    result = runner.invoke(cli, ["build", "--root", str(bundled_site), "-v"])
    assert result.exit_code == 0, result.output
    assert record.read_text() == edited
    assert "edited by hand" in result.output
    page = (bundled_site / "_site" / "articles" / record.stem / "index.html").read_text()
    assert "EDITED Days before" in page


def test_an_unedited_record_follows_its_seed(runner: CliRunner, bundled_site: Path) -> None:
    assert runner.invoke(cli, ["ingest", "--root", str(bundled_site)]).exit_code == 0
    record = next((bundled_site / "articles").glob("*.md"))
    before = record.read_text()
    seed = next((bundled_site / "seeds").glob("*.txt"))
    seed.write_text(
        seed.read_text().replace("Leave a Reply", "A new paragraph from the wire.\n\nLeave a Reply")
    )
    assert runner.invoke(cli, ["ingest", "--root", str(bundled_site)]).exit_code == 0
    after = record.read_text()
    assert after != before and "A new paragraph from the wire." in after


def test_a_changed_seed_keeps_the_date_of_its_first_ingest(
    runner: CliRunner, tmp_path: Path
) -> None:
    """An undated seed is dated by its mtime once; editing it later (a new mtime) must
    not move the story in the archive. The record is then written with the kept date,
    not as the ingest worker first made it."""
    import os

    from newsgen.records.record_file import read_record

    site = tmp_path / "site"
    (site / "seeds").mkdir(parents=True)
    seed = site / "seeds" / "story.txt"
    seed.write_text("A headline about harbours\n\nThe harbour opened on time.\n")
    day = 86400
    os.utime(seed, (10 * day, 10 * day))
    assert runner.invoke(cli, ["build", "--root", str(site)]).exit_code == 0
    record = next((site / "articles").glob("*.md"))
    first = read_record(record).article
    seed.write_text(seed.read_text() + "\nA second paragraph arrived.\n")
    os.utime(seed, (400 * day, 400 * day))
    result = runner.invoke(cli, ["build", "--root", str(site)])
    assert result.exit_code == 0, result.output
    again = read_record(record).article
    assert "A second paragraph arrived." in again.paragraphs
    assert (again.date, again.date_source) == (first.date, "file mtime")
    assert read_record(record).generated  # its hash matches: a later build may update it


def test_hand_written_record_is_built_and_analysed(runner: CliRunner, site: Path) -> None:
    (site / "articles" / "my-story.md").write_text(
        "---\ntitle: Council approves budget\ndate: 2024-03-05\n---\n\n"
        "The city council in Paris approved the budget, Mayor Anne Hidalgo said.\n"
    )
    result = runner.invoke(cli, ["build", "--root", str(site)])
    assert result.exit_code == 0, result.output
    assert (site / "_site" / "articles" / "my-story" / "index.html").is_file()
    assert (site / "_site" / "2024" / "03" / "index.html").is_file()
    assert (site / "articles" / "my-story.md").read_text().startswith("---\ntitle: Council")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["build", "--root", "/nonexistent/site"], "does not exist"),
        (["build", "--output", "."], "site root"),
        (["build", "--output", "seeds"], "overlaps"),
        (["build", "--output", "newsgen.yaml"], "is a file"),
        (["build", "--output", "/"], "contains it"),
        (["build", "--bogus"], "No such option"),
        (["frobnicate"], "No such command"),
    ],
    ids=[
        "missing-root",
        "output-is-root",
        "output-is-seeds",
        "output-is-file",
        "output-is-slash",
        "bad-option",
        "bad-command",
    ],
)
def test_usage_errors_exit_2_with_one_clear_line(
    runner: CliRunner, site: Path, args: list[str], words: str
) -> None:
    (site / "newsgen.yaml").write_text("title: T\n")
    if "--root" not in args and args[0] == "build":
        args = [*args, "--root", str(site)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert words in result.output
    assert "Traceback" not in result.output


def test_bad_config_exits_2(runner: CliRunner, site: Path) -> None:
    (site / "newsgen.yaml").write_text("titel: X\n")
    result = runner.invoke(cli, ["build", "--root", str(site)])
    assert result.exit_code == 2
    assert "newsgen.yaml" in result.output and "titel" in result.output


def test_broken_template_exits_2_naming_it(runner: CliRunner, bundled_site: Path) -> None:
    (bundled_site / "templates").mkdir()
    (bundled_site / "templates" / "article.html").write_text(
        "{% extends 'base.html' %}{% block main %}{{ oops( }}{% endblock %}"
    )
    result = runner.invoke(cli, ["build", "--root", str(bundled_site)])
    assert result.exit_code == 2
    assert "article.html" in result.output
    assert not (bundled_site / "_site").exists()


def test_a_broken_template_no_page_uses_yet_still_stops_the_build(
    runner: CliRunner, bundled_site: Path
) -> None:
    """Not only when a page first needs it (a speaker's page, once someone is quoted)."""
    (bundled_site / "templates" / "partials").mkdir(parents=True)
    (bundled_site / "templates" / "partials" / "unused.html").write_text("<p>\n{% if %}\n")
    result = runner.invoke(cli, ["build", "--root", str(bundled_site)])
    assert result.exit_code == 2
    assert "partials/unused.html:2" in result.output
    assert "template syntax error" in result.output


def test_editor_and_hidden_files_in_templates_are_not_templates(
    runner: CliRunner, bundled_site: Path
) -> None:
    (bundled_site / "templates" / ".git").mkdir(parents=True)
    (bundled_site / "templates" / ".git" / "x.html").write_text("{% if %}")
    (bundled_site / "templates" / ".#article.html").write_text("{{ half-saved")
    (bundled_site / "templates" / "notes.md").write_text("{% not jinja %}")
    result = runner.invoke(cli, ["build", "--root", str(bundled_site)])
    assert result.exit_code == 0, result.output


def test_a_copied_seed_is_a_warning_naming_both(runner: CliRunner, bundled_site: Path) -> None:
    """Both stay published (newsgen cannot know which one is meant); the default output
    says there is a warning, -v says which. Said when one of them is ingested, not on
    every build."""
    seeds = bundled_site / "seeds"
    original = next(seeds.glob("*.txt"))
    assert runner.invoke(cli, ["build", "--root", str(bundled_site)]).exit_code == 0
    shutil.copy(original, seeds / "zz-copy.txt")
    (seeds / "other.txt").write_text("Harbour opens\n\nThe harbour in Oslo opened on Monday.\n")
    result = runner.invoke(cli, ["build", "--root", str(bundled_site)])
    assert result.exit_code == 0, result.output
    assert "1 warning: -v lists them" in result.output
    (seeds / "other.txt").write_text("Harbour shuts\n\nThe harbour in Oslo shut on Friday.\n")
    (seeds / "zz-copy.txt").touch()  # looked at again, same bytes: not ingested again
    result = runner.invoke(cli, ["build", "--root", str(bundled_site), "-v"])
    assert "warning" not in result.output
    shutil.rmtree(bundled_site / "articles")  # every seed ingested again
    result = runner.invoke(cli, ["build", "--root", str(bundled_site), "-v"])
    warnings = [line for line in result.output.splitlines() if line.startswith("warning")]
    assert warnings == [
        f"warning: seeds/{original.name}, seeds/zz-copy.txt have the same text: the story "
        "is published 2 times (delete all but one of them)"
    ]
    assert len(list((bundled_site / "articles").glob("*.md"))) == 3


def test_files_deleted_from_the_published_site_come_back(
    runner: CliRunner, bundled_site: Path, tmp_path: Path
) -> None:
    """A folder or file deleted by hand is not a build with nothing to do, and the
    trees' manifests are not trusted to say what is there: the next build puts back
    exactly what a clean build would."""
    build = ["build", "--root", str(bundled_site), "-q"]
    assert runner.invoke(cli, build).exit_code == 0
    reference = tmp_path / "reference"
    shutil.copytree(bundled_site / "_site", reference)
    assert runner.invoke(cli, build).exit_code == 0  # the standby tree, too
    for doomed in ("articles", "topics/index.html", "feed.xml"):
        target = bundled_site / "_site" / doomed
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()
        assert runner.invoke(cli, build).exit_code == 0
        assert _tree(bundled_site / "_site") == _tree(reference), doomed
        assert runner.invoke(cli, build).exit_code == 0  # and from the other tree
        assert _tree(bundled_site / "_site") == _tree(reference), doomed
    result = runner.invoke(cli, ["build", "--root", str(bundled_site)])
    assert "Nothing changed" in result.output
    (bundled_site / "_site" / ".DS_Store").write_bytes(b"Finder was here")
    result = runner.invoke(cli, ["build", "--root", str(bundled_site)])
    assert "Nothing changed" in result.output  # a dot-file at the top is not a change


def test_only_md_files_directly_in_articles_are_records(
    runner: CliRunner, bundled_site: Path
) -> None:
    """As docs/RECORDS.md says: a sub-folder holds drafts, other files are notes."""
    drafts = bundled_site / "articles" / "drafts"
    drafts.mkdir(parents=True)
    (drafts / "draft.md").write_text("---\ntitle: Not yet\n---\n\nA draft in Oslo.\n")
    (bundled_site / "articles" / "notes.txt").write_text("to do\n")
    (bundled_site / "articles" / ".draft.md.swp").write_text("swap\n")
    result = runner.invoke(cli, ["build", "--root", str(bundled_site)])
    assert result.exit_code == 0, result.output
    assert not (bundled_site / "_site" / "articles" / "not-yet").exists()
    assert len(list((bundled_site / "_site" / "articles").iterdir())) == 1


def test_a_related_story_that_does_not_exist_is_a_warning(
    runner: CliRunner, bundled_site: Path
) -> None:
    assert runner.invoke(cli, ["build", "--root", str(bundled_site), "-q"]).exit_code == 0
    story = next((bundled_site / "articles").glob("*.md")).stem
    (bundled_site / "articles" / "note.md").write_text(
        f"---\ntitle: A note\nrelated: [{story}, no-such-story]\n---\n\nA note from Oslo.\n"
    )
    result = runner.invoke(cli, ["build", "--root", str(bundled_site), "-v"])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("warning")]
    assert warnings == [
        "warning: articles/note.md: 'related' names 'no-such-story', which no record has: left out"
    ]
    page = (bundled_site / "_site" / "articles" / "note" / "index.html").read_text()
    assert f"../{story}/index.html" in page  # the one that exists is still shown


def test_export_from_the_catalog_equals_export_from_the_files(
    runner: CliRunner, bundled_site: Path
) -> None:
    """`export` reads unchanged records from the build catalog, as a build does;
    `--no-ingest` parses every record file. The catalog form is lossless."""
    (bundled_site / "seeds" / "b.txt").write_text(
        "Harbour opens in Oslo\n\nOSLO, May 2 (Reuters) - The harbour opened on Monday, "
        '"at last," said Ana Costa, the mayor.\n'
    )
    assert runner.invoke(cli, ["build", "--root", str(bundled_site), "-q"]).exit_code == 0
    from_catalog = runner.invoke(cli, ["export", "--root", str(bundled_site)])
    from_files = runner.invoke(cli, ["export", "--root", str(bundled_site), "--no-ingest"])
    assert from_catalog.exit_code == from_files.exit_code == 0
    assert from_catalog.stdout == from_files.stdout
    assert from_catalog.stdout.count("\n") == 2


def test_site_templates_override_the_theme(runner: CliRunner, bundled_site: Path) -> None:
    (bundled_site / "templates").mkdir()
    (bundled_site / "templates" / "404.html").write_text(
        "{% extends 'theme/404.html' %}{% block main %}<h1>Custom lost page</h1>{% endblock %}"
    )
    assert runner.invoke(cli, ["build", "--root", str(bundled_site)]).exit_code == 0
    assert "Custom lost page" in (bundled_site / "_site" / "404.html").read_text()


def test_init_scaffolds_a_site_that_builds(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "newsite"
    assert runner.invoke(cli, ["init", str(target)]).exit_code == 0
    result = runner.invoke(cli, ["build", "--root", str(target)])
    assert result.exit_code == 0, result.output
    assert (target / "_site" / "index.html").is_file()
    assert runner.invoke(cli, ["init", str(target)]).exit_code == 2


def test_no_cache_builds_everything_and_leaves_a_catalog_the_next_build_trusts(
    runner: CliRunner, bundled_site: Path
) -> None:
    build = ["build", "--root", str(bundled_site)]
    assert runner.invoke(cli, build).exit_code == 0
    made = _tree(bundled_site / "_site")
    result = runner.invoke(cli, [*build, "--no-cache"])
    assert result.exit_code == 0
    assert "Nothing changed" not in result.output
    assert " 0 pages rendered" not in result.output  # no page signature was trusted
    assert _tree(bundled_site / "_site") == made
    result = runner.invoke(cli, build)
    assert "Nothing changed" in result.output  # not a second whole build


def test_a_build_without_its_catalog_rewrites_no_unchanged_file(
    runner: CliRunner, bundled_site: Path, tmp_path: Path
) -> None:
    """With the catalog gone (a new newsgen version, `--no-cache`, `newsgen clean`
    without the site deleted) the published files are read, and those whose bytes are
    the same are kept: same inode, same mtime, so rsync and CDN uploads see no change."""
    site = bundled_site / "_site"
    assert runner.invoke(cli, ["build", "--root", str(bundled_site)]).exit_code == 0
    files = sorted(p for p in site.rglob("*") if p.is_file())
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in files}
    planted, outside = files[-1], tmp_path / "outside.html"  # a symbolic link, same bytes
    outside.write_bytes(planted.read_bytes())
    planted.unlink()
    planted.symlink_to(outside)
    shutil.rmtree(bundled_site / ".newsgen")
    assert runner.invoke(cli, ["build", "--root", str(bundled_site)]).exit_code == 0
    after = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in files}
    assert {p for p in files if before[p] != after[p]} == {planted}
    assert not planted.is_symlink() and planted.read_bytes() == outside.read_bytes()
    # The standby tree nobody could vouch for went beside the build, and is gone.
    assert sorted(p.name for p in bundled_site.iterdir() if "trash" in p.name) == []
    assert (bundled_site / "._site.standby" / "index.html").is_file()


def test_the_site_a_build_without_its_catalog_replaced_is_its_standby_tree(
    runner: CliRunner, bundled_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """That build read every published file it wrote again: the old site, as read, is
    the standby tree the next build brings up to date. Deleting it and linking a new
    one instead cost 43 s of a 100k-story build."""
    from newsgen.incremental.catalog import Catalog
    from newsgen.output import writer as write

    site, standby = bundled_site / "_site", bundled_site / "._site.standby"
    assert runner.invoke(cli, ["build", "--root", str(bundled_site)]).exit_code == 0
    home_inode = (site / "index.html").stat().st_ino
    edited = next(p for p in sorted(site.rglob("index.html")) if p.parent != site)
    edited.write_text("<p>edited by hand</p>")
    (site / "stale").mkdir()
    (site / "stale" / "index.html").write_text("a page no build makes")
    shutil.rmtree(bundled_site / ".newsgen")

    def no_second_tree(*args: object) -> None:
        raise AssertionError("the old site is the second tree: none is linked")

    monkeypatch.setattr(write, "SecondTree", no_second_tree)
    assert runner.invoke(cli, ["build", "--root", str(bundled_site)]).exit_code == 0
    assert (standby / "index.html").stat().st_ino == home_inode  # kept, in both trees
    assert (standby / edited.relative_to(site)).read_text() == "<p>edited by hand</p>"
    assert edited.read_text() != "<p>edited by hand</p>"
    assert not (standby / "stale").exists() and not (site / "stale").exists()
    catalog = Catalog(bundled_site / ".newsgen" / "catalog.sqlite")
    held = {
        p.relative_to(standby).as_posix(): write.content_hash(p.read_bytes())
        for p in standby.rglob("*")
        if p.is_file()
    }
    assert catalog.manifest("standby") == held  # what the next build trusts is so
    assert len(held) == len(catalog.manifest("live"))
    catalog.close()


def test_a_killed_build_s_trash_is_removed_by_the_next(
    runner: CliRunner, bundled_site: Path
) -> None:
    trash = bundled_site / ".newsgen-trash-._site.standby-4242"
    (trash / "articles").mkdir(parents=True)
    (trash / "articles" / "index.html").write_text("old")
    assert runner.invoke(cli, ["build", "--root", str(bundled_site)]).exit_code == 0
    assert not trash.exists()


def test_clean_removes_output_but_keeps_records(runner: CliRunner, bundled_site: Path) -> None:
    assert runner.invoke(cli, ["build", "--root", str(bundled_site)]).exit_code == 0
    assert runner.invoke(cli, ["clean", "--root", str(bundled_site)]).exit_code == 0
    assert not (bundled_site / "_site").exists()
    assert list((bundled_site / "articles").glob("*.md"))


def test_a_folder_that_is_not_a_site_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["build", "--root", str(tmp_path)])
    assert result.exit_code == 2
    assert "is it a newsgen site?" in result.output


def test_an_undefined_template_variable_names_file_and_line(
    runner: CliRunner, bundled_site: Path
) -> None:
    (bundled_site / "templates").mkdir()
    (bundled_site / "templates" / "article.html").write_text(
        "{% extends 'base.html' %}\n{% block main %}\n<h1>{{ article.titel.upper() }}</h1>\n{% endblock %}\n"
    )
    result = runner.invoke(cli, ["build", "--root", str(bundled_site)])
    assert result.exit_code == 2
    assert "templates/article.html:3" in result.output
    assert "titel" in result.output


def test_a_lone_surname_links_to_the_person_the_archive_names_in_full(
    runner: CliRunner, bundled_site: Path
) -> None:
    """ "Mr Howard" alone, in a story that never gives his first name, is on the page
    of the one Howard the archive names in full: in the site and in `export`."""
    seeds = bundled_site / "seeds"
    seeds.mkdir(exist_ok=True)
    (seeds / "budget.txt").write_text(
        "Budget passes in Canberra\n\nPrime Minister John Howard said on Tuesday that the "
        "budget would pass. Treasurer Peter Costello agreed.\n"
    )
    (seeds / "welfare.txt").write_text(
        "Charities reject welfare rules\n\nCharities said on Friday that Mr Howard had "
        "ignored them. The rules start next year.\n"
    )
    assert runner.invoke(cli, ["build", "--root", str(bundled_site), "-q"]).exit_code == 0
    exported = runner.invoke(cli, ["export", "--root", str(bundled_site)])
    records = {json.loads(line)["title"]: json.loads(line) for line in exported.stdout.splitlines()}
    people = records["Charities reject welfare rules"]["people"]
    assert [(p["name"], p["slug"], p["canonical"]) for p in people] == [
        ("Howard", "john-howard", "John Howard")
    ]
    site = bundled_site / "_site"
    assert not (site / "people" / "howard").exists()
    page = (site / "people" / "john-howard" / "index.html").read_text()
    assert "Charities reject welfare rules" in page and "Budget passes in Canberra" in page
