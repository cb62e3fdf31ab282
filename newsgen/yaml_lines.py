"""Where in a block of YAML (front matter, the config) a key or a value is.

PyYAML's loaders say where a syntax error is, but not where a key with a wrong value
is, nor which value failed when one is well-formed YAML and still not a value
(`date: 2024-13-45`): records, seeds and the config ask here, to name the line.
"""

from __future__ import annotations

import re

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


def key_line(text: str, key: str, first_line: int = 1) -> int | None:
    """The line of the top-level `key:` in `text` (`first_line`: the line `text`
    starts on)."""
    pattern = re.compile(rf"{re.escape(key)}\s*:")
    for number, line in enumerate(text.splitlines(), start=first_line):
        if pattern.match(line):
            return number
    return None


def unreadable_value_line(text: str, message: str, first_line: int = 2) -> int | None:
    """The line of the value in `text` that cannot be built, as the loader's error
    `message` says (`first_line`: the line `text` starts on). The loader builds nested
    values last, so the value that fails with this very message is the one, else the
    first that fails; None when none does (or the text does not parse)."""
    found: list[tuple[bool, int]] = []
    try:
        root = yaml.compose(text, Loader=_Loader)
        builder = yaml.SafeLoader("")
        pending = [root] if root is not None else []
        while pending:
            node = pending.pop()
            if isinstance(node, yaml.ScalarNode):
                try:
                    builder.construct_object(node, deep=True)
                except (ValueError, TypeError) as exc:
                    found.append((str(exc) != message, int(node.start_mark.line) + first_line))
            elif isinstance(node, yaml.SequenceNode):
                pending.extend(reversed(node.value))
            elif isinstance(node, yaml.MappingNode):
                pending.extend(n for pair in reversed(node.value) for n in reversed(pair))
    except (yaml.YAMLError, RecursionError):
        return None
    return min(found)[1] if found else None
