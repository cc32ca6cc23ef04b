"""The hostile-file row: the sample network, plain and with three files built to hurt.

    .venv/bin/python bench/hostile.py [--rounds N]

The hostile files are the size cases of the read path: a contact with 5,000 territories in
`influence`, one meeting `with` 3,000 people nobody knows, and a name just under the 1 MiB
limit. `check`, `week`, `list` and `show` run on both networks, alternately, each a fresh
process measured by bench/measure.py; the row gives the hostile network's CPU time, its
ratio to the plain network's and its peak memory, against the target: under 2 s and
100 MB for any file under the size limit. bench/run.py prints the same rows at its end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
MEASURE = BENCH / "measure.py"
SAMPLE_PARTS = ("reseau.yaml", "contacts", "plans", "journal.yaml")
COMMANDS = (["check"], ["week"], ["list"], ["show", "zz-terr"])
LIMIT_SECONDS, LIMIT_MIB = 2.0, 100
MAX_FILE_BYTES = 1024 * 1024


def build(folder: Path, *, hostile: bool) -> Path:
    folder.mkdir()
    for part in SAMPLE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, folder / part)
        else:
            shutil.copy2(source, folder / part)
    if hostile:
        write_hostile_files(folder / "contacts")
    return folder


def write_hostile_files(contacts: Path) -> None:
    territories = "".join(f"    t{i}: 2\n" for i in range(5000))
    (contacts / "zz-terr.yaml").write_text(
        f"name: Terr\nqualification:\n  strength: 2\n  influence:\n{territories}"
    )
    others = ", ".join(f"ghost-{i}" for i in range(3000))
    (contacts / "zz-with.yaml").write_text(
        f"name: With\ninteractions:\n  - date: 2026-11-20\n    kind: meeting\n"
        f"    with: [{others}]\n"
    )
    (contacts / "zz-name.yaml").write_text("name: " + "A" * (MAX_FILE_BYTES - 200) + "\n")


def measure(
    reseau: str, root: Path, args: Sequence[str], environ: dict[str, str]
) -> tuple[float, float]:
    """CPU seconds and peak MiB of one fresh `reseau --dir ROOT ARGS` (exit 0 or 1)."""
    output = root.parent / f"{root.name}.out"
    argv = [sys.executable, "-S", "-E", str(MEASURE), str(output), reseau, "--dir", str(root)]
    done = subprocess.run([*argv, *args], capture_output=True, text=True, env=environ)
    _, peak_kib, code, cpu = done.stdout.split()
    if int(code) not in (0, 1):
        raise SystemExit(f"reseau {' '.join(args)} exited {code}: {done.stderr[-300:]}")
    shutil.rmtree(root / ".reseau-cache", ignore_errors=True)  # every run reads cold
    return float(cpu), int(peak_kib) / 1024


def rows(reseau: str, rounds: int) -> list[tuple[str, ...]]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("RESEAU_", "PYTHON"))}
    environ.update(RESEAU_TODAY="2026-11-30", COLUMNS="100", NO_COLOR="1")
    table = [("hostile file", "CPU s", "x plain", "peak MiB", "target")]
    with tempfile.TemporaryDirectory(prefix="reseau-hostile-") as folder:
        plain = build(Path(folder) / "plain", hostile=False)
        hostile = build(Path(folder) / "hostile", hostile=True)
        for args in COMMANDS:
            ours, theirs, peaks = [], [], []
            for _ in range(rounds):
                seconds, _ = measure(reseau, plain, args, environ)
                hurt, peak = measure(reseau, hostile, args, environ)
                ours.append(hurt)
                theirs.append(hurt / seconds if seconds else 0.0)
                peaks.append(peak)
            cpu, peak = statistics.median(ours), max(peaks)
            met = cpu < LIMIT_SECONDS and peak < LIMIT_MIB
            verdict = f"{'met' if met else 'MISSED'} (< {LIMIT_SECONDS:g} s, < {LIMIT_MIB} MB)"
            label = "reseau " + " ".join(args)
            table.append(
                (label, f"{cpu:.2f}", f"{statistics.median(theirs):.1f}", f"{peak:.0f}", verdict)
            )
    return table


def print_rows(reseau: str, rounds: int = 3) -> None:
    table = rows(reseau, rounds)
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    print()
    for row in table:
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        print("  ".join(cells).rstrip())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="runs of each command (default 3)")
    args = parser.parse_args(argv)
    reseau = shutil.which("reseau", path=str(Path(sys.executable).parent)) or "reseau"
    print_rows(reseau, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
