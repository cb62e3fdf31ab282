from __future__ import annotations

from dataclasses import dataclass

from newsgen.analysis.site_rules import hit_confidence, match_rules


@dataclass(frozen=True)
class Rule:
    name: str
    slug: str | None = None
    keywords: tuple[str, ...] = ()
    parent: str | None = None


TITLE = "Harbour bridge closes for repairs"
BODY = [
    "The old harbour bridge will shut for six weeks while engineers replace its cables.",
    "Ferry operators expect more passengers; the Harbour   Bridge carries 40,000 cars a day.",
]


def test_phrase_matches_across_case_and_whitespace() -> None:
    [topic] = match_rules([Rule("Harbour bridge", keywords=("harbour bridge",))], TITLE, BODY)
    assert topic.name == "Harbour bridge"
    assert topic.slug == "harbour-bridge"
    assert topic.origin == "site rules"
    assert topic.qcode is None


def test_whole_words_only() -> None:
    # "car" must not match "cars", "cable" must not match "cables"
    assert match_rules([Rule("Motoring", keywords=("car", "cable"))], TITLE, BODY) == []


def test_rule_order_slug_and_parent_kept() -> None:
    rules = [
        Rule("Transport", slug="getting-around", keywords=("ferry",), parent="City"),
        Rule("Nothing", keywords=("volcano",)),
        Rule("Bridges", keywords=("bridge",)),
    ]
    topics = match_rules(rules, TITLE, BODY)
    assert [t.name for t in topics] == ["Transport", "Bridges"]
    assert topics[0].slug == "getting-around"
    assert topics[0].parent == "City"
    assert topics[1].parent is None


def test_more_hits_more_confidence() -> None:
    one = match_rules([Rule("Ferries", keywords=("ferry",))], TITLE, BODY)[0].confidence
    three = match_rules([Rule("Bridges", keywords=("bridge",))], TITLE, BODY)[0].confidence
    assert 0 < one < three <= 1
    assert hit_confidence(0) == 0.0
    assert hit_confidence(1) == 0.5


def test_blank_and_special_keywords_are_safe() -> None:
    rules = [Rule("Odd", keywords=("", "   ", "c++", "(x)"))]
    assert match_rules(rules, "Why c++ still matters", [])[0].name == "Odd"
    assert match_rules(rules, "Nothing here", ["at all"]) == []


def test_duplicate_keywords_count_once() -> None:
    single = match_rules([Rule("B", keywords=("bridge",))], TITLE, BODY)[0].confidence
    doubled = match_rules([Rule("B", keywords=("bridge", "bridge"))], TITLE, BODY)[0].confidence
    assert single == doubled
