"""Screenshots of a built site for the docs: home, an article, a topic page, search.

Usage: python tools/screenshots.py SITE_DIR [--out docs/screenshots]

SITE_DIR is a site folder (its _site/ is used) or a built output folder. The
site is served on 127.0.0.1 from a thread and shot with the system Chromium
(/usr/bin/chromium) at desktop 1280x800 and mobile 390x844. PNGs are
palette-quantised with Pillow when it is installed, to stay small.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import re
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {"desktop": (1280, 800), "mobile": (390, 844)}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _pages(out: Path) -> dict[str, str]:
    """name -> path: the home page, the first article and topic the home page links."""
    home = (out / "index.html").read_text(encoding="utf-8")
    article = re.search(r'class="lead".*?href="(articles/[^"]+)"', home, re.DOTALL)
    topics = sorted(out.glob("topics/*/index.html"), key=lambda p: -p.stat().st_size)
    pages = {"home": "index.html", "search": "search/index.html?q=missile"}
    if article:
        pages["article"] = article.group(1)
    if topics:
        pages["topic"] = topics[0].relative_to(out).as_posix()
    return pages


def _shrink(path: Path) -> None:
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as img:
        small = img.convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def shoot(site: Path, dest: Path) -> list[Path]:
    out = site / "_site" if (site / "_site" / "index.html").is_file() else site
    dest.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_Quiet, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    written = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for label, (width, height) in VIEWPORTS.items():
                context = browser.new_context(viewport={"width": width, "height": height})
                page = context.new_page()
                for name, uri in _pages(out).items():
                    page.goto(base + uri)
                    if name == "search":
                        page.locator("#search-status").filter(has_text="found").wait_for()
                    path = dest / f"{name}-{label}.png"
                    page.screenshot(path=str(path))
                    _shrink(path)
                    written.append(path)
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    for path in shoot(args.site, args.out):
        print(f"{path}  {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
