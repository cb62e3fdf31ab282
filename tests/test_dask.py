"""`--scheduler` (the Dask engine) gives the same records and site as `--jobs 1`.

Every build on a cluster runs as its own `newsgen` process, as a user runs it: the
test process never starts Dask's threads, so its own `--jobs` pools fork without
them. The remote cluster is `dask scheduler` and two `dask worker` processes on the
loopback address, started here and stopped at the end, bounded in time.
"""

from __future__ import annotations

import contextlib
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
        """The worker processes: each `dask worker`'s nanny starts its worker from a thread
        of its own, and its main thread starts multiprocessing's resource tracker, which
        is no worker (killing it kills none)."""
        pids = []
        for proc in self.procs[1:]:
            for children in Path(f"/proc/{proc.pid}/task").glob("*/children"):
                with contextlib.suppress(OSError):  # a thread, or the nanny, just ended
                    for pid in children.read_text().split():
                        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
                        if cmdline and b"resource_tracker" not in cmdline:  # nor a zombie
                            pids.append(int(pid))
        return pids

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if len(self.worker_pids()) == 2 and all(p.poll() is None for p in self.procs):
                # Each worker registered, since its nanny last started it anew.
                logs = [(self.log / f"worker{i}.log").read_text(errors="replace") for i in range(2)]
                if all(log.rfind("Registered to") > log.rfind("Restarting worker") for log in logs):
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


# A build whose cluster batches are small (`publish.CLUSTER_BATCH`), so a few hundred
# stories make several render batches, each sent to the workers while the one before
# renders: a test process of its own, as `_newsgen`, with the two sizes set first.
_SMALL_BATCHES = (
    "from newsgen.output import publish\n"
    "publish.CLUSTER_FIRST_BATCH = publish.CLUSTER_BATCH = {size}\n"
    "from newsgen.cli import main\n"
    "main()\n"
)
KILL_TIMEOUT = 120.0  # a build that hangs on its dead worker fails the test, bounded
KILL_EVERY = 0.6  # seconds between kills: a worker the nanny started anew is up in 0.5 s


def test_workers_killed_while_pages_render_change_nothing(tmp_path: Path, cluster: Cluster) -> None:
    """A worker SIGKILLed once the first pages come back, and again (the one holding a
    batch's job alone, some of the time) while later batches are sent and rendered:
    each unit the dead workers held runs again, with its batch's job made again if no
    worker has it, and the build ends as `--jobs 1`'s. (Scattered, the job is lost with
    its last holder: the units that need it are cancelled, and the build fails.)"""
    one, two = _pair(tmp_path, 480)
    code = _SMALL_BATCHES.format(size=160)  # above 2 units of 64 pages: on the cluster
    args = ["build", "--root", str(two), "--scheduler", cluster.address, "--quiet"]
    build = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    kills = 0
    try:
        deadline = time.monotonic() + KILL_TIMEOUT
        while not any(tmp_path.glob("two/._site.staging-*/**/*.html")):
            assert build.poll() is None, build.communicate()[1].decode()[-3000:]
            assert time.monotonic() < deadline, "no page was written"
            time.sleep(0.02)
        # Three kills at most: a unit running on a worker that dies a fourth time would
        # fail the build (Dask's `allowed-failures`), as it should.
        while kills < 3 and build.poll() is None:
            workers = cluster.worker_pids()
            if workers:
                os.kill(workers[kills % len(workers)], signal.SIGKILL)
                kills += 1
            time.sleep(KILL_EVERY)
        _, err = build.communicate(timeout=KILL_TIMEOUT)
    finally:
        if build.poll() is None:
            build.kill()
            build.communicate()
    assert build.returncode == 0, err.decode()[-3000:]
    assert kills >= 1
    assert len(list((two / "_site").rglob("*.html"))) > 4 * 160  # five batches or more
    _same(one, two)
    cluster.wait_ready()  # the nannies started new workers, for the next test


def test_a_units_shared_value_is_unpickled_once_a_worker_and_map(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What a map's units share reaches a worker as the bytes of a task's result (a task
    Dask runs again if the worker holding it dies; nothing is scattered): each worker
    unpickles it once, and forgets it once it no longer holds the task's result."""
    import gc
    import pickle
    import weakref

    from newsgen import executor_dask

    monkeypatch.setattr(executor_dask, "_LOADED", weakref.WeakKeyDictionary())
    shares = [executor_dask._Shared(f"k{n}", pickle.dumps({"batch": n})) for n in range(2)]

    def seen(value: dict[str, int], item: int) -> tuple[dict[str, int], int]:
        return value, item

    first, _ = executor_dask._call_shared(seen, shares[0], 1)
    again, item = executor_dask._call_shared(seen, shares[0], 2)
    assert first == {"batch": 0} and again is first and item == 2
    second, _ = executor_dask._call_shared(seen, shares[1], 1)
    assert second == {"batch": 1} and executor_dask._call_shared(seen, shares[0], 3)[0] is first
    # The same key fetched anew (the worker dropped its copy): read again.
    fetched = executor_dask._Shared("k0", shares[0].data)
    assert executor_dask._call_shared(seen, fetched, 4)[0] is not first
    assert len(executor_dask._LOADED) == 3
    del shares[0], fetched
    gc.collect()
    assert list(executor_dask._LOADED.values()) == [second]
