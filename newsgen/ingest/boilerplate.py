"""Web debris copied along with a story: comment forms, share buttons, ads, related links.

Losing a real paragraph is far worse than keeping a stray "Share this:", so only whole
short lines that match a known widget are removed, and a tail is cut only from a known
marker ("Leave a Reply", "Related Posts", "Tags:") when everything after it is debris too.
Sentences inside paragraphs are never touched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_NETWORKS = (
    r"(?:facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|telegram|tumblr|pocket|"
    r"flipboard|mastodon|threads|bluesky|instagram|tiktok|youtube|e-?mail|messenger|skype)"
)
_WIDGETS = (
    # share and like widgets
    r"share(?: this| this (?:article|story|post|page)| the story| on)?\s*:?",
    r"(?:click|tap) to (?:share|print|email|e-mail|tweet)\b.{0,80}",
    rf"(?:share|post|tweet|pin|send|email|e-mail)(?: this)? (?:on|to|via|by) {_NETWORKS}\b.{{0,40}}",
    rf"{_NETWORKS}|print|tweet|copy link|copy|more|whatsapp|messenger",
    r"\(opens in new window\)",
    r"like this\s*:?",
    r"like loading\s*(?:\.{3}|…)?",
    r"loading\s*(?:\.{3}|…)",
    r"related",
    r"(?:this )?(?:entry|post|article) was posted in\b.{0,120}",
    rf"follow (?:us|@\w+|[\w .]{{1,30}}) on {_NETWORKS}\b.{{0,60}}",
    # advertising
    r"advertisements?|advert|ad|sponsored(?: content)?|paid (?:content|post)|promoted(?: content)?",
    r"(?:story|article) continues below(?: this)?(?: advertisement)?",
    r"continue reading(?: below| the main story)?",
    r"scroll (?:down )?to continue(?: with content)?",
    # newsletters
    r"(?!.*\b(?:was|were|is|are|had|has)\b)(?:sign up|subscribe|get|join|register)\b[^,]{0,80}\bnewsletters?\b[^,]{0,80}",
    r"subscribe(?: now| today)?|sign up(?: now)?|thank you for (?:subscribing|signing up)",
    r"enter your e-?mail(?: address)?.{0,60}",
    # comment forms
    r"leave a (?:reply|comment)(?: cancel reply)?",
    r"cancel reply",
    r"your e-?mail address will not be published\.?(?: required fields are marked \*)?",
    r"required fields are marked \*",
    r"(?:comment|name|e-?mail|website|url)\s*\*?",
    r"(?:post|submit) (?:comment|reply)",
    r"save my name,? e-?mail,? and website in this browser for the next time i comment\.?",
    r"notify me of (?:follow-up comments|new posts|new comments) (?:by|via) e-?mail\.?",
    r"this site uses akismet to reduce spam\..{0,80}",
    r"you must be (?:logged|signed) in to post a comment\.?",
    r"(?:\d+|no|one) (?:comments?|responses?|replies)(?: yet)?",
    r"be the first to comment\.?",
    r"δ",
    # navigation
    r"skip to (?:main )?content|jump to navigation|toggle navigation|back to top",
    r"(?:image|photo|picture) (?:copyright|credit)\b.{0,80}",
    # copyright footers
    r"(?:©|\(c\)|copyright\s*(?:©|\(c\)))\s*.{0,140}",
    r"(?:copyright\s+)?\d{4}(?:\s*[-–]\s*\d{4})?\s+.{0,80}all rights reserved\.?",
    r"all rights reserved\.?",
)
_WIDGET = re.compile(r"(?:" + "|".join(_WIDGETS) + r")", re.IGNORECASE)

# Markers that start a tail of debris (what follows is lists of links or form fields).
_TAIL_MARKERS = (
    r"leave a (?:reply|comment).*",
    r"related(?: posts| articles| stories| news| content| coverage| reading| topics)?\s*:?",
    r"(?:you (?:may|might) also (?:like|enjoy)|more (?:from|on|in) .{1,40}|recommended"
    r"(?: for you| reading)?|read (?:more|next|also)|also read|see also|most (?:read|popular)|"
    r"trending(?: now)?|popular (?:posts|stories)|latest (?:news|posts|stories))\s*:?",
    r"share this(?: article| story| post)?\s*:?|like this\s*:?",
    r"(?:tags?|tagged(?: with| as)?|filed under|posted in|categories|category|topics)\s*:.{0,200}",
    r"posted in\s+[^.]{1,80}",
    r"about the author\s*:?",
    r"(?:\d+|no|one) (?:comments?|responses?|replies)(?: yet)?",
    r"comments?\s*:?",
)
_TAIL = re.compile(r"(?:" + "|".join(_TAIL_MARKERS) + r")", re.IGNORECASE)
# One-line "Read more: Some other headline" links.
_LINK_LINE = re.compile(
    r"(?:read more|also read|see also|read next|related|recommended|more)\s*[:|»>]\s*\S.{0,150}",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^[\s\-*•·|>»]+")
_BULLET_CHARS = "-*•·|>»"  # with whitespace, what _BULLET strips
_SAID = re.compile(r"\b(?:said|says)\b")
_MAX_WIDGET_CHARS = 200


def _bare(line: str) -> str:
    first = line[:1]
    if first in _BULLET_CHARS or first.isspace():  # else _BULLET has nothing to strip
        line = _BULLET.sub("", line)
    return line.strip()


def is_widget(line: str) -> bool:
    """A whole line that is a known widget, footer or form field."""
    bare = _bare(line)
    if not bare or len(bare) > _MAX_WIDGET_CHARS:
        return False
    # Quotes ("..., he said") are text; tested second as most lines match no widget.
    return bool(_WIDGET.fullmatch(bare) or _LINK_LINE.fullmatch(bare)) and not _SAID.search(bare)


def is_tail_marker(line: str) -> bool:
    bare = _bare(line)
    return len(bare) <= _MAX_WIDGET_CHARS and bool(_TAIL.fullmatch(bare))


def _tail_item(line: str) -> bool:
    """After a tail marker: widgets, or short link titles / names / dates (no sentences)."""
    if is_widget(line) or is_tail_marker(line):
        return True
    return _short_item(_bare(line))


def _short_item(bare: str) -> bool:
    return len(bare.split()) <= 16 and not bare.endswith((".", '."', ".”"))


def clean(blocks: Sequence[Sequence[str]]) -> tuple[list[list[str]], list[str]]:
    """Drop debris lines and a debris tail; return the kept blocks and the removed text."""
    lines = [(index, line) for index, block in enumerate(blocks) for line in block]
    drop = [is_widget(line) for _, line in lines]
    cut = _tail_start(lines, drop)
    for position in range(cut, len(lines)):
        drop[position] = True
    kept: list[list[str]] = [[] for _ in blocks]
    removed: list[str] = []
    previous_block = -1
    for (index, line), gone in zip(lines, drop, strict=True):
        if not gone:
            kept[index].append(line)
            previous_block = -1
            continue
        if removed and previous_block == index:
            removed[-1] += "\n" + line
        else:
            removed.append(line)
        previous_block = index
    return [block for block in kept if block], removed


def _tail_start(lines: Sequence[tuple[int, str]], drop: Sequence[bool]) -> int:
    """Index of the first line of a removable tail (len(lines) when there is none).

    `drop[i]` is `is_widget(lines[i][1])`.
    """
    cut = len(lines)
    # Walk up from the end over debris; stop at the first line that reads like text.
    for position in range(len(lines) - 1, -1, -1):
        line = lines[position][1]
        marker = is_tail_marker(line)
        if marker:
            cut = position
        if drop[position] or marker:
            continue
        if not _short_item(_bare(line)):  # _tail_item(line), as it is no widget or marker
            break
    return cut
