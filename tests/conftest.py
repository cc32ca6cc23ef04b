"""Shared fixtures: the sample network copied to a temporary folder, and the CLI in-process."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE_PARTS = ("reseau.yaml", "contacts", "plans", "journal.yaml")
TODAY = "2026-11-30"
GOLDEN = REPO / "tests" / "golden"
UPDATE_GOLDEN = "RESEAU_UPDATE_GOLDEN"


def assert_golden(name: str, text: str) -> None:
    """`text` is tests/golden/NAME; with RESEAU_UPDATE_GOLDEN=1 the file is (re)written
    instead, to be read by eye (`git diff tests/golden`) before it is committed."""
    path = GOLDEN / name
    if os.environ.get(UPDATE_GOLDEN) == "1":
        path.write_text(text, encoding="utf-8")
        return
    assert path.is_file(), f"{name}: no golden file; run with {UPDATE_GOLDEN}=1 and review it"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs; see {path}"


@dataclass
class Result:
    code: int
    out: str
    err: str


Runner = Callable[..., Result]


def write_network(root: Path, files: dict[str, str]) -> Path:
    """A network written from inline YAML: relative path -> text."""
    for relpath, text in files.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def stable_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    monkeypatch.setenv("RESEAU_TODAY", TODAY)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("RESEAU_DIR", raising=False)
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    from reseau.files import i18n

    i18n.set_language("en")  # a run in French leaves the process French until the next run
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("RESEAU_MEMBER", raising=False)
    # git as a fresh machine has it: no system or user config, a known identity
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    # a repository above the test folders (a /tmp/.git) is not the tests' repository
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path_factory.getbasetemp().parent))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "Test")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "test@example.org")


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the repository's sample network."""
    root = tmp_path / "network"
    root.mkdir()
    for part in SAMPLE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, root / part)
        else:
            shutil.copy2(source, root / part)
    return root


@pytest.fixture
def empty_network(tmp_path: Path) -> Path:
    """A minimal network: two objectives, two territories, no contacts."""
    root = tmp_path / "empty"
    (root / "contacts").mkdir(parents=True)
    (root / "plans").mkdir()
    (root / "reseau.yaml").write_text(
        "objectives:\n  clients: {goal: referrals, cadence_days: 60}\n  pairs: {goal: peers}\n"
        "territories: [lyon, export]\n",
        encoding="utf-8",
    )
    return root


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Runner:
    """Run `reseau ARGS...` in-process, through the same entry point as the installed script."""
    from reseau.cli.main import main

    def invoke(*args: str, cwd: Path | None = None, stdin: str | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        if stdin is not None:
            import io

            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        monkeypatch.setattr(sys, "argv", ["reseau", *args])
        capsys.readouterr()
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke
