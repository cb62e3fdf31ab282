"""The client-side search index: a compact JSON document the search page loads.

Each story contributes its title, link, date, section, topics, a short excerpt
and the distinct words of its text; the browser matches query words against
those. No server is needed, so search works on any static host.
"""

from __future__ import annotations

import json
import re

from newsgen.analysis.keywords import STOP
from newsgen.article import Article
from newsgen.urls import article_uri

_WORD = re.compile(r"\w+")


def search_index(articles: list[Article]) -> str:
    docs = []
    for a in articles:
        words = sorted(
            {
                w
                for w in _WORD.findall(f"{a.title} {a.body}".lower())
                if w not in STOP and len(w) > 1
            }
        )
        docs.append(
            {
                "t": a.title,
                "u": article_uri(a.slug),
                "d": a.date.isoformat() if a.date else "",
                "s": a.section.slug if a.section else "",
                "sn": a.section.name if a.section else "",
                "k": [t.slug for t in a.topics],
                "x": (a.summary or (a.paragraphs[0] if a.paragraphs else ""))[:240],
                "w": " ".join(words),
            }
        )
    return json.dumps({"docs": docs}, ensure_ascii=False, separators=(",", ":"))
