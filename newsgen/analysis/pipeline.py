"""The analysis of one story, in order: sections and topics, the dateline, people,
places and organisations, speakers, keywords.

It never overwrites a field a human set: fields named in `keep` (those present in a
hand-written record or a seed's front matter) are left as they are.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from newsgen.analysis import gazetteer
from newsgen.analysis.dateline_places import (
    file_places,
    resolve_dateline,
    tagger_paragraphs,
    without_dateline_country,
    without_dateline_names,
)
from newsgen.analysis.entities import extract_entities
from newsgen.analysis.keywords import extract_keywords
from newsgen.analysis.site_rules import match_rules
from newsgen.analysis.topics import classify_sections
from newsgen.article import Article, Topic
from newsgen.config import TopicRule


def analyse(
    article: Article, rules: Sequence[TopicRule] = (), *, keep: Collection[str] = ()
) -> None:
    """Fill in the analysis fields of `article` in place."""

    title, paragraphs = article.title, article.paragraphs
    # A hand-set `section:` or `sections:` keeps both: `section:` alone means that one only.
    keep_sections = "section" in keep or "sections" in keep
    if not keep_sections or "topics" not in keep:
        sections, topics = classify_sections(title, paragraphs)
        if not keep_sections:
            article.section = sections[0]
            article.sections = sections if len(sections) > 1 else []
        if "topics" not in keep:
            own = match_rules(rules, title, paragraphs) if rules else []
            article.topics = _merge_topics([*own, *topics])
    if article.dateline is not None and article.dateline.city is None:
        resolve_dateline(article.dateline)
    if not {"people", "places", "organizations"} <= set(keep):
        # The dateline is a place, never a name: the tagger does not see it.
        tagged = tagger_paragraphs(paragraphs, article.dateline)
        people, places, orgs = extract_entities(title, tagged, sources=article.sources)
        if "people" not in keep:
            article.people = without_dateline_names(people, article.dateline)
        if "places" not in keep:
            article.places = file_places(places, article.dateline)
        if "organizations" not in keep:
            article.organizations = without_dateline_country(orgs, article.dateline)
        _name_speakers(article)
    if "keywords" not in keep:
        names = [f for e in article.entities for f in (e.name, *e.forms)]
        article.keywords = extract_keywords(title, paragraphs, names=names)


def warm_up() -> None:
    """Load every model and table now: a worker forked at the start of a build does
    this while the parent is still reading records, so one changed seed waits for
    nothing. Analysing a sentence touches each lazy cache the way real work does."""
    text = "Officials in London said on Monday that the Bank of England would act."
    analyse(Article(slug="warm-up", title="Bank of England to act", paragraphs=[text]))
    gazetteer.is_town("London")  # the towns table, which only some stories reach
    gazetteer.is_subdivision("Borno")  # and the divisions' names


def _merge_topics(topics: list[Topic]) -> list[Topic]:
    seen: set[str] = set()
    out = []
    for t in topics:
        if t.slug not in seen:
            seen.add(t.slug)
            out.append(t)
    return out


def _name_speakers(article: Article) -> None:
    """Give each quote's speaker the canonical name of the person it refers to."""
    for quote in article.quotes:
        if not quote.speaker:
            continue
        spoken = quote.speaker.removeprefix("Mr. ").removeprefix("Ms. ").removeprefix("Mrs. ")
        for person in article.people:
            if spoken == person.name or spoken in person.forms or spoken in person.name.split():
                quote.speaker = person.name
                break
