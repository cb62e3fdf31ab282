"""Fixtures that build throwaway sites (cf. staticjinja's tmp_path chains)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
BUNDLED_SEED = REPO / "seeds" / "000_642a102f9749f317.txt"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """An empty site folder with seeds/ and articles/."""
    root = tmp_path / "site"
    (root / "seeds").mkdir(parents=True)
    (root / "articles").mkdir()
    return root


@pytest.fixture
def make_seed(site: Path) -> Callable[..., Path]:
    def make(name: str, text: str | bytes) -> Path:
        path = site / "seeds" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return make


@pytest.fixture
def bundled_site(site: Path) -> Path:
    shutil.copy(BUNDLED_SEED, site / "seeds" / BUNDLED_SEED.name)
    return site


# Python 3.12+ warns when a process forks while another of its threads runs: the child
# can deadlock on a lock that thread held. `-W error` cannot turn it into a failure (the
# warning is raised after the fork, where an exception is only printed), so any such
# warning fails the run here, naming the tests.
_FORKED_WHILE_THREADED: list[str] = []


def pytest_warning_recorded(warning_message, when, nodeid, location) -> None:  # type: ignore[no-untyped-def]
    if "use of fork() may lead to deadlocks" in str(warning_message.message):
        _FORKED_WHILE_THREADED.append(nodeid or when)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _FORKED_WHILE_THREADED:
        names = ", ".join(sorted(set(_FORKED_WHILE_THREADED))[:10])
        print(f"\nFAILED: forked while another thread ran, in {names}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
