"""Networks in git for tests: a bare hub and clones, all in temporary folders."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from conftest import REPO, SAMPLE_PARTS


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


def copy_sample(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for part in SAMPLE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    return target


def hub_and_clone(tmp_path: Path, files: dict[str, str] | None = None) -> tuple[Path, Path]:
    """A bare hub and a first clone holding the network (the sample, or `files`)."""
    git(tmp_path, "config", "--global", "init.defaultBranch", "main")
    hub = tmp_path / "hub.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(hub))
    first = tmp_path / "first"
    git(tmp_path, "clone", "-q", str(hub), str(first))
    if files is None:
        copy_sample(first)
    else:
        for relpath, text in files.items():
            path = first / relpath
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return hub, first


def clone(hub: Path, target: Path) -> Path:
    git(target.parent, "clone", "-q", str(hub), str(target))
    return target


def head(repository: Path) -> str:
    return git(repository, "rev-parse", "HEAD").strip()
