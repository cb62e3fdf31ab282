"""People, places and organisations named in a story, offline.

Capitalised runs are cut into candidate spans (`ner_spans`), typed by a small shipped
perceptron (`ner_model`), then made consistent over the whole story: one type per
name, a surname or "Mr. Kim" joined to the full name said earlier, countries and big
cities normalised through the gazetteer, and an acronym folded with the name it
abbreviates. The canonical name gives the slug, so one entity has one page in the archive;
the name shown is a form the story itself uses. In sports reports (`ner_sports`) a city or
county that plays is a club, and results tables name teams.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from operator import itemgetter

from newsgen.analysis import canonical as cn
from newsgen.analysis import gazetteer as gz
from newsgen.analysis import kb
from newsgen.analysis.gazetteer import words
from newsgen.analysis.ner_model import load_model
from newsgen.analysis.ner_spans import (
    TOKEN_RE,
    Span,
    candidate_spans,
    is_caps_line,
    sentence_starts,
    span_features,
)
from newsgen.analysis.ner_sports import (
    WHERE_WORDS,
    is_dateline,
    is_sports_story,
    results_line,
    team_label,
    teamable,
)
from newsgen.article import Entity
from newsgen.slugs import name_slug

KIND = {"PER": "person", "LOC": "place", "ORG": "organization"}
MAX_CAPS_NGRAM = 4
_NAME_CHARS = re.compile(r"[A-Za-z]")
# Words around a team name in sports reports: "Essex beat Kent", "against Somerset".
TEAM_NEXT = words("beat beats drew lost won v vs vs. versus defeated thrashed edged")
TEAM_PREV = words("beat beats v vs vs. versus against defeated thrashed edged host")
# Heads that name one body when they stand alone with a capital.
SINGLE_ORG_HEADS = words("treasury parliament congress senate cabinet bundesbank")
# Initialisms that name no body: times, units, money, technology, titles and honours,
# illnesses, formats and scores.
NOT_ORG_INITIALS = words(
    """
    gmt bst cet cest est edt cdt pdt pst utc am pm ad bc
    gdp gnp cpi ppi rpi vat ipo pfi ppp ceo cfo coo cto md vp pr hr
    kb mb gb tb ghz mhz mph kph kg km cm mm
    tv hd hdtv pc dvd cd lcd led mp3 usb gps dna pda sim sms mms wap gprs rss html
    http www url isp id pin atm dsl adsl isdn drm os xp nt ai vr it
    cbe obe mbe kbe qc phd mba bsc vip ok faq pdf ft fm diy
    hiv aids sars bse ivf gp pe
    ep lp dj mc r&b rnb xv mvp era rbi ko
    gsm cdma wcdma umts vhs pal ntsc umd irc ie gcse wmd wwi wwii
    ne nw se sw la mp mep msp mla 3g 4g
    """
)
# An acronym of two to five capitals ("IBM", "OSCE"): the tagger knows few as names.
_INITIALS = re.compile(r"[A-Z][A-Z&]{1,4}")
CALENDAR = words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
    "friday saturday sunday mon tue tues wed thu thur thurs fri sat sun "
    "christmas easter halloween thanksgiving ramadan diwali hanukkah passover"
)
# Last words no person's name has: a name that ends in one is a body ("Labour Party",
# "Liberal Democrats"), whatever the tagger says.
NEVER_PERSON_HEADS = words(
    "party parties democrat democrats dem dems republican republicans conservatives "
    "socialists liberals council committee association federation ministry department "
    "agency commission corporation university institute league union "
    # A company's suffix: "Automation Inc", "Anheuser-Busch Cos", "Daiwa Securities".
    "inc inc. corp corp. co co. cos ltd ltd. plc nv ag sa spa bv llc lp group holdings "
    "bank bancorp securities industries systems technologies motors airlines airways "
    "guaranty trust savings financial capital partners associates brothers committees "
    "communications electronics pharmaceuticals chemicals petroleum oil energy resources "
    "properties investments insurance telecom"
)
# First words of banks' and companies' names in several languages.
BODY_FIRST_WORDS = words(
    "banque banca banco bank bankers credit societe société compagnie cie groupe grupo "
    "deutsche caisse"
)
TEAM_WORDS = words(
    "united city fc dynamo dinamo real sporting rovers athletic inter olympique wanderers "
    "spartak lokomotiv torpedo celtic rangers county albion hotspur"
)
# Slugs of names: the same few thousand names recur across an archive.
_slug = lru_cache(maxsize=1 << 13)(name_slug)


@dataclass(slots=True)
class Mention:
    """One occurrence of a candidate name in the story."""

    order: int
    text: str
    tokens: list[str]
    label: str
    margin: float
    team: bool = False


@dataclass(slots=True)
class _Group:
    name: str
    kind: str
    order: int
    forms: list[str] = field(default_factory=list)
    country: str | None = None
    count: int = 0
    uses: Counter[str] = field(default_factory=Counter)

    def add(self, form: str) -> None:
        self.count += 1
        self.uses[form] += 1
        if form not in self.forms:
            self.forms.append(form)

    def shown(self) -> str:
        """The canonical name if the story uses it, else the story's own commonest form:
        a story that only says "U.S." is not credited with "United States" (the slug
        stays the canonical one, so the archive still has one page)."""
        if any(gz.key(f) == gz.key(self.name) for f in self.forms):
            return self.name
        return max(self.forms, key=lambda f: (self.uses[f], -self.forms.index(f)))


def _lines(title: str, paragraphs: Sequence[str]) -> list[str]:
    return [t for t in (title, *paragraphs) if t and t.strip()]


# TOKEN_RE in one capturing group: split() then gives the gaps and the tokens interleaved,
# [gap, tok, gap, tok, ..., gap], in one C-level pass, the very matches finditer finds.
_SPLIT_RE = re.compile(f"({TOKEN_RE.pattern})", TOKEN_RE.flags)
# A line's tokens, their bounds (see `_tokens`) and the line itself.
_Line = tuple[list[str], list[int], str]


def _tokens(line: str) -> tuple[list[str], list[int]]:
    """Tokens and their bounds; "US-South" becomes "US", "-", "South".

    Token i is line[bounds[2 * i] : bounds[2 * i + 1]]: the bounds are the running lengths
    of the gap and token pieces, which is cheaper than a match object per token.
    """
    parts = _SPLIT_RE.split(line)
    if "-" in line:
        # Tokens sit at the odd indices; going backwards keeps the ones left to do in place.
        for i in range(len(parts) - 2, 0, -2):
            if "-" not in parts[i]:
                continue
            head, _, tail = parts[i].partition("-")
            if head[:1].isupper() and tail[:1].isupper() and gz.lookup_place(head):
                parts[i : i + 1] = [head, "", "-", "", tail]
    return parts[1::2], list(accumulate(map(len, parts)))


def _surface(line: str, bounds: list[int], start: int, end: int) -> str:
    """The line's text of tokens [start, end), with its own spacing."""
    return line[bounds[2 * start] : bounds[2 * end - 1]]


def _is_team(toks: list[str], start: int, end: int, text: str, numbers: int) -> bool:
    """A place name used as a sports team: followed by a score, or by "beat", "v" ...
    `text` is " ".join(toks[start:end])."""
    place = gz.lookup_place(text)
    if place is not None and place.kind == "country":
        return False
    if end - start > 1 and any(w.lower() in TEAM_WORDS for w in toks[start:end]):
        return True
    nxt = toks[end] if end < len(toks) else ""
    prev = toks[start - 1].lower() if start > 0 else ""
    if nxt[:1].isdigit() and numbers >= 2:
        return True
    return nxt.lower() in TEAM_NEXT or prev in TEAM_PREV


@lru_cache(maxsize=1 << 14)
def _junk(text: str) -> bool:
    """Table headers, stray letters ("W D L Pct"), dates ("September"), posts ("Home
    Secretary") and initialisms that name nothing ("PC"), not names.

    `text` is a span's tokens joined by spaces (a token never holds one); memoised, as
    the same names and headers recur story after story.
    """
    words = text.split(" ")
    lowered = [w.lower() for w in words]
    if all(w.strip(".") in CALENDAR for w in lowered):
        return True
    if text in gz.KNOWN_ORGS or gz.lookup_place(text):
        return False
    if lowered[-1] in gz.HEAD_TITLES and all(
        w in gz.HEAD_TITLES or w in gz.TITLE_MODIFIERS for w in lowered
    ):
        return True  # a post, not who holds it: "MP", "Labour MP", "Home Secretary"
    if len(words) == 1 and lowered[0] in NOT_ORG_INITIALS and words[0].isupper():
        return True  # "PC", "3G", "GMT"
    if len(words) == 1:
        return len(words[0].strip(".")) <= 1
    return all(len(w.strip(".")) <= 3 for w in words) and any(len(w) == 1 for w in words)


def _org_named(words: list[str], text: str) -> bool:
    """ "Federal Reserve", "Labour Party", "Treasury": the last word says organisation.
    `text` is " ".join(words)."""
    last = words[-1].lower()
    if last not in gz.ORG_HEADS or gz.lookup_place(text) is not None:
        return False
    return len(words) > 1 or last in SINGLE_ORG_HEADS


def _body_named(words: list[str], text: str, label: str) -> bool:
    """The name's last word says it is a body: over a place or no-name guess when it is an
    organisation's head ("Federal Reserve"), over a person too when no person's name ends
    in it ("Labour Party"); so does a bank's or a company's first word ("Banque Paribas")."""
    if len(words) > 1 and words[0].lower() in BODY_FIRST_WORDS and label != "ORG":
        return True
    if label in ("LOC", "MISC", "O"):
        return _org_named(words, text)
    return label == "PER" and len(words) > 1 and words[-1].lower() in NEVER_PERSON_HEADS


def _initials_org(text: str, common: frozenset[str]) -> bool:
    """An acronym the tagger took for no name ("IBM", "OSCE", "KDP"): in news copy one
    mostly names a body, unless it is a common word set in capitals. (A place is LOC by
    now, `_relabel`; an initialism that names none, GMT or CEO, was dropped, `_junk`.)"""
    return _INITIALS.fullmatch(text) is not None and text.lower() not in common


def _relabel(text: str, label: str, sources: frozenset[str]) -> str:
    """Gazetteer and source-list knowledge over the statistical guess."""
    if gz.is_demonym(text):
        return "MISC"
    if text in gz.KNOWN_ORGS or gz.key(text) in sources:
        return "ORG" if label != "PER" or text in gz.KNOWN_ORGS else label
    place = gz.lookup_place(text)
    if place is not None:
        if place.kind == "country" or place.kind == "region":
            return "LOC"
        if label in ("O", "MISC", "PER"):
            return "LOC"
    return label


@lru_cache(maxsize=1 << 14)
def _not_name(text: str, sports: bool) -> bool:
    """Role words, fragments, events and works are no person, place or organisation."""
    return (
        cn.is_role(text)
        or cn.is_fragment(text)
        or cn.is_junk(text)
        or cn.is_event(text, sports=sports)
    )


def _join_and(tokens: list[str], spans: list[Span]) -> list[Span]:
    """ "Securities and Exchange Commission", "General Agreement on Tariffs and Trade",
    "Standard and Poor's": capitalised words joined by "and", "for", "on", "of" that the
    knowledge base knows as one body's name are one span (a plain "and" joins two names
    far more often). The words before the joiner need not have been a span of their own:
    "Standard" at a sentence start was cut as a common word."""
    out: list[Span] = []
    for span in spans:
        start = span.start
        best = None
        for _ in range(3):
            if (
                start < 2
                or tokens[start - 1] not in _JOINERS
                or not tokens[start - 2][:1].isupper()
            ):
                break
            start -= 2
            while start > 0 and tokens[start - 1][:1].isupper():
                start -= 1
            for cut in range(start, span.start - 1):
                if kb.lookup(" ".join(tokens[cut : span.end]), "organization") is not None:
                    best = Span(cut, span.end, " ".join(tokens[cut : span.end]))
                    break
            if best is not None:
                break
        if best is not None:
            while out and out[-1].end > best.start:
                out.pop()
            out.append(best)
        else:
            out.append(span)
    return out


# After a player's name in a results or score line: "Sandrine Testud (France) beat ...",
# "N. Knight st Moin Khan b Saqlain Mushtaq 113", "M. Atherton lbw b ...".
_SCORER_NEXT = frozenset({"b", "c", "st", "lbw", "run", "not", "retired"})


def _athlete(toks: list[str], start: int, end: int, text: str) -> bool:
    """In sports copy, a name of two or more words followed by its country in brackets, or
    by how a batsman was out, is a player (a team's name is no such run)."""
    if end - start < 2 or toks[end - 1].lower() in gz.ORG_HEADS:
        return False
    if kb.lookup(text, "organization") is not None or gz.lookup_place(text) is not None:
        return False
    nxt = toks[end] if end < len(toks) else ""
    if nxt in _SCORER_NEXT:
        return True
    if nxt != "(" or end + 2 >= len(toks) or toks[end + 2] != ")":
        return False
    inside = toks[end + 1]
    return gz.lookup_place(inside) is not None or inside.isupper()


_JOINERS = frozenset({"and", "for", "on", "in", "of"})


def _kb_relabel(toks: list[str], start: int, text: str, label: str, sports: bool) -> str:
    """What the knowledge base knows over the statistical guess: "Lib Dems" is a party,
    "Chelsea" a club in sports copy (but a place after "in", "at" ...)."""
    kind = cn.kb_kind(text, sports=sports)
    where = start > 0 and toks[start - 1].lower() in WHERE_WORDS
    if where and label != "LOC" and kb.is_town(text) and kind != "person":
        return "LOC"  # "at Chesterfield", "in Hove"
    if kind == "organization" and label != "ORG":
        place = gz.lookup_place(text)
        if place is None or (sports and place.kind != "country" and not where):
            return "ORG"
    elif kind == "person" and label != "PER" and gz.lookup_place(text) is None:
        return "PER"
    return label


def _mentions(
    lines: list[str], sources: frozenset[str]
) -> tuple[list[Mention], list[_Line], bool, bool]:
    """Typed mentions from ordinary lines; ALL-CAPS lines are returned for a second pass;
    and whether the story is a sports report, and a football one."""
    model = load_model()
    predict = model.predict
    out: list[Mention] = []
    caps: list[_Line] = []
    order = 0
    tokenized = [_tokens(line) for line in lines]
    sports = is_sports_story(lines[0] if lines else "", [t for t, _ in tokenized])
    football = sports and cn.is_football([t for t, _ in tokenized])
    for n, (line, (toks, bounds)) in enumerate(zip(lines, tokenized, strict=True)):
        if not toks:
            continue
        dateline = n == 1 and is_dateline(toks)
        teams = sports and not dateline
        table = results_line(toks) if sports else []
        if table:
            for a, b in table:
                text = _surface(line, bounds, a, b)
                place = gz.lookup_place(text)
                nation = place is not None and place.kind == "country"
                label = "LOC" if nation else "ORG"
                out.append(Mention(order, text, toks[a:b], label, 3.0, team=not nation))
                order += 1
            continue
        if is_caps_line(toks, headline=n == 0):
            caps.append((toks, bounds, line))
            continue
        starts = sentence_starts(toks)
        # Tokens are never empty, so t[0] is t[:1]; map() keeps this per-token count in C.
        numbers = sum(map(str.isdigit, map(itemgetter(0), toks)))
        for span in _join_and(toks, candidate_spans(toks, model.common)):
            start, end, joined = span.start, span.end, span.text
            if cut := cn.role_prefix(toks[start:end]):
                start += cut
                span = Span(start, end, joined := " ".join(toks[start:end]))
            # span.text is " ".join(toks[start:end]): a letter in it is a letter in a word.
            if not _NAME_CHARS.search(joined) or _junk(joined) or _not_name(joined, sports):
                continue
            if start > 0 and toks[start - 1] == "<":
                continue  # a stock ticker: "<GENA>"
            if (
                end - start == 1
                and start in starts
                and joined.lower() in model.news_words
                and kb.lookup(joined) is None
            ):
                continue  # "Tariffs rose", "Barley fell": a word at a sentence start
            words = toks[start:end]
            feats = span_features(toks, span, sent_start=start in starts, caps_line=False)
            label, margin = predict(feats)
            text = _surface(line, bounds, start, end)
            label = _relabel(text, label, sources)
            label = _kb_relabel(toks, start, joined, label, sports)
            if start > 0 and toks[start - 1] == "," and cn.state_abbreviation(joined):
                label, margin = "LOC", 3.0  # "Boston, Mass."
            team = teams and team_label(toks, start, end)
            if _body_named(words, joined, label):
                label = "ORG"
            elif label == "O" and _initials_org(joined, model.common):
                label, margin = "ORG", min(margin, 1.0)
            if label in ("LOC", "ORG", "O") and _is_team(toks, start, end, joined, numbers):
                label, margin = "ORG", 3.0
            if sports and label != "PER" and _athlete(toks, start, end, joined):
                label, margin = "PER", 3.0
            elif (
                sports and label == "PER" and end - start == 1 and start and toks[start - 1] == "at"
            ):
                label = "LOC"  # "at Headingley": a ground, not a player
            if dateline and gz.lookup_place(joined) is not None:
                label, margin = "LOC", 3.0  # "BIRMINGHAM, England 1996-08-31"
            out.append(Mention(order, text, words, label, margin, team))
            order += 1
    return out, caps, sports, football


def _caps_mentions(
    caps: list[_Line],
    known: dict[str, str],
    order: int,
    sports: bool = False,
) -> list[Mention]:
    """In a caps line trust only names the body used, and places the gazetteer knows; in
    sports copy a city or state followed by numbers is a team in a standings table."""
    out: list[Mention] = []
    for toks, bounds, line in caps:
        # "BIRMINGHAM, England 1996-08-31": where the report was filed, whatever plays there.
        dateline = is_dateline(toks)
        i = 0
        while i < len(toks):
            hit = None
            for n in range(min(MAX_CAPS_NGRAM, len(toks) - i), 0, -1):
                words = toks[i : i + n]
                if not words[0][:1].isalpha() or not words[-1][:1].isalpha():
                    continue
                text = _surface(line, bounds, i, i + n)
                k = gz.key(text)
                if k in known and not (dateline and gz.lookup_place(text)):
                    hit = (n, text, known[k])
                    break
                place = gz.lookup_place(text)
                if place is not None and (n > 1 or len(text) > 3 or place.kind == "country"):
                    hit = (n, text, "LOC")
                    break
            if hit:
                n, text, label = hit
                nxt = toks[i + n] if i + n < len(toks) else ""
                if sports and label == "LOC" and nxt.isdigit() and len(nxt) < 4 and teamable(text):
                    label = "ORG"
                out.append(Mention(order, text, toks[i : i + n], label, 1.0))
                order += 1
                i += n
            else:
                i += 1
    return out


def _vote(mentions: list[Mention]) -> None:
    """One type per name within a story: the margin-weighted majority."""
    keys = [gz.key(m.text) for m in mentions]
    votes: dict[str, dict[str, float]] = {}
    for m, k in zip(mentions, keys, strict=True):
        if not m.team:
            tally = votes.setdefault(k, {})
            tally[m.label] = tally.get(m.label, 0) + (1.0 + m.margin)
    # The first label with the highest total, in insertion order: max() picks it on ties,
    # as Counter.most_common(1) does.
    winner = {k: max(tally.items(), key=itemgetter(1))[0] for k, tally in votes.items()}
    for m, k in zip(mentions, keys, strict=True):
        if m.team:
            m.label = "ORG"
        else:
            m.label = winner[k]


def _link_surnames(mentions: list[Mention]) -> dict[int, str]:
    """Single-word mentions that repeat a word of a person's full name -> that full name."""
    # The first full name that ends with a word, and the first that has it anywhere.
    by_last: dict[str, str] = {}
    by_word: dict[str, str] = {}
    for f in mentions:
        if f.label == "PER" and len(f.tokens) > 1:
            by_last.setdefault(f.tokens[-1], f.text)
            for w in f.tokens:
                by_word.setdefault(w, f.text)
    links: dict[int, str] = {}
    for m in mentions:
        if len(m.tokens) != 1 or (m.label in ("LOC",) and gz.lookup_place(m.text)):
            continue
        word = m.tokens[0]
        target = by_last.get(word)
        if target is None and len(word) > 2:
            target = by_word.get(word)
        if target is not None:
            m.label = "PER"
            links[m.order] = target
    return links


def _link_companies(mentions: list[Mention], links: dict[int, str]) -> None:
    """ "Allergan" after "Allergan Inc": a company named without its legal suffix is still
    that company, whatever the tagger made of the bare name."""
    short = {
        gz.key(folded)
        for m in mentions
        if m.label == "ORG" and (folded := cn.fold_company(m.text)) != m.text
    }
    if not short:
        return
    for m in mentions:
        if m.label != "ORG" and gz.key(m.text) in short:
            m.label = "ORG"
            links.pop(m.order, None)


def _link_caps_surnames(mentions: list[Mention], links: dict[int, str]) -> None:
    """ "BAKER" in a capitals headline after "James Baker" in the body: the same person."""
    full: dict[str, str] = {}
    for m in mentions:
        if m.label == "PER" and len(m.tokens) > 1:
            full.setdefault(m.tokens[-1].casefold(), links.get(m.order, m.text))
    for m in mentions:
        if m.label == "PER" and len(m.tokens) == 1 and m.order not in links:
            target = full.get(m.text.casefold())
            if target is not None:
                links[m.order] = target


def _link_club_names(mentions: list[Mention], links: dict[int, str]) -> dict[int, str]:
    """ "Yankees" after "New York Yankees": the short name of a club said in full."""
    full = {}
    for m in mentions:
        last = m.tokens[-1]
        if (
            m.team
            and len(m.tokens) > 1
            and last[:1].isupper()
            and last.lower() not in gz.ORG_HEADS
            and gz.lookup_place(last) is None
        ):
            full.setdefault(last, m.text)
    out: dict[int, str] = {}
    for m in mentions:
        if len(m.tokens) == 1 and m.order not in links and m.tokens[0] in full:
            m.label = "ORG"
            out[m.order] = full[m.tokens[0]]
    return out


def _lone_given_name(m: Mention, links: dict[int, str]) -> bool:
    """ "Bill" alone, tied to no full name in the story and to no well-known person: a
    first name or a capitalised word ("the Bill"), not a person the archive can know."""
    return (
        len(m.tokens) == 1
        and m.order not in links
        and kb.is_given_name(m.text.lower())
        and kb.by_surname(m.text) is None
    )


def _person_name(m: Mention) -> str:
    """The knowledge base's name for a person: "George Bush" -> "George W Bush", and a
    surname alone the story never gives in full -> the one well-known person of it."""
    if len(m.tokens) == 1:
        entry = kb.by_surname(m.text)
        return entry.name if entry else m.text
    return cn.canonical("person", m.text) or m.text


def _acronym(text: str) -> str:
    words = [w for w in re.split(r"[\s-]+", text) if w and w[0].isupper()]
    return "".join(w[0] for w in words)


def _canonical_org(text: str, long_names: list[str]) -> str:
    if text in gz.KNOWN_ORGS:
        return gz.KNOWN_ORGS[text]
    plain = text.replace(".", "")
    if plain.isupper() and len(plain) >= 2:
        for name in long_names:
            if _acronym(name) == plain:
                return name
    return text


def extract_entities(
    title: str, paragraphs: list[str], *, sources: Sequence[str] = ()
) -> tuple[list[Entity], list[Entity], list[Entity]]:
    """(people, places, organizations) named in the story, each in order of first mention."""
    source_keys = frozenset(gz.key(s) for s in sources)
    lines = _lines(title, paragraphs)
    mentions, caps, sports, football = _mentions(lines, source_keys)
    _vote(mentions)
    links = _link_surnames(mentions)
    clubs = _link_club_names(mentions, links)
    _link_companies(mentions, links)
    known = {gz.key(m.text): m.label for m in mentions if m.label in KIND}
    mentions.extend(_caps_mentions(caps, known, len(mentions), sports))
    mentions.sort(key=lambda m: m.order)
    _link_caps_surnames(mentions, links)

    groups: dict[tuple[str, str], _Group] = {}
    long_orgs = [m.text for m in mentions if m.label == "ORG" and " " in m.text]
    persons_by_key: dict[str, str] = {}
    for m in mentions:
        if m.label not in KIND:
            continue
        kind = KIND[m.label]
        country = None
        if kind == "person":
            if _lone_given_name(m, links):
                continue
            name = links.get(m.order) or _person_name(m)
            name = persons_by_key.setdefault(gz.key(name), name)
        elif kind == "place":
            place = gz.lookup_place(m.text)
            name = place.name if place else cn.state_abbreviation(m.text) or m.text
            country = place.country if place else None
        else:
            name = clubs.get(m.order) or _canonical_org(m.text, long_orgs)
            name = cn.canonical("organization", name, football=football) or cn.fold_company(name)
        gkey = (kind, gz.key(name))
        group = groups.get(gkey)
        if group is None:
            group = groups[gkey] = _Group(name, kind, m.order, country=country)
        group.add(m.text)

    result: dict[str, list[Entity]] = {k: [] for k in KIND.values()}
    for g in sorted(groups.values(), key=lambda g: g.order):
        slug = _slug(g.name)
        if not slug:
            continue
        shown = g.shown()
        canonical = g.name if shown != g.name else None
        forms = tuple(g.forms)
        qid = kb.wikidata_id(g.kind, g.name)
        result[g.kind].append(
            Entity(shown, slug, g.kind, forms, g.country, g.count, canonical, qid)
        )
    return result["person"], result["place"], result["organization"]
