"""Site configuration: `newsgen.yaml` at the site root, loaded into typed objects.

Every key is validated and every problem reported at once, naming the key
and the file (cf. MkDocs `Config.validate`). No file means the defaults.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from newsgen.errors import ConfigError
from newsgen.yaml_lines import key_line

CONFIG_NAME = "newsgen.yaml"
_LANG = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")


@dataclass(frozen=True, slots=True)
class TopicRule:
    """A topic the site owner defines; stories that mention a keyword get it."""

    name: str
    slug: str | None = None
    keywords: tuple[str, ...] = ()
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class ExecutorChoice:
    """Where a build's work runs: `process` (a pool on this machine, `--jobs`) or `dask`
    (the workers of the Dask scheduler at `scheduler`: tcp://host:8786, or local:N)."""

    kind: str = "process"
    scheduler: str | None = None


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """Everything in newsgen.yaml. Field docstrings double as the reference docs."""

    title: str = "News archive"
    """The site's name, shown in the header, feeds and page titles."""
    description: str = "An archive of news stories."
    """One sentence about the archive, for the home page, feeds and search engines."""
    base_url: str = "https://example.org/"
    """Where the site will be published; used only for canonical URLs, feeds and sitemap."""
    language: str = "en"
    """BCP 47 language tag of the archive, set as the pages' `lang`."""
    per_page: int = 20
    """Stories per listing page (topics, people, places, archives)."""
    feed_size: int = 20
    """Entries in each Atom and JSON feed."""
    output_dir: str = "_site"
    """Where the built site goes, relative to the site root."""
    author: str | None = None
    """Default author/publisher name for feeds and structured data."""
    topics: tuple[TopicRule, ...] = ()
    """Site-defined topics: a list of {name, slug, keywords, parent}."""
    related_count: int = 4
    """How many related stories each article page lists."""
    year: int | None = None
    """The year of a wire dateline that gives only month and day (`PARIS, March 3 -`),
    when neither the story's text nor the seed's folder (`seeds/1987/`) gives one."""
    analysis: bool = True
    """Find each story's section, topics, people, places, organisations and keywords;
    `false` for a site whose records are tagged by hand: they keep what their text and
    front matter give, and no analysis runs (builds are then several times faster)."""
    # Not in repr, hence not in any page's signature: where pages render changes no byte.
    executor: ExecutorChoice | None = dataclasses.field(default=None, repr=False)
    """Where builds run: {kind: dask, scheduler: tcp://host:8786} for a Dask cluster (see
    docs/CLUSTER.md); `--scheduler` wins. Default: a process pool on this machine."""

    @property
    def base_path(self) -> str:
        """The URL path the site lives under, e.g. `/archive/`."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"


def load_config(root: Path) -> SiteConfig:
    """Read `root/newsgen.yaml` (if any) and validate it; no file means the defaults."""
    path = root / CONFIG_NAME
    data: dict[str, Any] = {}
    text = None
    if path.is_file():
        try:
            text = path.read_text(encoding="utf-8")
            loaded = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            raise ConfigError(
                f"is not valid YAML: {getattr(exc, 'problem', exc)}",
                path=path,
                line=line,
                hint="fix the syntax or delete the file to use the defaults",
            ) from None
        except UnicodeDecodeError:
            raise ConfigError("is not UTF-8 text", path=path) from None
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            raise ConfigError("must be a mapping of keys to values", path=path)
        data = dict(loaded)
    return config_from_dict(data, source=str(path), text=text)


def config_from_dict(
    data: dict[str, Any], source: str = CONFIG_NAME, text: str | None = None
) -> SiteConfig:
    """Validate a plain mapping; collects all problems before raising, at the line of
    the first one's key when `text` (the file the mapping was read from) shows it."""
    problems: list[str] = []
    first: str | None = None
    values: dict[str, Any] = {}
    known = {f.name for f in dataclasses.fields(SiteConfig)}
    for key, value in data.items():
        if key not in known:
            close = [k for k in sorted(known) if k[:3] == str(key)[:3]]
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(f"'{key}': unknown key{hint}")
            first = first or str(key)
            continue
        try:
            values[key] = _validate(key, value)
        except ValueError as exc:
            problems.append(f"'{key}': {exc}")
            first = first or str(key)
    if problems:
        raise ConfigError(
            "; ".join(problems),
            path=source,
            line=key_line(text, first) if text is not None and first else None,
            hint=f"see the configuration section of the README for the {len(known)} known keys",
        )
    return SiteConfig(**values)


def _validate(key: str, value: Any) -> Any:
    if key == "topics":
        return _topic_rules(value)
    if key == "executor":
        return _executor(value)
    if key in ("per_page", "feed_size", "related_count"):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"expected a whole number of at least 1, got {value!r}")
        return value
    if key == "year":
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or not 1000 <= value <= 9999
        ):
            raise ValueError(f"expected a year such as 1987, got {value!r}")
        return value
    if key == "analysis":
        if not isinstance(value, bool):
            raise ValueError(f"expected true or false, got {value!r}")
        return value
    if key == "author":
        if value is not None and not isinstance(value, str):
            raise ValueError(f"expected text, got {value!r}")
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {value!r}")
    if key == "base_url":
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"expected an absolute http(s) URL, got {value!r}")
        return value if value.endswith("/") else value + "/"
    if key == "language" and not _LANG.match(value):
        raise ValueError(f"expected a language tag such as 'en' or 'en-GB', got {value!r}")
    if key == "output_dir" and (not value.strip() or Path(value).is_absolute() or ".." in value):
        raise ValueError(f"expected a folder name inside the site root, got {value!r}")
    return value


def _executor(value: Any) -> ExecutorChoice:
    if not isinstance(value, dict) or set(value) - {"kind", "scheduler"}:
        raise ValueError("expected a mapping with 'kind' (process or dask) and 'scheduler'")
    kind, scheduler = value.get("kind", "process"), value.get("scheduler")
    if kind not in ("process", "dask"):
        raise ValueError(f"'kind' must be process or dask, got {kind!r}")
    if kind == "dask" and not isinstance(scheduler, str):
        raise ValueError("a dask executor needs 'scheduler': tcp://host:8786 or local:N")
    if kind == "process" and scheduler is not None:
        raise ValueError("'scheduler' goes with kind: dask")
    return ExecutorChoice(kind, scheduler)


def _topic_rules(value: Any) -> tuple[TopicRule, ...]:
    if not isinstance(value, list):
        raise ValueError("expected a list of {name, keywords, slug, parent}")
    rules = []
    for i, item in enumerate(value, 1):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise ValueError(f"item {i}: expected a mapping with a 'name'")
        extra = set(item) - {"name", "slug", "keywords", "parent"}
        if extra:
            raise ValueError(f"item {i}: unknown key(s) {', '.join(sorted(map(str, extra)))}")
        keywords = item.get("keywords", [item["name"]])
        if isinstance(keywords, str):
            keywords = [keywords]
        if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
            raise ValueError(f"item {i}: 'keywords' must be a list of phrases")
        for opt in ("slug", "parent"):
            if item.get(opt) is not None and not isinstance(item[opt], str):
                raise ValueError(f"item {i}: '{opt}' must be text")
        rules.append(
            TopicRule(
                name=item["name"],
                slug=item.get("slug"),
                keywords=tuple(keywords),
                parent=item.get("parent"),
            )
        )
    return tuple(rules)


def field_docs() -> dict[str, str]:
    """Key -> docstring, for the README and the docs test."""
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(SiteConfig))
    body = tree.body[0].body  # type: ignore[attr-defined]
    docs: dict[str, str] = {}
    for node, nxt in itertools.pairwise(body):
        if isinstance(node, ast.AnnAssign) and isinstance(nxt, ast.Expr):
            docs[node.target.id] = nxt.value.value  # type: ignore[attr-defined,union-attr]
    return docs
