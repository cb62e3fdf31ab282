"""Sports stories name teams after places: "Essex beat Kent", "Cleveland 5 Detroit 3".

In a sports report a city, state or county that acts (is not after "in", "at", "from" ...)
is a club, so it is an organisation there, while the same word after "at" stays a place.
Nations stay places: news convention treats a national side as its country.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress, repeat
from operator import contains

from newsgen.analysis import gazetteer as gz
from newsgen.analysis.name_words import words

# Headline kickers ("CRICKET - ...") and body words that only sports reports use often.
SPORTS = words(
    """
    sport sports soccer football cricket rugby tennis golf baseball basketball hockey
    athletics cycling motor racing boxing formula badminton squash volleyball handball
    swimming skiing snooker nfl nba nhl mlb
    """
)
SPORTS_TERMS = words(
    """
    innings inning wicket wickets batsman bowler bowled homer homered homers pitcher
    pitched rbi goal goals goalkeeper striker midfielder defender scorer penalty
    halftime half-time league championship tournament semifinal semi-final quarterfinal
    quarter-final seeded match matches cup coach lap laps podium quarterback touchdown
    playoff playoffs standings unbeaten fixture fixtures
    """
)
SCORE_RE = re.compile(r"^\d{1,3}-\d{1,3}$")
_VOCAB = SPORTS_TERMS | SPORTS
# A place after these is where something happened, not who played.
WHERE_WORDS = words(
    "in at from near to of outside around across into towards toward via visit visiting "
    "between , born native based"
)


def is_sports_story(title: str, token_lines: Sequence[Sequence[str]]) -> bool:
    """A kicker naming a sport, or a body dense in sports vocabulary and scores."""
    kicker = re.split(r"\s*-\s*", title.strip(), maxsplit=1)[0].lower().split()
    if kicker and all(w in SPORTS for w in kicker[:2]):
        return True
    hits = total = 0
    for toks in token_lines:
        total += len(toks)
        # A score ("3-1") is never a vocabulary word, so the two counts add up exactly; the
        # cheap "-" test (C-level, like the rest) spares the regex for almost every token.
        hits += sum(map(_VOCAB.__contains__, map(str.lower, toks)))
        dashed = compress(toks, map(contains, toks, repeat("-")))
        hits += sum(1 for _ in filter(SCORE_RE.match, dashed))
    return hits >= 4 and hits >= 0.02 * total


def teamable(text: str) -> bool:
    """A place that names clubs: a city, US state or English county, not a nation."""
    place = gz.lookup_place(text)
    if place is None:
        return False
    return place.kind == "city" or (place.kind == "region" and place.country is not None)


def is_dateline(tokens: Sequence[str]) -> bool:
    """ "MILWAUKEE, Wisconsin 1996-08-29": the place a report was filed from."""
    return (
        0 < len(tokens) <= 10
        and tokens[0].isupper()
        and any(t[:1].isdigit() for t in tokens)
        and not any(SCORE_RE.match(t) for t in tokens)
    )


def team_label(tokens: Sequence[str], start: int, end: int) -> bool:
    """Whether tokens[start:end] names a team in a sports story."""
    words_ = tokens[start:end]
    prev = tokens[start - 1].lower() if start > 0 else ""
    for cut in range(len(words_) - 1, 0, -1):
        # "Cleveland Indians", "New York Yankees": a place then a club name.
        head = " ".join(words_[:cut])
        if teamable(head) and gz.lookup_place(" ".join(words_)) is None:
            return all(w[:1].isupper() for w in words_[cut:])
    if not teamable(" ".join(words_)):
        return False
    nxt = tokens[end] if end < len(tokens) else ""
    # "Leicester: Leicestershire beat ...", "London (The Oval)": the venue of a result.
    return prev not in WHERE_WORDS and prev != "the" and nxt not in (":", "(", "-")


def _is_int(tok: str) -> bool:
    return tok.isdigit() and len(tok) <= 3


def results_line(tokens: Sequence[str]) -> list[tuple[int, int]]:
    """Name spans of a results or standings line: "Wigan 42 Bradford Bulls 36 (halftime
    ...)" or "Greenock Morton 3 2 0 1 5 2 6"; empty for any other line."""
    names: list[tuple[int, int]] = []
    ints: list[int] = []
    i, n = 0, len(tokens)
    while i < n and tokens[i] != "(":
        j = i
        while j < n and (tokens[j][:1].isupper() or (j > i and tokens[j] in (".", "'"))):
            j += 1
        if j == i:
            return []
        k = j
        while k < n and _is_int(tokens[k]):
            k += 1
        if k == j:
            return []
        names.append((i, j))
        ints.append(k - j)
        i = k
    if len(names) == 2 and ints == [1, 1]:
        return names
    if len(names) == 1 and ints[0] >= 6 and "=" not in tokens:
        return names
    return []
