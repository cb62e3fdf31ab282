"""The command line: parse options, call one library function, map errors to exit codes.

Exit status: 0 clean; 1 the command finished but some inputs had errors
(listed at the end); 2 usage, configuration or output error.
"""

from __future__ import annotations

import functools
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from newsgen import __version__
from newsgen.errors import NewsgenError, UsageError

F = TypeVar("F", bound=Callable[..., Any])

ROOT_HELP = "Site folder (holds seeds/, articles/, newsgen.yaml). Default: current folder."
OUTPUT_HELP = (
    "Output folder, relative to the site root. Default: output_dir from newsgen.yaml (_site)."
)


def site_options(func: F) -> F:
    """Options every site command shares (cf. MkDocs common_options)."""
    func = click.option(
        "--root", "-r", type=click.Path(path_type=Path), default=".", help=ROOT_HELP
    )(func)
    func = click.option("--output", "-o", default=None, help=OUTPUT_HELP)(func)
    func = click.option(
        "--verbose", "-v", is_flag=True, help="Print every warning and the timing of each stage."
    )(func)
    func = click.option("--quiet", "-q", is_flag=True, help="Print only errors.")(func)
    func = click.option(
        "--debug", is_flag=True, help="Show a traceback for errors (for bug reports)."
    )(func)
    return func


def handle_errors(func: F) -> F:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = kwargs.get("debug", False)
        try:
            return func(*args, **kwargs)
        except NewsgenError as exc:
            if debug:
                raise
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]


def _open_site(root: Path, output: str | None, *, need_inputs: bool = True) -> tuple[Any, Any]:
    from newsgen.config import CONFIG_NAME, load_config
    from newsgen.paths import SitePaths

    if not root.is_dir():
        raise UsageError(f"site folder {root} does not exist", hint="pass --root DIR")
    markers = ("seeds", "articles", CONFIG_NAME)
    if need_inputs and not any((root / m).exists() for m in markers):
        raise UsageError(
            f"{root.resolve()} has no seeds/, articles/ or {CONFIG_NAME}: is it a newsgen site?",
            hint="pass --root DIR, or create one with `newsgen init DIR`",
        )
    config = load_config(root.resolve())
    paths = SitePaths.for_site(root, output or config.output_dir)
    return paths, config


def _finish(report: Any, *, quiet: bool, verbose: bool, started: float, what: str) -> None:
    lines = report.summary_lines()
    if verbose:
        for stage, seconds in report.timings.items():
            peak = report.peaks.get(stage)
            memory = f"   peak {peak:6.0f} MiB" if peak else ""
            click.echo(f"  {stage:<14} {seconds:7.2f} s{memory}", err=True)
    if not quiet:
        for line in lines:
            if verbose or not line.startswith("warning"):
                click.echo(line, err=True)
        if report.warnings and not verbose:
            # Rare, and each asks for a decision (a copied seed, a hand edit kept): say
            # that there are some, in one line.
            n = len(report.warnings)
            click.echo(f"{n} warning{'s' if n != 1 else ''}: -v lists them", err=True)
        click.echo(f"{what} in {time.perf_counter() - started:.2f} s", err=True)
    elif report.errors:
        for e in report.errors:
            click.echo(f"error: {e}", err=True)
    if report.exit_code:
        sys.exit(report.exit_code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsgen")
def cli() -> None:
    """newsgen turns a folder of raw news text into a browsable static archive site."""


def jobs_option(func: F) -> F:
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=1),
        default=None,
        help="Worker processes (default: one per core). Output is the same for any number.",
    )(func)


def scheduler_option(func: F) -> F:
    return click.option(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        callback=_check_scheduler,
        help="Run on a Dask cluster: a scheduler's address (tcp://host:8786), or local:N for "
        "N worker processes here. Needs the dask extra. Wins over newsgen.yaml's executor.",
    )(func)


def _check_scheduler(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Exit 2 at once for a malformed address or a missing extra, before any work."""
    if value is not None:
        from newsgen.executor_dask import parse_scheduler, require_dask

        try:
            require_dask()
            parse_scheduler(value)
        except UsageError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)
    return value


def build_options(func: F) -> F:
    func = jobs_option(func)
    func = scheduler_option(func)
    func = click.option(
        "--no-cache",
        is_flag=True,
        help="Throw away the build catalog in .newsgen/ and build everything again; "
        "the next build uses the new one.",
    )(func)
    func = click.option("--profile", is_flag=True, help="Print the time each stage took.")(func)
    return func


@cli.command()
@site_options
@build_options
@handle_errors
def build(
    root: Path,
    output: str | None,
    verbose: bool,
    quiet: bool,
    debug: bool,
    jobs: int | None,
    scheduler: str | None,
    no_cache: bool,
    profile: bool,
) -> None:
    """Ingest new or changed seeds, then render the whole site into the output folder."""
    from newsgen.build import BuildOptions
    from newsgen.build import build as run_build
    from newsgen.report import BuildReport

    started = time.perf_counter()
    paths, config = _open_site(root, output)
    report = BuildReport()
    result = run_build(
        paths,
        config,
        report,
        BuildOptions(jobs=jobs, scheduler=scheduler, cache=not no_cache, progress=not quiet),
    )
    _finish(
        report,
        quiet=quiet,
        verbose=verbose or profile,
        started=started,
        what=f"Nothing changed since the last build: {paths.output_dir} is up to date. Checked"
        if result.skipped
        else f"Built {paths.output_dir}",
    )
    if not quiet:
        index = paths.output_dir / "index.html"
        click.echo(f"Open {index.as_uri()} or run `newsgen serve`.", err=True)


@cli.command()
@site_options
@build_options
@handle_errors
def ingest(
    root: Path,
    output: str | None,
    verbose: bool,
    quiet: bool,
    debug: bool,
    jobs: int | None,
    scheduler: str | None,
    no_cache: bool,
    profile: bool,
) -> None:
    """Turn new or changed seeds into records in articles/ (no site is written)."""
    from newsgen.build import BuildOptions, open_catalog, site_lock
    from newsgen.build import ingest as run_ingest
    from newsgen.executor import make_executor
    from newsgen.report import BuildReport

    started = time.perf_counter()
    paths, config = _open_site(root, output)
    report = BuildReport()
    with site_lock(paths):
        catalog = open_catalog(paths, BuildOptions(cache=not no_cache))
        if scheduler is None and config.executor is not None:  # the flag wins
            scheduler = config.executor.scheduler
        executor = make_executor(jobs, scheduler)
        try:
            # Unchanged records as stubs, as a build takes them: ingest reads only heads.
            run_ingest(paths, config, report, catalog, executor, progress=not quiet, lazy=True)
        finally:
            executor.close()
            catalog.close()
    verbose = verbose or profile
    _finish(report, quiet=quiet, verbose=verbose, started=started, what="Ingested")


@cli.command()
@site_options
@click.option(
    "--no-ingest",
    is_flag=True,
    help="Export the records as they are, without ingesting seeds first.",
)
@handle_errors
def export(
    root: Path, output: str | None, verbose: bool, quiet: bool, debug: bool, no_ingest: bool
) -> None:
    """Print every record as JSON Lines on stdout (one object per article)."""
    from newsgen.build import BuildOptions, load_articles, open_catalog, site_lock
    from newsgen.build import ingest as run_ingest
    from newsgen.commands.export import export_lines
    from newsgen.records.store import RecordStore
    from newsgen.report import BuildReport
    from newsgen.site.model import build_model

    paths, config = _open_site(root, output)
    report = BuildReport()

    def write_lines(store: RecordStore) -> None:
        model = build_model(load_articles(store, config), related_count=config.related_count)
        for line in export_lines(model):
            sys.stdout.write(line + "\n")

    if no_ingest:
        write_lines(RecordStore.load(paths.articles_dir, paths.root, report))
    else:
        # As a build reads them: unchanged records from the build catalog, each story's
        # text only when its line is written, so export's memory does not grow with the
        # archive (docs/DECISIONS.md has the figures).
        with site_lock(paths):
            catalog = open_catalog(paths, BuildOptions())
            try:
                store = run_ingest(paths, config, report, catalog, lazy=True)
                store.materialise()
                write_lines(store)
            finally:
                catalog.close()
    for e in report.errors:
        click.echo(f"error: {e}", err=True)
    if report.exit_code:
        sys.exit(report.exit_code)


@cli.command()
@site_options
@click.option("--port", "-p", default=8000, show_default=True, help="Port on 127.0.0.1.")
@click.option(
    "--no-build", is_flag=True, help="Serve the output folder as it is: no build, no watching."
)
@handle_errors
def serve(
    root: Path,
    output: str | None,
    verbose: bool,
    quiet: bool,
    debug: bool,
    port: int,
    no_build: bool,
) -> None:
    """Build, serve the site on localhost, and rebuild and reload the page on every edit."""
    from newsgen.build import BuildOptions, BuildSession
    from newsgen.build import build as run_build
    from newsgen.commands.serve import BuildState, make_server
    from newsgen.commands.serve import serve as run_serve
    from newsgen.config import CONFIG_NAME
    from newsgen.errors import NewsgenError
    from newsgen.report import BuildReport

    paths, config = _open_site(root, output)
    session = BuildSession()  # what one rebuild keeps for the next

    def rebuild(changed: set[str] | None = None, jobs: int | None = 1) -> bool:
        """One incremental build, told which files `changed` (None: look at every input);
        True when the site changed (the tab should reload)."""
        started = time.perf_counter()
        report = BuildReport()
        try:
            _, current = _open_site(root, output)  # newsgen.yaml may have changed
            # Rebuilds run in one process: forking while the server's threads run is
            # asking for trouble, and a rebuild after one edit is small.
            options = BuildOptions(jobs=jobs)
            result = run_build(paths, current, report, options, session, changed=changed)
        except NewsgenError as exc:
            click.echo(f"Error: {exc}", err=True)
            return False
        for e in report.errors:
            click.echo(f"error: {e}", err=True)
        if not quiet and not result.skipped:
            click.echo(f"Rebuilt in {time.perf_counter() - started:.2f} s", err=True)
        if not quiet and result.built_elsewhere:
            click.echo("Another newsgen process rebuilt the site; reloading.", err=True)
        return not result.skipped or result.built_elsewhere

    if no_build and not (paths.output_dir / "index.html").is_file():
        raise UsageError(
            f"{paths.output_dir} holds no built site to serve",
            hint="run `newsgen build` first, or serve without --no-build",
        )
    state = BuildState()
    # The port is taken before the first build, which can be long: a busy one is said now.
    server = make_server(paths.output_dir, state, port=port, live=not no_build)
    if no_build:
        run_serve(server, state)
        return
    rebuild(None, jobs=None)  # before the server starts: all cores
    from newsgen.records.intake import warm_up

    # Rebuilds ingest here, in one process: load the models before the first edit.
    warm_up(config.analysis)
    watched = [paths.seeds_dir, paths.articles_dir, paths.templates_dir, paths.static_dir]
    watched.append(paths.root / CONFIG_NAME)
    run_serve(server, state, watch_paths=watched, rebuild=rebuild)


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--debug", is_flag=True, help="Show a traceback for errors.")
@handle_errors
def init(directory: Path, debug: bool) -> None:
    """Create a new site folder DIRECTORY with a starter config and an example seed."""
    from newsgen.commands.scaffold import init_site

    init_site(directory)
    click.echo(f"Created a site in {directory}. Next: cd {directory} && newsgen build")


@cli.command()
@site_options
@jobs_option
@handle_errors
def check(
    root: Path, output: str | None, verbose: bool, quiet: bool, debug: bool, jobs: int | None
) -> None:
    """Check the built site: links, #fragments, orphan pages, feeds and sitemap."""
    from newsgen.commands.check import check_site

    started = time.perf_counter()
    paths, _ = _open_site(root, output, need_inputs=False)
    if not (paths.output_dir / "index.html").is_file():
        raise UsageError(f"no built site in {paths.output_dir}", hint="run `newsgen build` first")
    result = check_site(paths.output_dir, jobs)
    for problem in result.problems:
        click.echo(f"error: {problem}", err=True)
    if not quiet:
        click.echo(
            f"Checked {result.pages} pages and {result.links} links in "
            f"{time.perf_counter() - started:.2f} s: {len(result.problems)} problems",
            err=True,
        )
    if result.problems:
        sys.exit(1)


@cli.command()
@site_options
@handle_errors
def clean(root: Path, output: str | None, verbose: bool, quiet: bool, debug: bool) -> None:
    """Delete the output folder and the build cache (records are kept)."""
    paths, _ = _open_site(root, output, need_inputs=False)
    standby = paths.output_dir.with_name(f".{paths.output_dir.name}.standby")
    for folder in (paths.output_dir, standby, paths.state_dir):
        if folder.is_dir():
            shutil.rmtree(folder)
            if not quiet:
                click.echo(f"Removed {folder}", err=True)


def main() -> None:
    cli(prog_name="newsgen")


if __name__ == "__main__":  # pragma: no cover
    main()
