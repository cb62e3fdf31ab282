"""What a cluster's worker makes a renderer from: the site's templates as text, the
config and the static files' fingerprinted names.

A worker may be another machine, so the templates travel (a few dozen kB, once per
worker and batch); the theme's own originals (`theme/...`) come with the worker's
newsgen, whose version the client checked. A worker keeps one renderer per spec.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

from newsgen.config import SiteConfig
from newsgen.site.render import Renderer, make_environment


@dataclass(frozen=True, slots=True)
class RenderSpec:
    templates: tuple[tuple[str, str], ...]
    """(name, source) of every template a page can name, site's over theme's."""
    config: SiteConfig
    assets: tuple[tuple[str, str], ...]
    key: str
    """A digest of the above: equal specs make the same renderer."""

    @classmethod
    def of(cls, renderer: Renderer) -> RenderSpec:
        env = renderer.env
        assert env.loader is not None
        names = sorted(n for n in env.list_templates() if not n.startswith("theme/"))
        templates = tuple((n, env.loader.get_source(env, n)[0]) for n in names)
        assets = tuple(sorted(renderer.assets.items()))
        digest = hashlib.sha256(repr((templates, renderer.config, assets)).encode())
        return cls(templates, renderer.config, assets, digest.hexdigest())


# A worker's renderers by spec key: a worker renders many batches of one build.
_RENDERERS: dict[str, Renderer] = {}


def worker_renderer(spec: RenderSpec) -> Renderer:
    """The renderer `spec` describes, made once per worker process."""
    renderer = _RENDERERS.get(spec.key)
    if renderer is None:
        folder = Path(tempfile.mkdtemp(prefix="newsgen-templates-"))
        for name, source in spec.templates:
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(source, encoding="utf-8")
        env = make_environment(folder)
        renderer = _RENDERERS[spec.key] = Renderer(env, spec.config, dict(spec.assets))
    return renderer
