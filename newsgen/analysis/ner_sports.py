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
from newsgen.analysis import kb
from newsgen.analysis import name_words as nw
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


# After a player's name in a results or score line: "Sandrine Testud (France) beat ...",
# "N. Knight st Moin Khan b Saqlain Mushtaq 113", "M. Atherton lbw b ...".
SCORER_NEXT = frozenset({"b", "c", "st", "lbw", "run", "not", "retired"})


def is_initial(tok: str) -> bool:
    """An initial written without its full stop: "G" in "G Murphy"."""
    return len(tok) == 1 and "A" <= tok <= "Z"


_GROUND_TAILS = words("road bridge park ground oval lane field stadium arena green gardens")


def athlete(toks: list[str], start: int, end: int, text: str) -> bool:
    """In sports copy, a name of two or more words followed by its country in brackets, or
    by how a batsman was out, or an initial and a surname, or a first name and a surname
    the lists do not know, is a player (a team's name is no such run)."""
    if end - start < 2 or toks[end - 1].lower() in nw.ORG_HEADS:
        return False
    if kb.lookup(text, "organization") is not None or gz.lookup_place(text) is not None:
        return False
    if end - start == 2 and is_initial(toks[start]):
        return True  # a line-up's initial and surname: "G Murphy", "B O'Driscoll"
    nxt = toks[end] if end < len(toks) else ""
    if nxt in SCORER_NEXT:
        return True
    if nxt != "(":
        # "65 Billy Andrade, Duffy Waldorf": a first name and a surname no list knows;
        # not a ground named after someone ("Trent Bridge", "Grace Road")
        return (
            end - start < 4
            and kb.is_given_name(toks[start].lower())
            and toks[end - 1].lower() not in _GROUND_TAILS
        )
    close = next((i for i in range(end + 2, min(end + 5, len(toks))) if toks[i] == ")"), 0)
    if not close:
        return False
    inside = " ".join(toks[end + 1 : close])  # "(Sweden)", "(Czech Republic)", "(USA)"
    return gz.lookup_place(inside) is not None or inside.isupper()


# A bowler's figures: overs (and balls), maidens, runs, wickets ("10-0-41-2", "9.4-1-30-3").
_FIGURES = re.compile(r"\d{1,2}(?:\.\d)?-\d{1,2}-\d{1,3}-\d{1,2}")


def cricketer(toks: list[str], start: int, end: int) -> bool:
    """In a cricket scorecard, a name (a surname alone, often) that took a catch or a
    wicket ("Bevan c Vaas b Chandana 56", "c and b Jayasuriya", "lbw b Fleming") or stands
    before a bowler's figures ("Muralitharan 10-0-41-2")."""
    if end < len(toks) and _FIGURES.fullmatch(toks[end]):
        return True
    if start < 2 or toks[start - 1] not in ("c", "b", "st"):
        return False
    before = toks[start - 2]
    return before in ("and", "lbw") or before[:1].isupper()


def team_row(toks: list[str], start: int, end: int, numbers: int) -> bool:
    """In sports copy, a one-word name that opens a table's row is a team, whatever the
    tagger says: a standings row ("Hanwha 58 1 49 .542 6") or a result with countries
    ("Benetton (Italy) 92 Dinamo (Russia) 81"). Players are named in full there."""
    if start or end != 1:
        return False
    nxt = toks[1] if len(toks) > 1 else ""
    if nxt[:1].isdigit() and numbers >= 4:
        return True
    return nxt == "(" and len(toks) > 4 and toks[3] == ")" and toks[4].isdigit()
