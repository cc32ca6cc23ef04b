"""The code as of an earlier commit, runnable beside today's: the "previous code" rows.

    python bench/base.py REF FOLDER     # prints the Python that runs REF's reseau

The commit is checked out with `git worktree add --detach` into FOLDER/base (the repository
is this file's), and given a venv of its own, FOLDER/base-venv, made without pip: a `.pth`
file puts the checkout's `src/` first on its path, then this venv's site-packages for the
libraries (the same versions on both sides, so that the rows compare code, not libraries).
`python -m reseau` in that venv is the earlier code. The worktree is removed afterwards
(see `remove`).
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
DEFAULT_REF = "8bd9600"  # main before the fast parser: the code this round started from


def prepare(ref: str, folder: Path) -> Path:
    """The Python of a venv that imports `ref`'s reseau; raises CalledProcessError."""
    checkout, environment = folder / "base", folder / "base-venv"
    git = ["git", "-C", str(REPOSITORY)]
    subprocess.run([*git, "worktree", "add", "--detach", "--force", str(checkout), ref],
                   check=True, capture_output=True)  # fmt: skip
    venv.EnvBuilder(with_pip=False, symlinks=True).create(environment)
    python = environment / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    libraries = sysconfig.get_paths()["purelib"]  # this venv's, where the libraries are
    (Path(site) / "reseau-base.pth").write_text(f"{checkout / 'src'}\n{libraries}\n")
    return python


def remove(folder: Path) -> None:
    checkout = folder / "base"
    subprocess.run(["git", "-C", str(REPOSITORY), "worktree", "remove", "--force", str(checkout)],
                   check=False, capture_output=True)  # fmt: skip


def main() -> int:
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__ or "")
        return 2
    print(prepare(sys.argv[1], Path(sys.argv[2])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
