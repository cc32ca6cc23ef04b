"""The garbage collector is paused while reseau starts, and only then."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

from conftest import Runner
from reseau.cli import collector
from reseau.files import store


@pytest.fixture(autouse=True)
def collector_running() -> Any:
    gc.enable()
    yield
    gc.enable()


def test_the_work_on_the_network_runs_with_the_collector(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = []
    load = store.load_network

    def watched(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return load(*args, **kwargs)

    monkeypatch.setattr(store, "load_network", watched)
    assert run("list", cwd=sample).code == 0
    assert seen == [True]


def test_start_up_runs_without_it(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = []
    monkeypatch.setattr(collector, "resume", lambda: seen.append(gc.isenabled()))
    assert run("show", "thomas", cwd=sample).code == 0
    assert seen[0] is False


@pytest.mark.parametrize(
    "args", [["--help"], ["log", "thomas", "Coffee"], ["show", "nobody"], ["--version"]]
)
def test_every_run_leaves_it_running(run: Runner, sample: Path, args: list[str]) -> None:
    run(*args, cwd=sample)
    assert gc.isenabled()


def test_a_collector_stopped_by_the_caller_stays_stopped(run: Runner, sample: Path) -> None:
    gc.disable()
    assert run("list", cwd=sample).code == 0
    assert not gc.isenabled()
