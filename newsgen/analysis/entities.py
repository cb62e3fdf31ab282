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
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import contains, itemgetter

from newsgen.analysis import canonical as cn
from newsgen.analysis import gazetteer as gz
from newsgen.analysis import kb
from newsgen.analysis import name_words as nw
from newsgen.analysis.entity_linking import (
    bracketed_acronyms,
    canonical_org,
    company_cued,
    initials_of_a_company,
    link_caps_surnames,
    link_club_names,
    link_companies,
    link_surnames,
    lone_given_name,
    not_a_persons,
    person_name,
    short_for,
    titles_of_works,
    unknown_lone_word,
    vote,
)
from newsgen.analysis.entity_mention import Group, Mention
from newsgen.analysis.entity_rules import (
    Line,
    company_words,
    is_legal_form,
    join_and,
)
from newsgen.analysis.listed_people import between_marks, people_listed
from newsgen.analysis.ner_model import load_model
from newsgen.analysis.ner_spans import (
    FAST_TOKEN_RE,
    Span,
    candidate_spans,
    context_features,
    is_caps_line,
    sentence_starts,
    word_features,
)
from newsgen.analysis.ner_sports import (
    is_dateline,
    is_sports_story,
    results_line,
    teamable,
)
from newsgen.analysis.span_rules import (
    LEADS,
    TEAM_SHEET,
    a_firms,
    firm_partner,
    is_lineup,
    no_candidate,
    squad_start,
)
from newsgen.analysis.span_typing import Facts, rebound, typed
from newsgen.article import Entity
from newsgen.slugs import name_slug

KIND = {"PER": "person", "LOC": "place", "ORG": "organization"}


MAX_CAPS_NGRAM = 4


# Slugs of names: the same few thousand names recur across an archive.
_slug = lru_cache(maxsize=1 << 13)(name_slug)


@lru_cache(maxsize=1 << 13)
def _words_part(words: tuple[str, ...]) -> tuple[int, int]:
    """The tagger's sum over a name's own features (`ner_model.Model.part`): the same
    names recur story after story, in different contexts, and the sum is exact."""
    return load_model().part(word_features(words, False))


def _lines(title: str, paragraphs: Sequence[str]) -> list[str]:
    return [t for t in (title, *paragraphs) if t and t.strip()]


# TOKEN_RE in one capturing group: split() then gives the gaps and the tokens interleaved,
# [gap, tok, gap, tok, ..., gap], in one C-level pass, the very matches finditer finds.
_SPLIT_RE = re.compile(f"({FAST_TOKEN_RE.pattern})")


def _tokens(line: str) -> tuple[list[str], list[int]]:
    """Tokens and their bounds; "US-South" becomes "US", "-", "South".

    Token i is line[bounds[2 * i] : bounds[2 * i + 1]]: the bounds are the running lengths
    of the gap and token pieces, which is cheaper than a match object per token.
    """
    parts = _SPLIT_RE.split(line)
    if "-" in line:
        # Gaps between tokens are only white space, so the parts holding "-" are tokens
        # (found by a C-level pass); going backwards keeps the ones left to do in place.
        dashed = list(compress(range(len(parts)), map(contains, parts, repeat("-"))))
        for i in reversed(dashed):
            head, _, tail = parts[i].partition("-")
            if (
                head[:1].isupper()
                and tail[:1].isupper()
                and gz.lookup_place(head)
                # "Agence France-Presse": a body's name, not a place and another word
                and not (i > 2 and kb.lookup(f"{parts[i - 2]} {parts[i]}") is not None)
            ):
                parts[i : i + 1] = [head, "", "-", "", tail]
    return parts[1::2], list(accumulate(map(len, parts)))


def _surface(line: str, bounds: list[int], start: int, end: int) -> str:
    """The line's text of tokens [start, end), with its own spacing."""
    return line[bounds[2 * start] : bounds[2 * end - 1]]


# The US Congress's other chamber named in a story: its "House" is the House of
# Representatives (in British copy, "the House" is the Commons, and stays as it is).
_US_CHAMBERS = re.compile(
    r"\b(?:Senate|Congress|Congressional|Representatives|White House|[Cc]ongressman"
    r"|U\.?S\.? House|House (?:Speaker|(?:[A-Z][a-z]+,? |and )*(?:Sub)?[Cc]ommittee))\b"
)


def _may_name_us_chamber(line: str) -> bool:
    """Whether `_US_CHAMBERS` can match: every one of its forms holds one of these words,
    and four substring tests are far cheaper than the pattern on every line."""
    return "House" in line or "ongress" in line or "Senate" in line or "Representatives" in line


# Titles before a lone name that make it a person's ("President Suharto", "Lord
# Falconer"); "General" opens companies' names as often ("General Automation").
_VOUCHING_TITLES = nw.HEAD_TITLES - {"general", "gen."}


def _table_mentions(
    line: str, toks: list[str], bounds: list[int], table: list[tuple[int, int]], order: int
) -> list[Mention]:
    """A results table's sides: teams, or nations where the gazetteer says so."""
    out = []
    for a, b in table:
        text = _surface(line, bounds, a, b)
        place = gz.lookup_place(text)
        nation = place is not None and place.kind == "country"
        label = "LOC" if nation else "ORG"
        out.append(Mention(order + len(out), text, toks[a:b], label, 3.0, team=not nation))
    return out


def _sports_copy(lines: list[str], token_lines: list[list[str]]) -> bool:
    """A sports report: by its kicker and words (`is_sports_story`), or by a team sheet
    of ten names or more, whatever its prose says."""
    return is_sports_story(lines[0] if lines else "", token_lines) or any(
        squad_start(t, TEAM_SHEET) >= 0 for t in token_lines if len(t) >= 2 * TEAM_SHEET
    )


def _mentions(
    lines: list[str], sources: frozenset[str]
) -> tuple[list[Mention], list[Line], bool, bool]:
    """Typed mentions from ordinary lines; ALL-CAPS lines are returned for a second pass;
    and whether the story is a sports report, and a football one."""
    model = load_model()
    predict = model.predict
    out: list[Mention] = []
    caps: list[Line] = []
    order = 0
    tokenized = [_tokens(line) for line in lines]
    sports = _sports_copy(lines, [t for t, _ in tokenized])
    football = sports and cn.is_football([t for t, _ in tokenized])
    for n, (line, (toks, bounds)) in enumerate(zip(lines, tokenized, strict=True)):
        if not toks:
            continue
        dateline = n == 1 and is_dateline(toks)
        teams = sports and not dateline
        table = results_line(toks) if sports else []
        if table:
            out += _table_mentions(line, toks, bounds, table, order)
            order += len(table)
            continue
        if is_caps_line(toks, headline=n == 0):
            caps.append((toks, bounds, line))
            continue
        starts = sentence_starts(toks)
        lineup = is_lineup(toks)
        # Tokens are never empty, so t[0] is t[:1]; map() keeps this per-token count in C.
        numbers = sum(map(str.isdigit, map(itemgetter(0), toks)))
        full: list[tuple[Mention, bool]] = []  # full names, and whether a list's item
        person_end = -9  # the last token of the line's last person named
        firm = (-9, -9)  # the bounds of the firm last named after a person's "of"
        squad = squad_start(toks) if sports else -1
        facts = Facts(sources, sports, teams, numbers, lineup, dateline, model.common, squad)
        for span in join_and(toks, candidate_spans(toks, model.common, starts)):
            start, end, joined = span.start, span.end, span.text
            if (cut := cn.role_prefix(toks[start:end])) and kb.known_kind(joined) is None:
                start += cut
                span = Span(start, end, joined := " ".join(toks[start:end]))
            if end - start > 1 and toks[end - 1] in LEADS:
                end -= 1
                span = Span(start, end, joined := " ".join(toks[start:end]))
            if no_candidate(toks, start, end, joined, start in starts, sports):
                continue
            words = toks[start:end]
            context = context_features(toks, span, sent_start=start in starts, caps_line=False)
            label, margin = predict(context, _words_part(tuple(words)))
            text = _surface(line, bounds, start, end)
            label, margin, team, work = typed(facts, toks, start, end, joined, text, label, margin)
            bounded = rebound(toks, start, end, label, margin)
            if bounded[:2] != (start, end):
                start, end, label, margin = bounded
                words, joined = toks[start:end], " ".join(toks[start:end])
                text = _surface(line, bounds, start, end)
            if label == "PER" and firm_partner(toks, start, end, firm[1]):
                # "Carol Bell of Phillips and Drew": the firm's second name, not a person
                text = _surface(line, bounds, firm[0], end)
                out[-1] = replace(out[-1], text=text, tokens=toks[firm[0] : end])
                firm = (firm[0], end - 1)
                continue
            if label == "PER" and a_firms(toks, start, end, person_end):
                label = "ORG"
            elif label == "PER" and start and toks[start - 1] in ("its", "Its"):
                label = "O"  # "its Gordon Lake gold deposit": a body's thing, no person
            if label == "ORG" and start == person_end + 2 and toks[start - 1] == "of":
                firm = (start, end - 1)  # the firm a person speaks for
            titled = start > 0 and toks[start - 1].lower() in _VOUCHING_TITLES
            out.append(Mention(order, text, words, label, margin, team, titled, work=work))
            if label == "PER":
                person_end = end - 1
            order += 1
            if len(words) > 1:
                full.append((out[-1], between_marks(toks, start, end)))
        people_listed(full, sports)
    return out, caps, sports, football


def _caps_mentions(
    caps: list[Line],
    known: dict[str, tuple[str, str]],
    order: int,
    sports: bool = False,
) -> list[Mention]:
    """In a caps line trust only names the body used, and places the gazetteer knows; in
    sports copy a city or state followed by numbers is a team in a standings table.
    `known`: the body's names by key, with their label and the form the body writes: a
    headline's "FED" is the body's "Fed", whose page the knowledge base knows."""
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
                    hit = (n, text, *known[k])
                    break
                place = gz.lookup_place(text)
                if place is not None and (n > 1 or len(text) > 3 or place.kind == "country"):
                    hit = (n, text, "LOC", text)
                    break
            if hit:
                n, text, label, named = hit
                nxt = toks[i + n] if i + n < len(toks) else ""
                if sports and label == "LOC" and nxt.isdigit() and len(nxt) < 4 and teamable(text):
                    label = "ORG"
                out.append(Mention(order, text, toks[i : i + n], label, 1.0, named=named))
                order += 1
                i += n
            else:
                i += 1
    return out


def extract_entities(
    title: str, paragraphs: list[str], *, sources: Sequence[str] = ()
) -> tuple[list[Entity], list[Entity], list[Entity]]:
    """(people, places, organizations) named in the story, each in order of first mention."""
    source_keys = frozenset(gz.key(s) for s in sources)
    lines = _lines(title, paragraphs)
    mentions, caps, sports, football = _mentions(lines, source_keys)
    vote(mentions)
    titles_of_works(mentions)
    links = link_surnames(mentions)
    clubs = link_club_names(mentions, links)
    link_companies(mentions, links)
    known: dict[str, tuple[str, str]] = {}
    for m in mentions:
        if m.label in KIND:
            known[gz.key(m.text)] = (m.label, m.text)
    mentions.extend(_caps_mentions(caps, known, len(mentions), sports))
    mentions.sort(key=lambda m: m.order)
    link_caps_surnames(mentions, links)

    groups: dict[tuple[str, str], Group] = {}
    long_orgs = [m.text for m in mentions if m.label == "ORG" and " " in m.text]
    acronyms = bracketed_acronyms(lines)
    us_story = any(map(_US_CHAMBERS.search, filter(_may_name_us_chamber, lines)))
    story_orgs = {w for m in mentions if m.label == "ORG" for w in gz.key(m.text).split()}
    persons_by_key: dict[str, str] = {}
    cued: list[frozenset[str]] = []  # the company cues, read once when a lone name needs them

    def cues() -> frozenset[str]:
        if not cued:
            cued.append(company_cued(lines))
        return cued[0]

    for m in mentions:
        if m.label not in KIND:
            continue
        kind = _kind_of(m, sports, links, cues)
        country = None
        if kind == "person":
            if lone_given_name(m, links):
                continue
            # A surname said after the full name is that person, by the name the full
            # one resolves to: "Bush" after "George Bush" is George W Bush, one page.
            linked = links.get(m.order)
            name = (cn.canonical("person", linked) or linked) if linked else person_name(m, sports)
            if unknown_lone_word(name, m, links, sports) or not_a_persons(name):
                continue
            if initials_of_a_company(name, story_orgs):
                kind, name = "organization", name.split()[-1]  # "C. Olivetti", "J.P. Morgan"
            elif " " in m.text and any(
                long.startswith(m.text + " ") and gz.lookup_place(short) is None
                for short, long in acronyms.items()
            ):
                kind, name = "organization", m.text  # "Financement Local et Regional (FLORAL)"
            name = persons_by_key.setdefault(gz.key(name), name)
        elif kind == "place":
            place = gz.lookup_place(m.text)
            name = place.name if place else cn.state_abbreviation(m.text) or m.text
            country = place.country if place else None
        else:
            name = clubs.get(m.order) or canonical_org(m.named or m.text, long_orgs)
            name = _org_name(short_for(name, acronyms, long_orgs, us_story), football, sports)
        page = cn.person_page_name(name) if kind == "person" else name
        gkey = (kind, gz.key(page))
        group = groups.get(gkey)
        if group is None:
            group = groups[gkey] = Group(name, kind, m.order, country=country)
            group.page = page if page != name else ""
        group.add(m.text)
    return _entities(groups)


def _kind_of(
    m: Mention, sports: bool, links: dict[int, str], cues: Callable[[], frozenset[str]]
) -> str:
    """The kind of entity a mention names, where the story's words overrule the tagger's
    label; `cues` gives the words the story says of a company."""
    kind = KIND[m.label]
    text = m.text
    if kind == "place" and (text.title() == "House" or cn.without_us_prefix(text) != text):
        return "organization"  # "the House", "U.S. House": a chamber, never a place
    if kind != "place" and not sports and " " in text and cn.is_admin_division(text):
        return "place"  # "Krasnodar Krai", "Borno State": typed as a name or a body
    if kind == "person" and company_words(text):
        return "organization"  # "AB Volvo", "Woodhouse, Drake and Carey Inc"
    if kind == "place" and " " in text and is_legal_form(text.rsplit(" ", 1)[1]):
        return "organization"  # "Fiat S.P.A.", "Warner Bros"; not "Co Antrim"
    if (
        kind == "person"
        and m.order not in links
        and unknown_lone_word(person_name(m, sports), m, links, sports)
        and text in cues()
    ):
        return "organization"  # "shares in Fiat", "Nintendo's profits"
    return kind


def _org_name(name: str, football: bool, sports: bool) -> str:
    """A body's name for its page: the knowledge base's (for the name as written, or
    without its legal form), or the US body's spelt out ("U.S. Navy": United States Navy)
    or without the prefix where its name says which body it is, or a company's without
    its legal form."""
    name = cn.without_us_prefix(name)
    known = cn.canonical("organization", name, football=football, sports=sports)
    if known is not None:
        return known
    spelled = cn.us_spelled_out(name)
    if spelled != name:
        if (known := cn.canonical("organization", spelled)) is not None:
            return known
        bare = spelled.removeprefix("United States ")
        if bare.count(" ") >= 2:
            # "U.S. Federal Communications Commission": a name of three words or more says
            # which body it is, prefix or not, so both forms share the bare name's page;
            # "U.S. Navy" and "Navy" may be two bodies ("Navy" is any country's).
            if (known := cn.canonical("organization", bare)) is not None:
                return known
            spelled = bare
    folded = cn.fold_company(spelled)
    # "British Petroleum Co PLC" is BP, as "British Petroleum" is; a legal form says a
    # company, so "PSE Inc" is no party and "Ruch SA" no football club.
    entry = kb.lookup(folded, "organization") if folded != spelled else None
    return entry.name if entry is not None and entry.flags in ("company", "media") else folded


def _entities(
    groups: dict[tuple[str, str], Group],
) -> tuple[list[Entity], list[Entity], list[Entity]]:
    """The story's groups of mentions as entities: (people, places, organisations)."""
    result: dict[str, list[Entity]] = {k: [] for k in KIND.values()}
    for g in sorted(groups.values(), key=lambda g: g.order):
        slug = _slug(g.page or g.name)
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
