"""Every incremental oracle here runs with tiny hubs, so that the A–Z pages a big
archive's hubs have (site/hubs.py) come, go and split under random edits too."""

from __future__ import annotations

import pytest

from newsgen.site import hubs


@pytest.fixture(autouse=True)
def tiny_hubs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hubs, "HUB_TOP", 2)
    monkeypatch.setattr(hubs, "LETTER_PAGE", 2)
