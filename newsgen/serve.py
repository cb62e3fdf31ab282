"""`newsgen serve`: the built site on localhost, for previewing."""

from __future__ import annotations

import contextlib
import functools
import http.server
from pathlib import Path


def serve(directory: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    with http.server.ThreadingHTTPServer((host, port), handler) as httpd:
        print(f"Serving {directory} at http://{host}:{httpd.server_address[1]}/ (Ctrl+C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            httpd.serve_forever()
