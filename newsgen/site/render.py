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
from collections.abc import Callable, Mapping
from pathlib import Path

import jinja2
from markupsafe import Markup

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
    return Markup("\n").join(Markup("<p>{}</p>").format(p) for p in a.paragraphs)


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
