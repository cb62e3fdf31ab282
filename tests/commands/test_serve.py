"""`newsgen serve`: serves the site, injects live reload, rebuilds and signals on an edit."""

from __future__ import annotations

import http.client
import socket
import threading
import time
from pathlib import Path

import pytest

from newsgen.build import BuildSession, build
from newsgen.commands.serve import BuildState, make_server, watch
from newsgen.config import load_config
from newsgen.paths import SitePaths


def test_edit_rebuilds_and_reloads(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "seeds").mkdir(parents=True)
    (site / "seeds" / "a.txt").write_text(
        "Harbour opens\n\nThe harbour in Oslo opened on Monday.\n"
    )
    paths = SitePaths.for_site(site, "_site")
    build(paths, load_config(site))
    state = BuildState()
    stop = threading.Event()
    server = make_server(paths.output_dir, state, port=0)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def rebuild(changed: set[str] | None) -> None:
        if not build(paths, load_config(site)).skipped:
            state.bump()

    watcher = threading.Thread(target=watch, args=([site / "seeds"], rebuild, stop), daemon=True)
    watcher.start()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/")
        page = conn.getresponse().read().decode()
        assert "/__newsgen/livereload.js" in page
        assert "/__newsgen/livereload.js" not in (paths.output_dir / "index.html").read_text()
        conn.request("GET", "/__newsgen/livereload.js")
        assert b"EventSource" in conn.getresponse().read()

        events = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        events.request("GET", "/__newsgen/events")
        stream = events.getresponse()
        time.sleep(0.3)
        started = time.perf_counter()
        (site / "seeds" / "a.txt").write_text(
            "Harbour opens late\n\nThe harbour in Oslo opened on Tuesday.\n"
        )
        line = b""
        while not line.startswith(b"data:"):
            line = stream.readline()
        assert line.strip() == b"data: reload"
        assert time.perf_counter() - started < 10
        conn.request("GET", "/")
        assert "Harbour opens late" in conn.getresponse().read().decode()
    finally:
        stop.set()
        state.close()
        server.shutdown()
        server.server_close()
        watcher.join(timeout=30)  # no thread left to run beside a later test's fork


def test_the_watcher_names_what_changed_and_looks_at_everything_once_edits_settle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import watchfiles

    seed = str(tmp_path / "a.txt")
    reports = [
        {(watchfiles.Change.modified, seed)},
        set(),
        set(),
        {(watchfiles.Change.added, seed)},
    ]
    seen: dict[str, object] = {}

    def fake_watch(*paths: str, **options: object):  # type: ignore[no-untyped-def]
        seen.update(options)
        yield from reports

    monkeypatch.setattr(watchfiles, "watch", fake_watch)
    calls: list[set[str] | None] = []
    watch([tmp_path], calls.append, threading.Event())
    # told of the edit; once quiet, one look at everything; quiet again, nothing to do
    assert calls == [{seed}, None, {seed}]
    assert seen["yield_on_timeout"] is True


def test_a_site_rebuilt_by_another_process_still_reloads(tmp_path: Path) -> None:
    """Two `serve`s (or a serve and a build in a terminal) on one site: the one that
    rebuilds second finds nothing to do, but its tab must still reload."""
    site = tmp_path / "site"
    (site / "seeds").mkdir(parents=True)
    seed = site / "seeds" / "a.txt"
    seed.write_text("Harbour opens\n\nThe harbour in Oslo opened on Monday.\n")
    paths = SitePaths.for_site(site, "_site")
    first, second = BuildSession(), BuildSession()
    build(paths, load_config(site), session=first)
    assert build(paths, load_config(site), session=second).skipped
    seed.write_text(seed.read_text() + "\nShips came in by noon.\n")
    assert not build(paths, load_config(site), session=first, changed={str(seed)}).skipped
    late = build(paths, load_config(site), session=second, changed={str(seed)})
    assert late.skipped and late.built_elsewhere
    again = build(paths, load_config(site), session=second)
    assert again.skipped and not again.built_elsewhere  # it knows this site now


def test_a_port_in_use_is_said_at_once_before_any_build(tmp_path: Path) -> None:
    """Not as a traceback, and not after building the whole archive first."""
    from click.testing import CliRunner

    from newsgen.cli import cli

    site = tmp_path / "site"
    (site / "seeds").mkdir(parents=True)
    (site / "seeds" / "a.txt").write_text("Harbour opens\n\nThe harbour in Oslo opened.\n")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--root", str(site), "--port", str(port)])
    assert result.exit_code == 2
    assert f"cannot serve on 127.0.0.1:{port}" in result.output
    assert "--port" in result.output
    assert not (site / "_site").exists() and not (site / "articles").exists()


def test_a_watched_folder_made_after_serve_started_is_watched(tmp_path: Path) -> None:
    """A site's first templates/ (or static/), made while `serve` runs: noticed within a
    second or so, with a rebuild that looks at everything, then watched like the rest."""
    seeds, templates = tmp_path / "seeds", tmp_path / "templates"
    seeds.mkdir()
    calls: list[set[str] | None] = []
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=([seeds, templates], calls.append, stop))
    watcher.start()
    try:
        time.sleep(0.5)
        templates.mkdir()
        deadline = time.monotonic() + 10
        while None not in calls and time.monotonic() < deadline:
            time.sleep(0.05)
        assert None in calls  # the folder appeared: one look at everything
        calls.clear()
        (templates / "article.html").write_text("{{ oops( }}")
        deadline = time.monotonic() + 10
        told = str(templates / "article.html")
        while not any(c and told in c for c in calls) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert any(c and told in c for c in calls), calls  # and is watched now
    finally:
        stop.set()
        watcher.join(timeout=10)
    assert not watcher.is_alive()


def test_serving_a_site_never_built_without_building_is_an_error(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsgen.cli import cli

    site = tmp_path / "site"
    (site / "seeds").mkdir(parents=True)
    result = CliRunner().invoke(cli, ["serve", "--root", str(site), "--no-build", "--port", "0"])
    assert result.exit_code == 2
    assert "no built site to serve" in result.output and "newsgen build" in result.output
