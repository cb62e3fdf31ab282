"""Theme assets: stylesheets are minified before they are fingerprinted."""

from __future__ import annotations

import re

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_SPACE = re.compile(r"\s*([{}:;,>])\s*")


def minify_css(css: str) -> str:
    css = _CSS_COMMENT.sub("", css)
    css = _CSS_SPACE.sub(r"\1", css)
    css = re.sub(r"\s+", " ", css).replace(";}", "}")
    return css.strip() + "\n"
