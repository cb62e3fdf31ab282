"""Rendering: the Jinja environment and one function to turn a Page into HTML.

The environment is safe by default: autoescape on for HTML and XML,
`StrictUndefined` so a typo in a template is an error, not an empty string.
The site's own templates/ override the bundled theme file by file, and
`{% extends "theme/base.html" %}` reaches the bundled original.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import pickle
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import jinja2
from jinja2 import meta
from markupsafe import Markup, escape

from newsgen import __version__
from newsgen.article import Article
from newsgen.config import SiteConfig
from newsgen.errors import TemplateError
from newsgen.records.markup import render_markdown
from newsgen.site.json_ld import json_ld, term_json_ld
from newsgen.site.pages import KIND_LABELS, MONTHS, Page, nav_items
from newsgen.site.theme import theme_dir
from newsgen.site.urls import absolute, article_uri, linker

_AUTOESCAPE = ("html", "xml")


CARD = "_card.html"
# What a card may read and still be made once for every page it is listed on: the story,
# its heading level, links (checked per page, below) and what is the same on every page.
_CARD_READS = frozenset({"item", "card_level", "url", "site", "nav"})
_CARD_LIMIT = 65_536  # cards kept at once: a bound on a render worker's memory
_Card = tuple[list[tuple[str, str]], str]  # (target, link) of each url() call, and the HTML


class CardCache:
    """Each story's card rendered once per build and reused wherever it is listed (its
    section, topics, names, archives, the home page, related stories): about a third of
    a listing page's rendering.

    Hooks the compiled `_card.html`, so `{% include "_card.html" %}` in any template, the
    theme's or the site's, goes through it, and a site's own `_card.html` is honoured. A
    card is reused only if the template reads nothing but the story, `card_level`,
    `url()` and what every page shares; its links are relative to the page, so the
    links a card made are made again for each page and must come out the same. A card
    template that reads anything else is rendered every time, as before."""

    def __init__(self) -> None:
        # (id of the story, heading level) -> (the story, [(links it made, its HTML)]):
        # the story is kept so that its id cannot be another's while the entry lives.
        self.cards: dict[tuple[int, object], tuple[object, list[_Card]]] = {}
        self.hits = 0

    def install(self, env: jinja2.Environment) -> None:
        """Wrap the card template of `env`, if it has one that can be reused."""
        try:
            source = env.loader.get_source(env, CARD)[0] if env.loader else None
            template = env.get_template(CARD)
        except (jinja2.TemplateNotFound, jinja2.TemplateSyntaxError):
            return  # no card, or a broken one: rendering reports it where it is used
        if source is None or not _reusable(env, source):
            return
        render = template.root_render_func
        template.root_render_func = lambda context: self._card(template, render, context)

    def _card(
        self,
        template: jinja2.Template,
        render: Callable[[jinja2.runtime.Context], Iterator[str]],
        context: jinja2.runtime.Context,
    ) -> Iterator[str]:
        item, level, url = context.get("item"), context.get("card_level"), context.get("url")
        try:
            key = (id(item), level)
            entry = self.cards.get(key)
        except TypeError:  # an unhashable heading level: no cache for this one
            yield from render(context)
            return
        if entry is not None and entry[0] is item:
            for links, html in entry[1]:
                if all(url(target) == link for target, link in links):
                    self.hits += 1
                    yield html
                    return
        else:
            if len(self.cards) >= _CARD_LIMIT:
                self.cards.clear()
            entry = self.cards[key] = (item, [])
        links: list[tuple[str, str]] = []

        def recording(target: str) -> str:
            link = url(target)
            links.append((target, link))
            return link

        html = "".join(render(template.new_context({**context.get_all(), "url": recording}, True)))
        entry[1].append((links, html))
        yield html


def _reusable(env: jinja2.Environment, source: str) -> bool:
    """The card reads only what `CardCache` keys and checks, and includes nothing."""
    tree = env.parse(source)
    nodes = (jinja2.nodes.Include, jinja2.nodes.Extends, jinja2.nodes.Import)
    if any(True for _ in tree.find_all((*nodes, jinja2.nodes.FromImport))):
        return False
    return meta.find_undeclared_variables(tree) <= _CARD_READS | set(env.globals)


def make_environment(site_templates: Path) -> jinja2.Environment:
    theme = jinja2.FileSystemLoader(theme_dir("templates"))
    loader = jinja2.ChoiceLoader(
        [
            jinja2.PrefixLoader({"theme": theme}),
            jinja2.FileSystemLoader(site_templates),
            theme,
        ]
    )
    env = jinja2.Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(_AUTOESCAPE, default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # One environment per build: a template cannot change under it, so Jinja need
        # not stat every template on every page (~3% of rendering).
        auto_reload=False,
    )
    env.bytecode_cache = _bytecode_cache(env)
    env.filters["iso"] = _iso
    env.filters["human_date"] = human_date
    env.filters["initial"] = initial
    env.globals["article_uri"] = article_uri
    env.globals["kind_labels"] = KIND_LABELS
    return env


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between builds, so a build (and every `serve` rebuild)
    does not compile the theme again: about 50 ms a process.

    Not in the site folder: a cache there could be made to run code (see `serial`).
    Jinja's own per-user folder in the temp directory is private (0700, checked).
    Entries are keyed by template name and checked against the template's source; the
    file names carry what else the code depends on (Jinja, newsgen, the environment's
    options). A cache that cannot be read or written is no cache, never an error."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, pickle.UnpicklingError):  # unreadable, cut short
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache(env: jinja2.Environment) -> jinja2.BytecodeCache | None:
    # What the compiled code depends on besides the template's name and source.
    options = (
        jinja2.__version__,
        __version__,
        _AUTOESCAPE,
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        env.optimized,
        sorted(env.extensions),
    )
    key = hashlib.sha256(repr(options).encode()).hexdigest()[:16]
    try:
        return _BytecodeCache(pattern=f"newsgen-{key}-%s.cache")
    except (OSError, RuntimeError):  # no private temp folder to be had
        return None


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def initial(value: str) -> str:
    """First letter upper case, the rest untouched ("US trade" stays "US trade")."""
    return value[:1].upper() + value[1:]


def human_date(value: dt.date | None) -> str:
    """ "14 August 2023", in English whatever the machine's locale (strftime's %B is not)."""
    if value is None:
        return "Undated"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def article_body(a: Article) -> Markup:
    """The body as HTML: escaped paragraphs, or a hand-written record's safe Markdown."""
    if a.body_markdown is not None:
        return Markup(render_markdown(a.body_markdown))
    # As `Markup("<p>{}</p>").format(p)` joined by Markup("\n"), without the escaping
    # formatter's cost per paragraph: every story page makes its body here.
    return Markup("\n".join([f"<p>{escape(p)}</p>" for p in a.paragraphs]))


def check_site_templates(env: jinja2.Environment, site_templates: Path) -> None:
    """Compile every template of the site's own, so a syntax error stops this build, not
    the first one with a page that needs the template (a speaker's page, say, once a
    story quotes someone). Files and folders whose names start with a dot are not
    templates (editor and version-control files)."""
    if not site_templates.is_dir():
        return
    for path in sorted(site_templates.rglob("*")):
        rel = path.relative_to(site_templates)
        if path.suffix[1:] not in _AUTOESCAPE or any(p.startswith(".") for p in rel.parts):
            continue
        if path.is_file():
            try:
                env.get_template(rel.as_posix())
            except jinja2.TemplateSyntaxError as exc:
                raise _syntax_error(exc) from None


def _syntax_error(exc: jinja2.TemplateSyntaxError) -> TemplateError:
    return TemplateError(
        f"template syntax error: {exc.message}",
        path=exc.filename or exc.name,
        line=exc.lineno,
        hint="fix it, or remove it to fall back to the bundled theme (newsgen's templates/)",
    )


def _template_frame(exc: BaseException) -> tuple[str, int] | None:
    """The innermost template file and line in a traceback (Jinja maps frames to templates)."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".txt")):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


class Renderer:
    """Renders pages with shared globals; compiled templates are cached by Jinja."""

    def __init__(
        self, env: jinja2.Environment, config: SiteConfig, assets: Mapping[str, str]
    ) -> None:
        self.env, self.config, self.assets = env, config, assets
        self.nav = nav_items()
        self.cards = CardCache()
        self.cards.install(env)

    def render(self, page: Page) -> str:
        uri = page.uri
        if page.context.get("root_relative"):
            # Served at any path (404.html): links from the site root, via base_path.
            base = self.config.base_path
            link: Callable[[str], str] = lambda target: base + target  # noqa: E731
        else:
            link = linker(uri)

        def asset(name: str) -> str:
            return link(self.assets.get(name, f"static/{name}"))

        context = {
            "site": self.config,
            "page_uri": uri,
            "url": link,
            "asset": asset,
            "canonical": absolute(self.config.base_url, uri),
            "nav": self.nav,
            "body_html": article_body,
            "json_ld": lambda a, terms: json_ld(a, self.config, terms),
            "term_json_ld": lambda term, shown: term_json_ld(term, shown, self.config),
            **page.context,
        }
        try:
            template = self.env.get_template(page.template)
            return template.render(context)
        except jinja2.TemplateSyntaxError as exc:
            raise _syntax_error(exc) from None
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(
                f"template {exc.name!r} not found (needed for {uri})",
                hint="add it to templates/ or remove the 'template:' field",
            ) from None
        except (jinja2.UndefinedError, TypeError, ValueError, AttributeError) as exc:
            where, line = _template_frame(exc) or (page.template, None)
            message = getattr(exc, "message", None) or str(exc)
            raise TemplateError(
                f"template error while rendering {uri}: {message}",
                path=where,
                line=line,
                hint="check the variable names against docs/TEMPLATES.md",
            ) from None
