"""One span's label and bounds once the rules over the tagger's guess have spoken: what
the story, the line and the words around it say (`typed`), and where the name then is
(`rebound`)."""

from __future__ import annotations

from dataclasses import dataclass

from newsgen.analysis import canonical as cn
from newsgen.analysis import gazetteer as gz
from newsgen.analysis import kb
from newsgen.analysis import name_words as nw
from newsgen.analysis.entity_rules import (
    body_named,
    by_cues,
    company_start,
    initials_org,
    is_team,
    kb_relabel,
    relabel,
)
from newsgen.analysis.ner_spans import FOR_HEADS
from newsgen.analysis.ner_sports import team_label
from newsgen.analysis.noun_cues import WORK_MARGIN, work_cued
from newsgen.analysis.span_rules import (
    before_cut_post,
    before_post,
    in_a_work,
    in_sports,
    person_after_post,
)


@dataclass(frozen=True, slots=True)
class Facts:
    """What `typed` reads of a span's story and line."""

    sources: frozenset[str]
    sports: bool
    teams: bool
    numbers: int
    lineup: bool
    dateline: bool
    common: frozenset[str]
    # Where a team sheet of surnames starts in the line (`squad_start`), or -1.
    squad: int = -1


def before_a_state(toks: list[str], end: int, joined: str) -> bool:
    """A name before a comma and a US state's abbreviation, closed by a stop or a comma
    ("Clinton, Tenn.,", "Elkhart, Ind."): a town, as an address writes it; not a name
    before "Texas governor" (an apposition), a person the knowledge base knows, or a
    first name and more."""
    return (
        end + 2 < len(toks)
        and toks[end] == ","
        and toks[end + 2] in (".", ",")
        and cn.state_abbreviation(toks[end + 1]) is not None
        and toks[end + 1][:1].isupper()
        and kb.lookup(joined, "person") is None
        # "Brian Walters, SC,": a first name and more is a person, SC his silk
        and not (" " in joined and kb.is_given_name(joined.split(" ", 1)[0].lower()))
    )


def typed(
    f: Facts,
    toks: list[str],
    start: int,
    end: int,
    joined: str,
    text: str,
    label: str,
    margin: float,
) -> tuple[str, float, bool, bool]:
    """A span's label and margin once the rules over the tagger's guess have spoken, and
    whether it names a team and a work's title. `joined` is " ".join(toks[start:end])."""
    words = toks[start:end]
    label = relabel(text, label, f.sources)
    label = kb_relabel(toks, start, joined, label, f.sports)
    if start > 0 and toks[start - 1] == "," and cn.state_abbreviation(joined):
        label, margin = "LOC", 3.0  # "Boston, Mass."
    elif label != "LOC" and before_a_state(toks, end, joined):
        label, margin = "LOC", 3.0  # "a plant in Clinton, Tenn."
    # "Kobe Bryant": a city then a name is a team, unless it is a known person.
    team = f.teams and team_label(toks, start, end) and kb.lookup(joined, "person") is None
    if body_named(words, joined, label) or (" for " in joined and words[0].lower() in FOR_HEADS):
        label = "ORG"  # "Centre for Policy Studies": its first word says so
    elif label == "O" and initials_org(joined, f.common):
        label, margin = "ORG", min(margin, 1.0)
    if label in ("LOC", "ORG", "O") and is_team(
        toks, start, end, joined, f.numbers, sports=f.sports
    ):
        label, margin = "ORG", 3.0
    if f.sports:
        label, margin = in_sports(toks, start, end, joined, label, margin, f.numbers)
    label, margin = by_cues(toks, start, end, joined, label, margin, f.lineup)
    work = label == "MISC" and work_cued(toks, start)
    if not work and in_a_work(toks, start, joined, f.sports):
        label, margin, work = "MISC", WORK_MARGIN, True  # "a role in Finding Neverland"
    if 0 <= f.squad <= start and kb.lookup(joined) is None and gz.lookup_place(joined) is None:
        label, margin = "PER", 3.0  # "Stone (Cisse 76), Quashie": a team sheet's players
    if label == "LOC" and _person_says(toks, start, end, joined):
        label, margin = "PER", max(margin, 1.0)  # "Oliver Irish is editor of Stuff"
    if label == "PER" and words_not_a_name(words, f.common):
        label, margin = "MISC", WORK_MARGIN  # "Million Dollar Baby": a title, no one
    if f.dateline and gz.lookup_place(joined) is not None:
        label, margin = "LOC", 3.0  # "BIRMINGHAM, England 1996-08-31"
    return label, margin, team, work


def rebound(
    toks: list[str], start: int, end: int, label: str, margin: float
) -> tuple[int, int, str, float]:
    """A typed span's bounds once its words say where the name is: a post's holder after
    a body's post, a body before a post that closes it, a company's whole name."""
    words = toks[start:end]
    if cut := person_after_post(words):  # "Victorian Police Commissioner Jo Doe"
        return start + cut, end, "PER", max(margin, 1.0)
    if half := _said_twice(words):
        end = start + half  # "North Korea North Korea": a heading run into the text
    elif cut := _country_before(words):
        start += cut  # "India Bharatiya Janata Party", "Australia Guantánamo Bay"
    elif label != "ORG" and (cut := _name_after_post(words)):
        return start + cut, end, "PER", max(margin, 1.0)  # "International Trade D. Emerson"
    if label == "ORG":
        end = start + before_post(toks[start:end])  # "White House Press Secretary"
        end = before_cut_post(toks, start, end)  # "White House Press" | "Secretary Jo Doe"
        start = company_start(toks, start, end)  # "British Petroleum Co PLC"
    return start, end, label, margin


# First names that are also words ("Will Young", "Mark Little"), which the knowledge
# base's list of first names leaves out for that reason.
_WORD_FIRST_NAMES = nw.words(
    """
    will mark rose guy ray pat grace hope joy faith dawn april june may rich chance chip
    bud buck gene sue bob jack frank earl victor dean drew art bill don sky summer
    """
)


def words_not_a_name(words: list[str], common: frozenset[str]) -> bool:
    """Two words or more, each a word news writes in lower case, the first no one's first
    name: a title ("Million Dollar Baby", "Sunny Day"), not a person's name."""
    return (
        len(words) > 1
        and all(w.lower() in common for w in words)
        and words[0].lower() not in _WORD_FIRST_NAMES
        and not kb.is_given_name(words[0].lower())
        and kb.lookup(" ".join(words), "person") is None
    )


def _said_twice(words: list[str]) -> int:
    """Half a span that is one name twice over ("North Korea North Korea", "Israel
    Israel"), else 0; not a name that doubles a word ("Duran Duran", "Abdullah
    Abdullah"): one word twice only where the lists know it."""
    half = len(words) // 2
    if not half or len(words) % 2 or words[:half] != words[half:]:
        return 0
    if half == 1 and gz.lookup_place(words[0]) is None and kb.lookup(words[0]) is None:
        return 0
    return half


def _country_before(words: list[str]) -> int:
    """How many words of a country's name open a span that goes on with a body or a place
    the lists know ("India Bharatiya Janata Party"); 0 where the whole is one name."""
    if len(words) < 2:
        return 0
    first = gz.lookup_place(words[0])
    if first is None and (len(words) < 3 or gz.lookup_place(" ".join(words[:2])) is None):
        return 0  # most spans: no place opens them, and this is all they cost
    whole = " ".join(words)
    if gz.lookup_place(whole) is not None or kb.lookup(whole) is not None:
        return 0
    for k in (1, 2):
        place = gz.lookup_place(" ".join(words[:k]))
        rest = " ".join(words[k:])
        if (
            # a name of its own after the country: not "Australia Institute"'s "Institute"
            (len(words) - k > 1 or rest.isupper())
            and place is not None
            and place.kind == "country"
            and (kb.lookup(rest, "organization") is not None or gz.lookup_place(rest))
        ):
            return k
    return 0


# Words before a person's first name that say what they are, not who: a portfolio, a
# post, a role, a body ("International Trade David Emerson", "Legal Advisor Thomas W.
# Hartmann", "White House Scott McClellan").
_BEFORE_A_NAME = (
    nw.PORTFOLIO_WORDS
    | nw.HEAD_TITLES
    | cn.ROLE_WORDS
    | nw.words(
        """
    advisor adviser guard international legal safety natural resources fisheries oceans
    heritage citizenship revenue indigenous aboriginal
    """
    )
)


def _name_after_post(words: list[str]) -> int:
    """Where a person's name starts after words that say what they are (`_BEFORE_A_NAME`,
    or a body the knowledge base knows), a first name and a surname after them; else 0."""
    if len(words) < 3:
        return 0  # a first name and a surname after something
    first = words[0].lower()
    if (kb.is_given_name(first) or first in _WORD_FIRST_NAMES) and (
        words[1].lower() not in _BEFORE_A_NAME
    ):
        return 0  # "Rose Mary Woods", "Mary Anne Smith": first names, one person's
    if words[-1].lower() in _PLACE_TAILS:
        return 0  # "White House Rose Garden": a place named after no one
    for k in range(1, len(words) - 1):
        if not kb.is_given_name(words[k].lower()):
            continue
        before = words[:k]
        if all(w.lower() in _BEFORE_A_NAME for w in before) or (
            kb.lookup(" ".join(before), "organization") is not None
        ):
            return k
        return 0
    return 0


_PLACE_TAILS = nw.words(
    "garden gardens square park street road hall house building centre center field stadium"
)


# Verbs after a person's name far more than after a place's the gazetteer lacks.
_PERSON_VERBS = nw.words("is was said says told added has had wrote believes")


def _person_says(toks: list[str], start: int, end: int, joined: str) -> bool:
    """A name no list knows as a place, that opens with a first name, before a verb of
    speech or being ("Mikko Hypponen said", "Oliver Irish is editor"): a person."""
    if not (1 < end - start < 4 and end < len(toks) and toks[end] in _PERSON_VERBS):
        return False
    if gz.lookup_place(joined) is not None or kb.lookup(joined) is not None:
        return False
    if toks[end - 1].lower() in _PLACE_TAILS:
        return False
    return kb.is_given_name(toks[start].lower())
