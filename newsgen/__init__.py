"""newsgen: a static site generator for news-article archives."""

from pathlib import Path

__version__ = "0.1.0"

# The installed package's own folder: its code is hashed into every page's signature and
# into the input fingerprint, so an upgrade or a local edit never serves stale pages.
PACKAGE_DIR = Path(__file__).resolve().parent
