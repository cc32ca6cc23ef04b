"""Killing a reseau command at every step that changes the disk, in a subprocess.

A step is a call that changes what is on disk or makes it durable: os.fsync, os.chmod,
os.link, os.replace, os.rename, os.unlink, and a git command. The command runs once to count
its steps, then once per step, killed (os._exit) just before it; after each kill the folder
must hold the whole old state or, once the next command has read it, the whole new one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from reseau.files.store import load_network
from reseau.files.writer import folder_lock

KILLER = """\
import atexit, os, subprocess, sys
kill_at, argv = int(sys.argv[1]), sys.argv[2:]
count = [0]

def counted(real):
    def step(*args, **kwargs):
        count[0] += 1
        if count[0] == kill_at:
            os._exit(9)
        return real(*args, **kwargs)
    return step

for name in ("fsync", "chmod", "link", "replace", "rename", "unlink"):
    setattr(os, name, counted(getattr(os, name)))
subprocess.run = counted(subprocess.run)
atexit.register(lambda: sys.stderr.write(f"steps: {count[0]}\\n"))
from reseau.cli.main import main
sys.argv = ["reseau", *argv]
main()
"""

State = dict[str, bytes]


def state(root: Path) -> State:
    """Every file of the network, dot files (the lock, leftovers, caches) aside."""
    found = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            found[relative.as_posix()] = path.read_bytes()
    return found


def run_killed(
    root: Path, kill_at: int, *args: str, cache: bool = False
) -> subprocess.CompletedProcess[str]:
    """`cache`: with the caches on (RESEAU_NO_CACHE=1 otherwise: whether the file cache is
    written depends on how old the files are, and so would the number of steps)."""
    env = {**os.environ, "RESEAU_TODAY": "2026-11-30", "NO_COLOR": "1", "RESEAU_NO_CACHE": "1"}
    if cache:
        del env["RESEAU_NO_CACHE"]
    return subprocess.run(
        [sys.executable, "-c", KILLER, str(kill_at), "--dir", str(root), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def count_steps(root: Path, *args: str) -> int:
    done = run_killed(root, 0, *args)
    assert done.returncode == 0, done.stderr
    return int(done.stderr.rsplit("steps: ", 1)[1])


def kill_at_every_step(
    prepare: Callable[[Path], None], workdir: Path, *args: str, rerun: bool = False
) -> tuple[State, State, int]:
    """Run `args` on fresh copies made by `prepare`, killed at each step in turn; returns
    the old state, the new state and the number of steps; fails on any third state. With
    `rerun`, the command is run again after each kill and must give the new state."""
    reference = workdir / "reference"
    prepare(reference)
    old = state(reference)
    steps = count_steps(reference, *args)
    new = state(reference)
    assert new != old, "the command changed nothing"
    for step in range(1, steps + 1):
        root = workdir / f"killed-{step}"
        prepare(root)
        killed = run_killed(root, step, *args)
        assert killed.returncode == 9, (step, killed.stderr)
        assert state(root) in (old, new) or _pending(root), f"step {step}: a third state"
        load_network(root)  # a reader finishes an interrupted operation
        assert state(root) in (old, new), f"step {step}: a third state after recovery"
        assert not _pending(root), step
        with folder_lock(root):  # the next writer removes the leftovers
            pass
        if rerun:
            assert count_steps(root, *args) >= 0
            assert state(root) == new, f"step {step}: run again, not the new state"
        assert _dot_files(root) <= {".reseau.lock", ".git", ".reseau-cache"}, step
        shutil.rmtree(root)
    return old, new, steps


def _pending(root: Path) -> bool:
    return (root / ".reseau-journal").exists()


def _dot_files(root: Path) -> set[str]:
    return {
        path.name
        for folder in (root, root / "contacts", root / "plans")
        if folder.is_dir()
        for path in folder.iterdir()
        if path.name.startswith(".")
    }
