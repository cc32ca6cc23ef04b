"""`reseau --install-completion`: the completion script where the shell looks for it, and
the line that loads it in the shell's start-up file, added once (the rest of the file kept).
"""

from __future__ import annotations

from pathlib import Path

from reseau.files.writer import write_atomic

# shell -> (where the script goes, the start-up file, the lines that load it)
PLACES = {
    "bash": (".bash_completions/reseau.sh", ".bashrc", ("source ~/.bash_completions/reseau.sh",)),
    "zsh": (".zfunc/_reseau", ".zshrc", ("fpath+=~/.zfunc", "autoload -Uz compinit && compinit")),
    "fish": (".config/fish/completions/reseau.fish", None, ()),
}


def install_completion(shell: str, script: str, home: Path) -> list[str]:
    """Write the script and the loading lines; returns the files changed, home-relative."""
    relpath, startup, lines = PLACES[shell]
    target = home / relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    changed = []
    if not target.is_file() or target.read_text(encoding="utf-8") != script:
        write_atomic(target, script.encode("utf-8"))
        changed.append(relpath)
    if startup is not None and _add_lines(home / startup, lines):
        changed.append(startup)
    return changed


def _add_lines(path: Path, lines: tuple[str, ...]) -> bool:
    """Append the lines the file does not hold yet; its own bytes stay as they are."""
    old = path.read_bytes() if path.is_file() else b""
    present = set(old.decode("utf-8", errors="replace").splitlines())
    missing = [line for line in lines if line not in present]
    if not missing:
        return False
    separator = b"" if not old or old.endswith(b"\n") else b"\n"
    added = "".join(f"{line}\n" for line in ["# reseau completion", *missing])
    write_atomic(path, old + separator + added.encode("utf-8"))
    return True
