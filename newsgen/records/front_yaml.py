"""A record's front matter read from YAML faster, to the same values as `yaml.load`.

Loading records is most of a `--no-cache` build's first seconds, and most of that is
PyYAML: libyaml parses, but each scalar's tag is resolved (several regexes) and each
node built in Python. Here a plain scalar's tag is looked up in a table of those seen
before (front matter repeats `name`, `slug`, the same places), and the usual nodes
(text, lists, mappings) are built directly; anything else (other tags, merge keys,
aliases, an error) goes through PyYAML's own constructor, from the start, so its
values and its error messages are PyYAML's.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

try:  # the C parser is several times faster; fall back when libyaml is absent
    from yaml import CSafeLoader as _Base
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Base  # type: ignore[assignment]

_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ = _TAG + "str", _TAG + "map", _TAG + "seq"
_TAGS: dict[str, str] = {}  # plain scalar -> its resolved tag
_TAGS_LIMIT = 1 << 16  # a bound on memory, whatever the records hold


class _Loader(_Base):  # type: ignore[misc,valid-type]
    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        # A plain scalar's tag depends on its text alone (no path resolvers are set).
        if kind is ScalarNode and implicit[0]:
            tag = _TAGS.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(_TAGS) < _TAGS_LIMIT:
                    _TAGS[value] = tag
            return tag
        return super().resolve(kind, value, implicit)


class _Unusual(Exception):
    """Something only PyYAML's constructor knows how to build."""


def load(text: str) -> Any:
    """`yaml.load(text, Loader=CSafeLoader)`, the same values and the same errors."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            return _build(node, loader, set())
        except (_Unusual, ValueError, TypeError, RecursionError, yaml.YAMLError):
            pass
    finally:
        loader.dispose()
    return yaml.load(text, Loader=_Loader)  # PyYAML's values, or its error


def _build(node: Any, loader: Any, seen: set[int]) -> Any:
    tag = node.tag
    if type(node) is ScalarNode:
        return node.value if tag == _STR else loader.construct_object(node)
    if id(node) in seen:  # an alias: PyYAML shares one object between the two places
        raise _Unusual
    seen.add(id(node))
    if tag == _SEQ and type(node) is SequenceNode:
        return [_build(item, loader, seen) for item in node.value]
    if tag == _MAP and type(node) is MappingNode:
        out = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode or key_node.tag == _TAG + "merge":
                raise _Unusual
            out[_build(key_node, loader, seen)] = _build(value_node, loader, seen)
        return out
    raise _Unusual
