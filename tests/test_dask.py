"""`--scheduler` (the Dask engine) gives the same records and site as `--jobs 1`.

Every build on a cluster runs as its own `newsgen` process, as a user runs it: the
test process never starts Dask's threads, so its own `--jobs` pools fork without
them. The remote cluster is `dask scheduler` and two `dask worker` processes on the
loopback address, started here and stopped at the end, bounded in time.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgen.cli import cli
from newsgen.config import ExecutorChoice, config_from_dict
from newsgen.errors import ConfigError
from tests.incremental.test_incremental import _tree, seed_site

pytest.importorskip("distributed")

BIN = Path(sys.executable).parent
START_TIMEOUT = 90.0  # seconds for a scheduler and its workers to come up on a busy machine
BUILD_TIMEOUT = 600.0
_QUIET = ("--no-dashboard",)


def _newsgen(*args: str) -> subprocess.Popen[bytes]:
    """A build started; `_built` or `communicate` reads its pipes as it runs (waiting
    without reading would hang once a full pipe blocks the child)."""
    cmd = [sys.executable, "-m", "newsgen", *args]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _built(proc: subprocess.Popen[bytes]) -> int:
    _, err = proc.communicate(timeout=BUILD_TIMEOUT)
    assert proc.returncode == 0, err.decode()[-3000:]
    return proc.returncode


def _pair(tmp_path: Path, n: int) -> tuple[Path, Path]:
    """The same seeds twice; the first built with `--jobs 1`."""
    one = seed_site(tmp_path / "one", n)
    two = tmp_path / "two"
    shutil.copytree(one, two)
    _built(_newsgen("build", "--root", str(one), "--jobs", "1", "--quiet"))
    return one, two


def _same(one: Path, two: Path) -> None:
    assert _tree(one / "articles") == _tree(two / "articles")
    assert _tree(one / "_site") == _tree(two / "_site")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """`dask scheduler` and two `dask worker`s on 127.0.0.1, each a process of its own."""

    def __init__(self, log: Path) -> None:
        self.port = _free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        self.procs: list[subprocess.Popen[bytes]] = []
        self.log = log
        dask = str(BIN / "dask")
        self._spawn(
            "scheduler",
            [dask, "scheduler", "--host", "127.0.0.1", "--port", str(self.port), *_QUIET],
        )
        for i in range(2):
            self._spawn(
                f"worker{i}",
                [dask, "worker", self.address, "--host", "127.0.0.1", "--nthreads", "1", *_QUIET],
            )

    def _spawn(self, name: str, cmd: list[str]) -> None:
        out = (self.log / f"{name}.log").open("wb")
        self.procs.append(subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT))

    def worker_pids(self) -> list[int]:
        """The worker processes (children of each `dask worker`'s nanny)."""
        pids = []
        for proc in self.procs[1:]:
            children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
            pids += [int(p) for p in children.read_text().split()] if children.exists() else []
        return pids

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if len(self.worker_pids()) == 2 and all(p.poll() is None for p in self.procs):
                logs = "".join(
                    (self.log / f"worker{i}.log").read_text(errors="replace") for i in range(2)
                )
                if logs.count("Registered to") == 2:
                    return
            time.sleep(0.5)
        raise AssertionError(f"the Dask cluster did not start in {START_TIMEOUT} s")

    def stop(self) -> None:
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    started = Cluster(tmp_path_factory.mktemp("dask-logs"))
    try:
        started.wait_ready()
        yield started
    finally:
        started.stop()


def test_a_local_cluster_gives_the_same_output(tmp_path: Path) -> None:
    """Its workers write pages into the build's tree, as a pool's do: cold, over a
    published site the catalog vouches for (unchanged pages linked from it), and over
    one it cannot (each published file read first)."""
    one, two = _pair(tmp_path, 90)
    local = ("--scheduler", "local:2", "--quiet")
    _built(_newsgen("build", "--root", str(two), *local))
    _same(one, two)
    assert not list((two / ".newsgen").glob("render-*"))  # each batch's table file removed
    for site in (one, two):  # every page signed anew; feeds change, pages do not
        (site / "newsgen.yaml").write_text("feed_size: 5\n")
    _built(_newsgen("build", "--root", str(one), "--jobs", "1", "--quiet"))
    _built(_newsgen("build", "--root", str(two), *local))
    _same(one, two)
    _built(_newsgen("build", "--root", str(two), "--no-cache", *local))
    _same(one, two)


def test_a_remote_cluster_gives_the_same_output(tmp_path: Path, cluster: Cluster) -> None:
    """Through the scheduler's address the seeds travel as bytes, the records' text and
    the pages' HTML come back, and the client writes them."""
    one, two = _pair(tmp_path, 90)
    _built(_newsgen("build", "--root", str(two), "--scheduler", cluster.address, "--quiet"))
    _same(one, two)
    # And the config's executor does the same (an edit is rebuilt on the cluster).
    (two / "newsgen.yaml").write_text(f"executor: {{kind: dask, scheduler: {cluster.address}}}\n")
    (one / "newsgen.yaml").write_text("")
    for site in (one, two):
        seed = site / "seeds" / "s007.txt"
        seed.write_text(seed.read_text() + "\nA late paragraph from the wire.\n")
    _built(_newsgen("build", "--root", str(one), "--jobs", "1", "--quiet"))
    _built(_newsgen("build", "--root", str(two), "--quiet"))
    _same(one, two)


def test_a_worker_killed_mid_build_changes_nothing(tmp_path: Path, cluster: Cluster) -> None:
    one, two = _pair(tmp_path, 160)
    build = _newsgen("build", "--root", str(two), "--scheduler", cluster.address)
    # Once the first records are written, the other units are on the workers.
    deadline = time.monotonic() + BUILD_TIMEOUT
    while not list((two / "articles").glob("*.md")):
        assert build.poll() is None, build.communicate()[1].decode()[-3000:]
        assert time.monotonic() < deadline
        time.sleep(0.05)
    victim = cluster.worker_pids()[0]
    os.kill(victim, signal.SIGKILL)
    _built(build)
    _same(one, two)
    cluster.wait_ready()  # the nanny started a new worker, for the next test


def test_a_scheduler_that_cannot_be_reached_exits_2(tmp_path: Path) -> None:
    site = seed_site(tmp_path / "site", 3)
    proc = _newsgen("build", "--root", str(site), "--scheduler", f"tcp://127.0.0.1:{_free_port()}")
    err = proc.communicate(timeout=BUILD_TIMEOUT)[1].decode()
    assert proc.returncode == 2
    assert "cannot reach the Dask scheduler" in err
    assert "Traceback" not in err
    assert not (site / "_site").exists()


def test_without_the_extra_scheduler_exits_2_saying_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if missing
    site = seed_site(tmp_path / "site", 1)
    result = CliRunner().invoke(cli, ["build", "--root", str(site), "--scheduler", "local:2"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "Error: the Dask engine is not installed: pip install 'newsgen[dask]'"
    ]


@pytest.mark.parametrize("bad", ["local:0", "local:two", "127.0.0.1:8786"])
def test_a_malformed_scheduler_exits_2(tmp_path: Path, bad: str) -> None:
    site = seed_site(tmp_path / "site", 1)
    result = CliRunner().invoke(cli, ["build", "--root", str(site), "--scheduler", bad])
    assert result.exit_code == 2
    assert "--scheduler" in result.output


def test_the_executor_key() -> None:
    config = config_from_dict({"executor": {"kind": "dask", "scheduler": "tcp://h:8786"}})
    assert config.executor == ExecutorChoice("dask", "tcp://h:8786")
    # Where pages render is no part of what they are made with.
    assert repr(config) == repr(config_from_dict({}))
    for bad in ({"kind": "dask"}, {"kind": "spark"}, "dask", {"kind": "process", "scheduler": "x"}):
        with pytest.raises(ConfigError, match="executor"):
            config_from_dict({"executor": bad})


def test_workers_on_this_machine_read_unread_text_from_the_catalog(tmp_path: Path) -> None:
    """On `local:N` a story's unread paragraphs and quotes, and an unread stub, travel as
    where they are in the catalog: the client never reads them, the worker reads them
    there (read-only) and gets what the client would have. A remote cluster's units
    carry the text."""
    import json
    from functools import partial

    from newsgen.article import Article, Quote
    from newsgen.incremental.catalog import Catalog
    from newsgen.output.render_spec import Packer, unpack
    from newsgen.records.cached import Reader, load_stub, prepare, stored_article
    from newsgen.records.stub import ArticleStub
    from newsgen.site.page import Page

    catalog = Catalog(tmp_path / "catalog.sqlite")
    reader = Reader(catalog)
    words = "The council met on Tuesday to weigh the plan. " * 30
    stories = []
    for n in range(2):
        made = Article(f"s{n}", f"Story {n}", [f"{words}{n}"], quotes=[Quote(f"Yes {n}.", "Ann")])
        prepared = prepare(made)
        rel = f"articles/s{n}.md"
        catalog.put_record(rel, 1, 1, prepared.head, prepared.data, prepared.body, prepared.terms)
        stories.append((rel, prepared))
    catalog.commit()
    (rel0, prepared0), (rel1, prepared1) = stories
    stored = stored_article(json.loads(prepared0.data)[0], reader, rel0)
    stub = ArticleStub(list(prepared1.head), partial(load_stub, reader, rel1))
    pages = [Page("index.html", "index.html", {"articles": [stored, stub]})]
    quotes_page = Page(
        "quotes/ann.html", "speaker_quotes.html", {"quotes": [(stored.quotes[0], stored)]}
    )

    for local in (True, False):
        packer = Packer(catalog=local)
        unit = packer.pack(pages)
        other = packer.pack([quotes_page])  # another unit of the batch, naming the quote
        table = packer.table()
        size = len(unit) + sum(len(d) for d in table.data)
        shown = unpack(unit, table)[0].context["articles"]
        quote, story = unpack(other, table)[0].context["quotes"][0]
        assert story is shown[0] and quote.text == "Yes 0."
        assert [a.paragraphs for a in shown] == [[f"{words}0"], [f"{words}1"]]
        assert [(q.text, q.speaker) for a in shown for q in a.quotes] == [
            ("Yes 0.", "Ann"),
            ("Yes 1.", "Ann"),
        ]
        if local:
            assert size < len(words)  # neither story's text went out
            assert "_data" not in stored.paragraphs.__dict__  # nor did the client read it
            assert not stub.loaded
            # One read of a story's quotes a worker and batch, wherever they are shown.
            assert quote._texts is shown[0].quotes[0]._texts
        else:
            assert size > 2 * len(words)
    catalog.close()


def test_on_this_machine_a_batch_travels_as_a_file(tmp_path: Path) -> None:
    """With a spool file, a unit is where its pages are in the file and the table is the
    file's path: the client keeps neither, and a worker reads them back equal."""
    import pickle

    from newsgen.output.render_spec import Packer, TableFile, unpack
    from tests.test_parallel import _packed_site

    pages, term = _packed_site()
    spool = tmp_path / "render-1-x.table"
    packer = Packer(term_stories=True, catalog=True, spool=spool)
    units = [packer.pack(pages[:2]), packer.pack(pages[2:])]
    table = packer.table()
    assert all(isinstance(u, tuple) for u in units) and not packer._data
    assert isinstance(table.data, TableFile)
    sent = pickle.dumps(table)
    assert len(sent) < 200  # its path, not its entries
    got = pickle.loads(sent)
    first, second = unpack(units[0], got), unpack(units[1], got)
    assert len(got.data) == 201  # 200 stories and one term
    shipped = first[0].context["term"]
    assert shipped is second[0].context["terms"][0]
    assert [a.slug for a in shipped.articles] == [a.slug for a in term.articles]
    assert second[0].context["article"] is first[0].context["articles"][0]
    assert first[1].context["articles"][0].paragraphs == pages[1].context["articles"][0].paragraphs


def test_a_fork_server_runs_the_warm_up_its_starter_left_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A LocalCluster's fork server loads the models once, before it forks a worker: the
    warm-up goes through its environment, and is taken out of it, so no worker it forks
    runs it again."""
    import base64
    import pickle
    from functools import partial

    from newsgen import executor_dask

    mark = tmp_path / "warmed"
    warm = partial(Path.write_text, mark, "yes")
    monkeypatch.setenv(executor_dask._WARM_UP, base64.b64encode(pickle.dumps(warm)).decode())
    executor_dask._warm_up_fork_server()
    assert mark.read_text() == "yes"
    assert executor_dask._WARM_UP not in os.environ


def test_a_story_travels_by_its_fields_and_comes_back_equal() -> None:
    """A story and its parts are packed as their fields in order and made again by calling
    the class: that holds only while every field is an argument of `__init__` and none
    is made after it."""
    import dataclasses
    import datetime as dt

    from newsgen.article import Article, Dateline, Entity, Quote, Topic
    from newsgen.output.render_spec import _BY_FIELDS, Packer, unpack
    from newsgen.site.page import Page

    for cls in _BY_FIELDS:
        assert all(f.init for f in dataclasses.fields(cls)), cls
        assert not hasattr(cls, "__post_init__"), cls
    story = Article(
        "s1",
        "Story",
        ["One.", "Two."],
        date=dt.date(2024, 5, 1),
        dateline=Dateline("LONDON, May 1 -", place="London", country="United Kingdom"),
        section=Topic("Economy", "economy", qcode="medtop:04000000"),
        people=[Entity("Ann Lee", "ann-lee", "person", forms=("Ann Lee", "Lee"), count=2)],
        quotes=[Quote("Yes.", "Ann Lee")],
        extra={"kicker": "x"},
    )
    packer = Packer()
    unit = packer.pack([Page("a/s1.html", "article.html", {"article": story})])
    back = unpack(unit, packer.table())[0].context["article"]
    assert back == story and back is not story


def test_on_this_machine_a_unit_reads_its_batchs_job_from_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing is scattered on `local:N`: a broadcast meeting a worker that has just
    died fails or hangs, where a unit it held is run again elsewhere and needs only the
    batch's files. Each worker reads a batch's job once."""
    import pickle

    from newsgen.output import publish

    seen: list[tuple[object, object]] = []
    monkeypatch.setattr(publish, "_render_chunk", lambda job, chunk: seen.append((job, chunk)))
    monkeypatch.setattr(publish, "_SPOOLED_JOBS", {})
    job = publish.RenderJob("spec", None, None)  # type: ignore[arg-type]
    path = tmp_path / "render-1-x.job"
    path.write_bytes(pickle.dumps(job))
    units = [publish.RenderChunk([0], (0, 1), None, str(path)), publish.RenderChunk([1])]
    publish._render_spooled(units[0])
    path.unlink()  # read once: the second unit of the batch finds it in memory
    publish._render_spooled(dataclasses.replace(units[1], job=str(path)))
    assert [j for j, _ in seen] == [job, job]
    assert [c.indexes for _, c in seen] == [[0], [1]]
