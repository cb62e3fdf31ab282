"""`newsgen serve`: the built site on localhost, rebuilt and reloaded on every edit.

A watcher thread (watchfiles) sees changes under seeds/, articles/,
templates/, static/ and newsgen.yaml, runs an incremental build, and bumps a
build counter. Pages served here (never the files on disk) get one extra
script, `/__newsgen/livereload.js`, which waits on a server-sent-events stream
and reloads the tab when the counter moves. Served from the same origin, it
satisfies the theme's Content-Security-Policy.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable
from pathlib import Path

from newsgen.errors import UsageError

LIVERELOAD_JS = b"""(function () {
  var source = new EventSource("/__newsgen/events");
  source.onmessage = function (e) { if (e.data === "reload") { location.reload(); } };
})();
"""
_TAG = b'<script src="/__newsgen/livereload.js" defer></script>'


class BuildState:
    """A counter that goes up after each rebuild, and a way to wait for it."""

    def __init__(self) -> None:
        self.version = 0
        self.closed = False
        self._changed = threading.Condition()

    def bump(self) -> None:
        with self._changed:
            self.version += 1
            self._changed.notify_all()

    def wait_past(self, version: int, timeout: float) -> int:
        with self._changed:
            self._changed.wait_for(lambda: self.version > version or self.closed, timeout)
            return self.version

    def close(self) -> None:
        """End every open reload stream: a stopped server leaves no thread waiting (a
        thread left behind would be running when a later build forks its workers)."""
        with self._changed:
            self.closed = True
            self._changed.notify_all()


class _Handler(http.server.SimpleHTTPRequestHandler):
    state: BuildState
    live: bool

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/__newsgen/livereload.js":
            self._send(200, "text/javascript", LIVERELOAD_JS)
        elif self.path == "/__newsgen/events":
            self._events()
        else:
            super().do_GET()

    def _send(self, code: int, ctype: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = self.state.version
        try:
            while not self.state.closed:
                now = self.state.wait_past(seen, timeout=15)
                if self.state.closed:
                    return
                self.wfile.write(b"data: reload\n\n" if now > seen else b": ping\n\n")
                self.wfile.flush()
                seen = now
        except (BrokenPipeError, ConnectionResetError):
            return

    def send_head(self):  # type: ignore[no-untyped-def]
        """Serve HTML with the live-reload tag added; everything else as is."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (self.live and path.suffix == ".html" and path.is_file()):
            return super().send_head()
        body = path.read_bytes().replace(b"</body>", _TAG + b"</body>", 1)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        import io

        return io.BytesIO(body)


def make_server(
    directory: Path,
    state: BuildState,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    live: bool = True,
) -> http.server.ThreadingHTTPServer:
    """The server, its port taken now: `newsgen serve` opens it before its first build,
    so a port in use is said at once, not after a build of the whole archive."""
    handler = functools.partial(
        type("Handler", (_Handler,), {"state": state, "live": live}), directory=str(directory)
    )
    try:
        server = http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        raise UsageError(
            f"cannot serve on {host}:{port}: {exc.strerror}",
            hint="is another `newsgen serve` running? Pass --port with another number",
        ) from None
    server.daemon_threads = True
    return server


# How long the watcher waits, once edits stop, before a rebuild that looks at every
# input again: see `watch`.
SETTLE_MS = 1000


def watch(
    paths: list[Path], rebuild: Callable[[set[str] | None], object], stop: threading.Event
) -> None:
    """Rebuild whenever something under `paths` changes, until `stop` is set.

    Each rebuild is told which files changed, so it need not look at the others (a
    20k-story archive has 40k inputs). A watcher can miss an event, and some files it
    is told to ignore (editor backups) are inputs too, so once edits stop for
    `SETTLE_MS` one more rebuild looks at everything; it finds nothing to do unless
    something was missed. Only paths that exist can be watched: one that appears
    later (a site's first `templates/`) or goes is noticed within `SETTLE_MS`, and
    watching starts again with it, after a rebuild that looks at everything.
    """
    from watchfiles import watch as watch_changes

    while True:
        existing = _existing(paths)
        unsettled = False
        for changes in watch_changes(
            *existing,
            stop_event=stop,
            debounce=100,
            step=50,
            rust_timeout=SETTLE_MS,
            yield_on_timeout=True,
        ):
            if changes:
                rebuild({path for _, path in changes})
                unsettled = True
            elif unsettled:
                rebuild(None)
                unsettled = False
            if _existing(paths) != existing:
                rebuild(None)
                break
        else:
            return  # stopped


def _existing(paths: list[Path]) -> list[str]:
    return [str(p) for p in paths if p.exists()]


def serve(
    server: http.server.ThreadingHTTPServer,
    state: BuildState,
    *,
    watch_paths: list[Path] | None = None,
    rebuild: Callable[[set[str] | None], bool] | None = None,
) -> None:
    """Serve until Ctrl+C; with `watch_paths` and `rebuild`, rebuild on every edit and
    reload the open tabs (`server` made by `make_server` with `state`)."""
    stop = threading.Event()
    if watch_paths and rebuild:

        def rebuild_and_reload(changed: set[str] | None) -> None:
            if rebuild(changed):
                state.bump()

        threading.Thread(
            target=watch, args=(watch_paths, rebuild_and_reload, stop), daemon=True
        ).start()
    host, port = server.server_address[:2]
    print(f"Serving the site at http://{host}:{port}/ (Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        state.close()
        server.server_close()
