"""The git side of the benchmark: the merge driver on a long contact, and a sync of 100 files.

Both are figures, not targets: the driver runs once per file changed on both sides, so its
start-up and its speed on a contact with a long history are what a pull costs; a sync of
100 changed files, each also changed on the other device, runs 100 drivers.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

INTERACTIONS = 500
CHANGED = 100
IDENTITY = {
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
}


def long_contact(count: int = INTERACTIONS) -> str:
    lines = ["name: Marie Dupont   # the key account", "company: Acme", "interactions:"]
    for n in range(count):
        day = f"20{20 + n // 336:02d}-{n // 28 % 12 + 1:02d}-{n % 28 + 1:02d}"
        lines += [f"  - date: {day}", "    kind: call", f"    note: Call number {n}"]
    return "\n".join(lines) + "\n"


def merge_files(folder: Path) -> tuple[list[Path], bytes]:
    """Base, ours and theirs of a 500-interaction contact: each side logged two more."""
    folder.mkdir(parents=True, exist_ok=True)
    base = long_contact()
    ours = base + "  - date: 2030-01-02\n    kind: call\n    note: Ours, today\n"
    theirs = base.replace("company: Acme", "company: Acme SA") + (
        "  - date: 2030-01-01\n    kind: meal\n    note: Theirs, yesterday\n"
    )
    paths = []
    for name, text in (("base", base), ("ours", ours), ("theirs", theirs)):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths, ours.encode()


class SyncBench:
    """A hub and two clones of a network; before each timed `reseau sync` in `here`, the
    other clone pushes a change to 100 contacts and `here` changes the same 100."""

    def __init__(self, network: Path, folder: Path, reseau: str, environ: dict[str, str]) -> None:
        self.environ = {**environ, **IDENTITY}
        self.reseau = reseau
        self.hub = folder / "hub.git"
        self.here = folder / "here"
        self.there = folder / "there"
        self.round = 0
        self._git(folder, "init", "-q", "--bare", str(self.hub))
        shutil.copytree(network, self.here, ignore=shutil.ignore_patterns(".reseau*", "vcards"))
        self._git(self.here, "init", "-q")
        self._git(self.here, "remote", "add", "origin", str(self.hub))
        self._run(self.here, [reseau, "sync"])
        branch = self._git(self.here, "symbolic-ref", "--short", "HEAD").strip()
        self._git(folder, "clone", "-q", "-b", branch, str(self.hub), str(self.there))
        self._run(self.there, [reseau, "sync"])
        self.slugs = sorted(p.stem for p in (self.here / "contacts").glob("*.yaml"))[:CHANGED]

    def prepare(self) -> None:
        """Untimed: the other side's 100 changes pushed, this side's 100 made."""
        self.round += 1
        self._log_all(self.there, "there")
        self._run(self.there, [self.reseau, "sync"])
        self._log_all(self.here, "here")

    def _log_all(self, clone: Path, side: str) -> None:
        for slug in self.slugs:
            path = clone / "contacts" / f"{slug}.yaml"
            text = path.read_text(encoding="utf-8")
            note = f"  - date: 2026-11-{self.round % 28 + 1:02d}\n    kind: call\n"
            note += f"    note: {side} {self.round}\n"
            if "\ninteractions:\n" in text:
                head, rest = text.split("\ninteractions:\n", 1)
                items, sep, tail = _split_list(rest)
                text = f"{head}\ninteractions:\n{items}{note}{sep}{tail}"
            path.write_text(text, encoding="utf-8")

    def _git(self, cwd: Path, *args: str) -> str:
        return self._run(cwd, ["git", *args])

    def _run(self, cwd: Path, argv: list[str]) -> str:
        done = subprocess.run(
            argv, cwd=cwd, env=self.environ, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} in {cwd}: {done.stderr.strip()[-300:]}")
        return done.stdout


def _split_list(rest: str) -> tuple[str, str, str]:
    """The list's lines, and what follows it (the next top-level key on)."""
    lines = rest.split("\n")
    for index, line in enumerate(lines):
        if line and not line.startswith((" ", "-", "#")):
            return "\n".join(lines[:index]) + "\n", "", "\n".join(lines[index:])
    return rest if rest.endswith("\n") else rest + "\n", "", ""
