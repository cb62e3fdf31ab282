"""People named in a list: a team sheet, a squad, a leaderboard, a list of guests.

The tagger types each name from the few words around it, and in a list those are only
commas and numbers: it took some players for places ("Aamir Sohail") or for no name.
A line that lists people says what its other bare names are.
"""

from __future__ import annotations

from newsgen.analysis import canonical as cn
from newsgen.analysis import gazetteer as gz
from newsgen.analysis import kb
from newsgen.analysis import name_words as nw
from newsgen.analysis.entity_mention import Mention
from newsgen.analysis.entity_rules import TEAM_WORDS
from newsgen.analysis.ner_model import load_model

_LIST_BEFORE = frozenset({",", ";", ":", "-", "(", "and"})
_LIST_AFTER = frozenset({",", ";", "(", ")", ".", "and"})


def between_marks(toks: list[str], start: int, end: int) -> bool:
    """Whether tokens [start, end) stand as one item of a list: a list's mark, a number or
    the line's edge on either side ("Pakistan: Aamir Sohail, Saeed Anwar", "6 - Tolunay
    Kafkas, 10 - Oguz Cetin (13 - Arif Erdem, 57th)")."""
    before = toks[start - 1] if start else ","
    after = toks[end] if end < len(toks) else "."
    return (before in _LIST_BEFORE or before.isdigit()) and (
        after in _LIST_AFTER or after.isdigit()
    )


def people_listed(full: list[tuple[Mention, bool]], sports: bool) -> None:
    """In a line that names people (a team sheet, a squad, a leaderboard, a list of guests),
    a full name the tagger took for a place or a body from the words around it alone is
    one more person, and in a sports report so is one it took for no name where it stands
    as a list's item: no word of it is a place, and it is no body the knowledge base or an
    organisation's word names. `full`: the line's mentions of two words or more, and
    whether each stands between a list's marks."""
    people = sum(m.label == "PER" for m, _ in full)
    if people < 3:
        return
    bare = [
        m
        for m, listed in full
        if not m.team and _may_be_listed_person(m, listed and sports) and _bare_name(m)
    ]
    others = sum(m.label in ("LOC", "ORG", "MISC") for m, _ in full) - len(bare)
    if people < 2 * others:
        return  # the line's other names are places or bodies: it does not list people
    for m in bare:
        m.label = "PER"


def _may_be_listed_person(m: Mention, listed: bool) -> bool:
    """A place or a body the tagger was unsure of, or any but a work or an event where
    the name stands as an item of a sports report's list (in arts copy, lists of names
    mix people with films and bands)."""
    if m.label in ("LOC", "ORG"):
        return listed or m.margin < 3.0
    return listed and m.label == "O"


def _bare_name(m: Mention) -> bool:
    """Two or three capitalised words that name no place, body or work on their own."""
    words = m.tokens
    return (
        len(words) <= 3
        and all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words)
        and gz.lookup_place(m.text) is None
        and not any(map(gz.lookup_place, words))
        and not any(w.lower() in nw.ORG_HEADS for w in words)
        and kb.known_kind(m.text) is None
        and not kb.is_town(m.text)
        and not any(w.lower() in _NOT_IN_NAMES for w in words)
        and not any(w.lower() in load_model().common for w in words)
    )


# Words a person's name does not hold: a place's nouns, compass points, a body's words.
_NOT_IN_NAMES = (
    cn.DIRECTIONS
    | nw.words(
        """the st saint mount park road street avenue square bridge wells hemisphere lake river
    bay island islands valley hill hills stadium arena field lane gate beach coast sea ocean
    gulf cape port harbour harbor airport station palace castle abbey cathedral church
    hall court jury harriers grand hotel theatre theater securities capital partners"""
    )
    | TEAM_WORDS
)
