"""`reseau init`: a new folder, explained, never written over."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import Runner


def test_init_creates_a_valid_network(run: Runner, tmp_path: Path) -> None:
    target = tmp_path / "net"
    result = run("init", str(target))
    assert result.code == 0, result.err
    for name in ("reseau.yaml", "contacts", "plans", ".gitignore", ".gitattributes"):
        assert (target / name).exists(), name
    assert ".reseau.lock" in (target / ".gitignore").read_text(encoding="utf-8")
    settings = (target / "reseau.yaml").read_text(encoding="utf-8")
    for key in ("owner", "ritual", "dunbar_limit", "met_within_days", "objectives", "territories"):
        assert f"\n{key}:" in settings
    assert run("--dir", str(target), "check").code == 0
    assert run("--dir", str(target), "add", "Marie Dupont", "--circle", "clients").code == 0


def test_init_never_overwrites(run: Runner, tmp_path: Path) -> None:
    target = tmp_path / "net"
    target.mkdir()
    (target / "reseau.yaml").write_text("owner: Me  # mine\n", encoding="utf-8")
    result = run("init", str(target))
    assert result.code == 0
    assert (target / "reseau.yaml").read_text(encoding="utf-8") == "owner: Me  # mine\n"
    assert f"kept     {target / 'reseau.yaml'} (already there)" in result.out


def test_init_makes_a_git_repository_with_a_first_commit(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Test")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "test@example.org")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Test")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "test@example.org")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    target = tmp_path / "net"
    result = run("init", str(target))
    assert "git repository created, with a first commit" in result.out
    files = subprocess.run(
        ["git", "ls-files"], cwd=target, capture_output=True, text=True, check=True
    ).stdout.split()
    assert sorted(files) == [".gitattributes", ".gitignore", "reseau.yaml"]


def test_init_inside_a_repository_does_not_nest_one(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    result = run("init", str(tmp_path / "net"))
    assert "inside an existing git repository" in result.out
    assert not (tmp_path / "net" / ".git").exists()


def test_init_on_a_file_says_so(run: Runner, tmp_path: Path) -> None:
    target = tmp_path / "afile"
    target.write_text("mine\n", encoding="utf-8")
    result = run("init", str(target))
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"reseau: {target} is a file, not a folder; give a new or an existing folder\n"
    )
    assert target.read_text(encoding="utf-8") == "mine\n"


def test_init_below_a_file_says_so(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("mine\n", encoding="utf-8")
    target = tmp_path / "afile" / "net"
    result = run("init", str(target))
    assert (result.code, result.out) == (1, "")
    assert result.err == f"reseau: cannot create the folder {target}: Not a directory\n"
