"""The network folder as a git repository: running git, and what reseau registers in it.

git is the network's home: a hub (any git server, a bare repository on a USB key) and a
clone per device. The merge driver (files.merge) is registered in `.gitattributes`, which is
committed and so travels, and in the repository's config, which git never clones: every
device registers it for itself (`reseau init`, `reseau sync`).
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reseau.files.folder import CONTACTS_DIR, JOURNAL_FILE, PLANS_DIR, SETTINGS_FILE
from reseau.files.i18n import _
from reseau.files.problems import ReseauError

DRIVER = "reseau"
DRIVER_NAME = "reseau: contacts, plans and the journal merged as data"
ATTRIBUTES_FILE = ".gitattributes"
ATTRIBUTE_LINES = (
    f"{SETTINGS_FILE} merge={DRIVER}",
    f"{JOURNAL_FILE} merge={DRIVER}",
    f"{CONTACTS_DIR}/*.yaml merge={DRIVER}",
    f"{PLANS_DIR}/*.yaml merge={DRIVER}",
)
NETWORK_PATHS = (SETTINGS_FILE, CONTACTS_DIR, PLANS_DIR, JOURNAL_FILE)
# What `reseau sync` commits: the network, and the two files `reseau init` writes for git
# (the merge driver's attributes must travel with the files they name).
SYNCED_PATHS = (*NETWORK_PATHS, ATTRIBUTES_FILE, ".gitignore")


class GitError(ReseauError):
    pass


@dataclass(frozen=True, slots=True)
class Repository:
    """A network folder inside a git work tree: git's path and the folder's place in it."""

    git: str
    root: Path

    def run(self, *args: str, check: bool = True, stdin: str | None = None) -> str:
        result = subprocess.run(
            [self.git, *args],
            cwd=self.root,
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
        if check and result.returncode != 0:
            raise GitError(
                _("git {value} failed: {value2}").format(value=args[0], value2=_last_line(result))
            )
        return result.stdout

    def succeeds(self, *args: str) -> bool:
        return (
            subprocess.run(
                [self.git, *args], cwd=self.root, capture_output=True, check=False
            ).returncode
            == 0
        )

    def config(self, key: str) -> str | None:
        value = self.run("config", "--local", "--get", key, check=False).strip()
        return value or None

    def has_head(self) -> bool:
        return self.succeeds("rev-parse", "--verify", "-q", "HEAD")


def _last_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = (result.stderr or result.stdout).strip().splitlines()
    return lines[-1] if lines else f"exit {result.returncode}"


def open_repository(root: Path) -> Repository | None:
    """The repository holding `root`, or None (no git, or not in a work tree)."""
    git = shutil.which("git")
    if git is None:
        return None
    repository = Repository(git, root)
    inside = repository.run("rev-parse", "--is-inside-work-tree", check=False).strip()
    return repository if inside == "true" else None


def driver_command() -> str:
    """The command git runs: this very Python, so it works in a venv that is not activated.

    `reseau` on PATH would be found only where the venv is active; the interpreter's own
    absolute path keeps working from a plain `git pull`. If the install moves, `reseau
    check` says so and `reseau sync` (or `reseau init`) registers the new path.
    """
    return f"{shlex.quote(sys.executable)} -m reseau merge-driver %O %A %B %P"


def missing_attributes(root: Path) -> list[str]:
    try:
        text = (root / ATTRIBUTES_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    present = {" ".join(line.split()) for line in text.splitlines()}
    return [line for line in ATTRIBUTE_LINES if line not in present]


def driver_problem(repository: Repository) -> str | None:
    """Why git would not run reseau's merge driver here, or None when it would."""
    if missing_attributes(repository.root):
        return _("{attributes} does not send the network's files to reseau's merge driver").format(
            attributes=ATTRIBUTES_FILE
        )
    command = repository.config(f"merge.{DRIVER}.driver")
    if command is None:
        return _("this clone has no reseau merge driver in its git config")
    try:
        program = shlex.split(command)[0]
    except (ValueError, IndexError):
        return _("the registered merge driver is not a command")
    if "/" in program and not Path(program).exists():
        return _("the registered merge driver runs {program}, which is gone").format(
            program=program
        )
    return None


EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"


def changed_files(
    repository: Repository, old: str, new: str | None, paths: Sequence[str] = SYNCED_PATHS
) -> list[str]:
    """The files under `paths` that differ between two commits (or `old` and the index)."""
    revisions = [old, new] if new else ["--cached", old]
    output = repository.run(
        "diff", "--name-only", "-z", "--no-renames", "--relative", *revisions, "--",
        *paths,
    )  # fmt: skip
    return [name for name in output.split("\0") if name]


def read_blobs(
    repository: Repository, revision: str, relpaths: list[str]
) -> dict[str, bytes | None]:
    """Each file as it is in `revision` (None where it is not), in one git process."""
    if not relpaths:
        return {}
    specs = "".join(f"{revision}:./{relpath}\n" for relpath in relpaths).encode("utf-8")
    result = subprocess.run(
        [repository.git, "cat-file", "--batch"],
        cwd=repository.root,
        input=specs,
        capture_output=True,
        check=False,
    )
    output, position = result.stdout, 0
    blobs: dict[str, bytes | None] = {}
    for relpath in relpaths:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) != 3 or header[1] != b"blob":
            blobs[relpath] = None
            continue
        size = int(header[2])
        blobs[relpath] = output[position : position + size]
        position += size + 1
    return blobs
