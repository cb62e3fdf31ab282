"""front_yaml.load gives what yaml.load gives: the same values, types and errors."""

from __future__ import annotations

import pytest
import yaml

from newsgen.records import front_yaml

CASES = [
    "title: A story\nslug: a-story\ndate: 2024-01-02\nword_count: 120\n",
    "people:\n- name: Ann Lee\n  slug: ann-lee\n  forms: [Lee]\n- name: Ann Lee\n",
    "t: yes\nn: ~\nf: 1.5\nd: 2024-01-02T10:00:00Z\ni: 0x1f\ns: '12'\nq: !!str 12\n",
    "a: &x [1, 2]\nb: *x\n",  # an alias: one list in two places
    "<<: {a: 1}\nb: 2\n",  # a merge key
    "? [1, 2]\n: an unhashable key\n",
    "=: 1\n",
    "a: 1\na: 2\n",
    "x: !!binary aGk=\n",
    "- a\n- {b: [c, d]}\n",
    "date: 2024-13-45\n",  # a value that cannot be built
    "a: [1, 2\n",  # not YAML
    "",
]


def _outcome(load: object, text: str) -> str:
    try:
        return repr(load(text))  # type: ignore[operator]
    except Exception as exc:  # the error is the outcome compared
        return f"{type(exc).__name__}: {exc}"


@pytest.mark.parametrize("text", CASES)
def test_the_same_as_pyyaml(text: str) -> None:
    expected = _outcome(lambda t: yaml.load(t, Loader=yaml.CSafeLoader), text)
    assert _outcome(front_yaml.load, text) == expected


def test_an_alias_is_one_object_as_in_pyyaml() -> None:
    data = front_yaml.load("a: &x [1, 2]\nb: *x\n")
    assert data["a"] is data["b"]
