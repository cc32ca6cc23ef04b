"""The benchmark: whole processes, timed against baselines, on synthetic networks.

    .venv/bin/python bench/run.py              # 150, 1,000 and 10,000 contacts
    .venv/bin/python bench/run.py --quick      # fewer rounds: a smoke run
    .venv/bin/python bench/run.py --sizes 150,1000,10000,50000   # with the largest network

Every figure is a ratio between two commands run in the same rounds (A B A B ... after a
warm-up round), so the targets hold on any machine. Each run is a fresh process started by
bench/measure.py, which reports its CPU time (user and system), wall time and peak memory;
ratios are of CPU time, which other processes on a shared machine disturb far less than
wall time. The table goes to stdout,
progress to stderr. Exit code: 0 when every command ran as expected (targets met or not),
1 when a command failed or a generated network did not pass `reseau check`.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import base
import gitbench
import hostile
import synth

BENCH = Path(__file__).resolve().parent
MEASURE = BENCH / "measure.py"
FLOOR = BENCH / "floor.py"
CACHE_DIR = ".reseau-cache"
SIZES = (150, 1000, 10000)
SMALL, LARGE = 150, 10000
MiB = 1024
NO_WEEK = "no `reseau week` in this build"
STAND_IN = {"week-cold": "list-cold", "week-warm": "list-warm"}
Action = Callable[[], None]


@dataclass(frozen=True, slots=True)
class Sample:
    seconds: float  # CPU time, user and system
    peak_kib: int
    code: int
    wall: float


@dataclass(slots=True)
class Command:
    """One side of a comparison: what to run, and what to do untimed before and after."""

    key: str
    label: str
    argv: list[str]
    cwd: Path
    before: Action | None = None
    after: Action | None = None
    missing: str = ""
    samples: list[Sample] = field(default_factory=list)
    failure: str = ""
    limit: int = 0  # at most this many runs, warm-up included (0: every round)
    runs: int = 0
    env: dict[str, str] = field(default_factory=dict)  # added to the bench's environment


@dataclass(frozen=True, slots=True)
class Comparison:
    label: str
    a: str  # a Command's key
    b: str


@dataclass(frozen=True, slots=True)
class Target:
    text: str
    comparison: Comparison | None  # None for a memory target
    size: int | None  # the number of contacts it is judged at; None: the worst over every size
    limit: float  # a ratio, or MiB for a memory target
    memory_of: str = ""  # a Command's key, for a memory target

    def applies(self, size: int) -> bool:
        return self.size is None or self.size == size


@dataclass(frozen=True, slots=True)
class Tools:
    python: str
    reseau: str
    khard: str | None
    has_week: bool
    has_log: bool
    base: str | None = None  # the Python that runs the previous code (see bench/base.py)
    base_ref: str = ""


HELP = Comparison("reseau --help / python -c pass", "help", "pass")
WEEK_START = Comparison("reseau week (cold) / python -c pass", "week-cold", "pass")
WEEK_FLOOR = Comparison("reseau week (cold) / libyaml floor", "week-cold", "floor")
WEEK_BYTES = Comparison("reseau week (cold) / bytes floor", "week-cold", "bytes")
CHECK_FLOOR = Comparison("reseau check (cold) / libyaml floor", "check-cold", "floor")
WEEK_WARM = Comparison("reseau week (warm) / reseau week (cold)", "week-warm", "week-cold")
WEEK_CHANGED = Comparison("reseau week (one changed) / week (cold)", "week-changed", "week-cold")
SHOW = Comparison("reseau show SLUG / reseau week (cold)", "show", "week-cold")
SHOW_AGAIN = Comparison("reseau show SLUG (again) / week (cold)", "show-again", "week-cold")
LIST_WARM = Comparison("reseau list (warm) / list (cold)", "list-warm", "list-cold")
STATS_WARM = Comparison("reseau stats (warm) / stats (cold)", "stats-warm", "stats-cold")
CHECK_WARM = Comparison("reseau check (warm) / check (cold)", "check-warm", "check-cold")
EXPORT_WARM = Comparison("reseau export (warm) / export (cold)", "export-warm", "export-cold")
LOG_START = Comparison("reseau log / python -c pass", "log", "pass")
WEEK_KHARD = Comparison("reseau week (cold) / khard list", "week-cold", "khard")
WEEK_BARE = Comparison(
    "reseau week, no cache at all / the previous code's", "week-bare", "week-bare-base"
)
CHECK_KHARD = Comparison("reseau check (cold) / khard list", "check-cold", "khard")
MERGE_START = Comparison(
    "merge driver, one contact with 500 interactions / python -c pass", "merge", "pass"
)
MERGE_LOG = Comparison(
    "merge driver, one contact with 500 interactions / reseau log", "merge", "log"
)
SYNC_START = Comparison("reseau sync, 100 changed files / python -c pass", "sync", "pass")
COMPARISONS = (
    HELP,
    WEEK_START,
    WEEK_FLOOR,
    WEEK_BYTES,
    CHECK_FLOOR,
    WEEK_WARM,
    WEEK_CHANGED,
    SHOW,
    SHOW_AGAIN,
    LIST_WARM,
    STATS_WARM,
    CHECK_WARM,
    EXPORT_WARM,
    LOG_START,
    WEEK_KHARD,
    WEEK_BARE,
    CHECK_KHARD,
    MERGE_START,
    MERGE_LOG,
    SYNC_START,
)
HUGE = 50000

TARGETS = (
    Target("reseau --help <= 5 x python -c pass", HELP, SMALL, 5),
    Target(
        "reseau week, 10,000, after one contact changed <= 0.15 x cold", WEEK_CHANGED, LARGE, 0.15
    ),
    Target("reseau list, 10,000, nothing changed <= 0.2 x cold", LIST_WARM, LARGE, 0.2),
    Target("reseau stats, 10,000, nothing changed <= 0.2 x cold", STATS_WARM, LARGE, 0.2),
    Target("reseau check, 10,000, nothing changed <= 0.2 x cold", CHECK_WARM, LARGE, 0.2),
    Target("reseau export vcard, 10,000, nothing changed <= 0.2 x cold", EXPORT_WARM, LARGE, 0.2),
    Target("reseau show SLUG, 10,000 <= 0.05 x a cold week", SHOW, LARGE, 0.05),
    Target("reseau week, 10,000, cold <= 0.4 x khard list", WEEK_KHARD, LARGE, 0.4),
    Target(
        "reseau week, 10,000, no cache at all <= 0.45 x the previous code's",
        WEEK_BARE,
        LARGE,
        0.45,
    ),
    Target("reseau week, 10,000, nothing changed <= 0.1 x cold", WEEK_WARM, LARGE, 0.1),
    Target("reseau log on one contact, at every size <= 12 x python -c pass", LOG_START, None, 12),
    Target("peak memory, reseau week at 50,000, cold <= 300 MiB", None, HUGE, 300, "week-cold"),
)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    tools = find_tools()
    environ = bench_environment()
    folder = Path(tempfile.mkdtemp(prefix="reseau-bench-"))
    try:
        tools = with_base(tools, args.base, folder)
        results = {size: bench_size(size, folder, tools, environ, args) for size in args.sizes}
    finally:
        base.remove(folder)
        if args.keep:
            progress(f"kept the networks in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    print_header(tools, args)
    failed = print_table(results)
    print_targets(results, args.sizes)
    hostile.print_rows(tools.reseau, rounds=1 if args.quick else 3)
    return 1 if failed else 0


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="3 rounds per size: a smoke run")
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=SIZES,
        help="comma-separated numbers of contacts (default: 150,1000,10000; add 50000 for "
        "the memory target, about ten more minutes)",
    )
    parser.add_argument("--rounds", type=int, help="timed rounds per size (default: by size)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed rounds first (default 1)")
    parser.add_argument("--seed", type=int, default=2026, help="the networks' seed")
    parser.add_argument("--keep", action="store_true", help="keep the generated networks")
    parser.add_argument(
        "--base",
        default=base.DEFAULT_REF,
        help="the commit whose code the 'previous code' rows run, checked out in a worktree "
        f"with a venv of its own (default {base.DEFAULT_REF}; '' to skip those rows)",
    )
    return parser.parse_args(argv)


def with_base(tools: Tools, ref: str, folder: Path) -> Tools:
    """The tools, with the previous code's Python when `ref` is given and can be prepared."""
    if not ref:
        return tools
    progress(f"preparing the code as of {ref}")
    try:
        python = base.prepare(ref, folder)
    except subprocess.CalledProcessError as exc:
        fail(f"cannot check out {ref}", (exc.stderr or b"").decode(errors="replace").splitlines())
    return Tools(**{**_fields(tools), "base": str(python), "base_ref": ref})


def _fields(tools: Tools) -> dict[str, object]:
    return {name: getattr(tools, name) for name in Tools.__dataclass_fields__}


def _sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(sorted({int(part.replace("_", "")) for part in text.split(",")}))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a list of numbers") from None
    if not sizes or min(sizes) < 1 or max(sizes) > synth.MAX_SIZE:
        raise argparse.ArgumentTypeError(
            f"sizes are numbers of contacts from 1 to {synth.MAX_SIZE}"
        )
    return sizes


def rounds_for(size: int, args: argparse.Namespace) -> int:
    if args.rounds:
        return int(args.rounds)
    if args.quick:
        return 3
    return 15 if size <= 1000 else 5 if size <= 10000 else 2


def find_tools() -> Tools:
    bindir = Path(sys.executable).parent
    reseau = _executable("reseau", bindir)
    if reseau is None:
        fail("no `reseau` next to this Python or on PATH; run `pip install -e '.[bench]'`")
    khard = _executable("khard", bindir)
    return Tools(
        python=sys.executable,
        reseau=reseau,
        khard=khard,
        has_week=_has_command(reseau, "week"),
        has_log=_has_command(reseau, "log"),
    )


def _executable(name: str, bindir: Path) -> str | None:
    beside = bindir / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which(name)


def _has_command(reseau: str, name: str) -> bool:
    done = subprocess.run([reseau, name, "--help"], capture_output=True, text=True, check=False)
    return done.returncode == 0


def bench_environment() -> dict[str, str]:
    """The caller's environment, less what would change reseau's or Python's behaviour."""
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("RESEAU_", "PYTHON")) or key == "PYTHONHASHSEED"
    }
    environ.update(RESEAU_TODAY=synth.TODAY.isoformat(), COLUMNS="100", NO_COLOR="1")
    environ.update(gitbench.IDENTITY)
    return environ


def bench_size(
    size: int, folder: Path, tools: Tools, environ: dict[str, str], args: argparse.Namespace
) -> list[Command]:
    progress(f"{size:,} contacts: generating")
    network = synth.generate(folder / str(size), size, args.seed, vcards=tools.khard is not None)
    verify(network, tools, environ)
    commands = build_commands(network, tools, is_smallest=size == min(args.sizes))
    rounds = rounds_for(size, args)
    for index in range(args.warmup + rounds):
        timed = index >= args.warmup
        step = f"round {index - args.warmup + 1}/{rounds}" if timed else "warm-up"
        progress(f"{size:,} contacts: {step}")
        for command in commands:
            if command.limit and command.runs >= command.limit:
                continue
            if not command.missing and not command.failure:
                run_once(command, environ, keep=timed)
    return commands


def verify(network: synth.Network, tools: Tools, environ: dict[str, str]) -> None:
    """Fail loudly unless `reseau check` passes the generated network and khard reads it all."""
    check = run_plain([tools.reseau, "check"], network.root, environ)
    if check.returncode != 0:
        tail = (check.stdout + check.stderr).splitlines()[-20:]
        fail(f"the generated network of {network.size} contacts fails `reseau check`", tail)
    if tools.khard and network.vcards:
        config = khard_config(network.vcards)
        listed = run_plain([tools.khard, "-c", str(config), "list"], network.root, environ)
        rows = sum(1 for line in listed.stdout.splitlines() if line[:1].isdigit())
        if listed.returncode != 0 or rows != network.size:
            fail(f"khard listed {rows} of {network.size} vCards", listed.stderr.splitlines())


def run_plain(
    argv: list[str], cwd: Path, environ: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=cwd, env=environ, capture_output=True, text=True, check=False)


def khard_config(vcards: Path) -> Path:
    config = vcards.parent / "khard.conf"
    config.write_text(
        f"[general]\n[contact table]\n[vcard]\n[addressbooks]\n[[bench]]\npath = {vcards}\n",
        encoding="utf-8",
    )
    return config


def build_commands(network: synth.Network, tools: Tools, is_smallest: bool) -> list[Command]:
    """Every command of a round, in order: each warm run follows the cold run it is paired
    with, so it finds the caches that run left."""
    root = network.root
    reseau = tools.reseau

    def clear_cache() -> None:
        shutil.rmtree(root / CACHE_DIR, ignore_errors=True)

    def cold_and_warm(key: str, label: str, argv: list[str]) -> list[Command]:
        return [
            Command(f"{key}-cold", f"{label} (cold)", argv, root, clear_cache),
            Command(f"{key}-warm", f"{label} (warm)", argv, root),
        ]

    commands = [Command("pass", "python -c pass", [tools.python, "-c", "pass"], root)]
    if is_smallest:
        commands.append(Command("help", "reseau --help", [reseau, "--help"], root))
    commands += cold_and_warm("week", "reseau week", [reseau, "week"])
    if not tools.has_week:
        for command in commands[-2:]:
            command.missing = NO_WEEK
    else:
        commands += [changed_week(network, tools), *show_commands(network, tools)]
    commands += bare_weeks(root, tools, clear_cache)
    commands += cold_and_warm("list", "reseau list", [reseau, "list"])
    commands += cold_and_warm("stats", "reseau stats", [reseau, "stats"])
    commands += cold_and_warm("check", "reseau check", [reseau, "check"])
    exported = str(root.parent / "export.vcf")
    commands += cold_and_warm(
        "export", "reseau export", [reseau, "export", "vcard", "-o", exported]
    )
    commands += [
        Command("floor", "libyaml floor", [tools.python, str(FLOOR), str(root)], root),
        Command("bytes", "bytes floor", [tools.python, str(FLOOR), "--bytes", str(root)], root),
        log_command(network, tools),
    ]
    if tools.khard and network.vcards:
        config = str(khard_config(network.vcards))
        commands.append(Command("khard", "khard list", [tools.khard, "-c", config, "list"], root))
    if is_smallest:
        commands += git_commands(network, tools)
    return commands


def bare_weeks(root: Path, tools: Tools, clear_cache: Action) -> list[Command]:
    """`reseau week` with no cache at all (none on disk, RESEAU_NO_CACHE=1), today's code and
    the previous code's, each run as `python -m reseau`."""
    bare = {"RESEAU_NO_CACHE": "1"}
    argv = ["-m", "reseau", "week"]
    today = Command("week-bare", "reseau week, no cache", [tools.python, *argv], root,
                    clear_cache, env=bare)  # fmt: skip
    earlier = Command("week-bare-base", f"reseau week, no cache, as of {tools.base_ref}",
                      [tools.base or "", *argv], root, clear_cache, env=bare)  # fmt: skip
    if tools.base is None:
        earlier.missing = "no previous code (--base '')"
    if not tools.has_week:
        today.missing = earlier.missing = NO_WEEK
    return [today, earlier]


def changed_week(network: synth.Network, tools: Tools) -> Command:
    """`reseau week` after one contact changed since the last run: a line added, or removed
    again, as an editor saves it (in place, a fresh change time, a modification time old
    enough for the week's output cache to be trusted)."""
    slug = network.people[len(network.people) // 3].slug
    path = network.root / "contacts" / f"{slug}.yaml"
    original = path.read_bytes()
    stamp = path.stat()

    def change() -> None:
        changed = path.read_bytes() == original
        path.write_bytes(original + b"# changed\n" if changed else original)
        os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1000 * changed))

    return Command(
        "week-changed", "reseau week (one changed)", [tools.reseau, "week"], network.root, change
    )


def show_commands(network: synth.Network, tools: Tools) -> list[Command]:
    """`reseau show SLUG` as for a person not shown since the folder last changed (its
    remembered output removed first; the file cache warm), and the same again."""
    slug = network.people[2 * len(network.people) // 3].slug
    argv = [tools.reseau, "show", slug]
    remembered = network.root / CACHE_DIR / "show.marshal"
    first = Command(
        "show", "reseau show SLUG", argv, network.root, lambda: remembered.unlink(missing_ok=True)
    )
    return [first, Command("show-again", "reseau show SLUG (again)", argv, network.root)]


def git_commands(network: synth.Network, tools: Tools) -> list[Command]:
    """The merge driver on a long contact, and a sync of 100 files changed on both sides."""
    folder = network.root.parent / "git"
    (base, ours, theirs), original = gitbench.merge_files(folder / "merge")
    driver = [tools.python, "-m", "reseau", "merge-driver", str(base), str(ours), str(theirs)]
    merge = Command(
        "merge",
        "merge driver, 500 interactions",
        [*driver, "contacts/marie-dupont.yaml"],
        folder,
        after=lambda: ours.write_bytes(original),
    )
    syncing = gitbench.SyncBench(network.root, folder, tools.reseau, bench_environment())
    sync = Command(
        "sync",
        "reseau sync, 100 changed files",
        [tools.reseau, "sync"],
        syncing.here,
        before=syncing.prepare,
        limit=4,  # each run merges 100 files both sides changed: a few runs tell enough
    )
    return [merge, sync]


def log_command(network: synth.Network, tools: Tools) -> Command:
    """`reseau log` on the contact in the middle; the file is put back after each run."""
    slug = network.people[len(network.people) // 2].slug
    path = network.root / "contacts" / f"{slug}.yaml"
    original = path.read_bytes()
    stamp = path.stat()
    argv = [tools.reseau, "log", slug, "Coffee to compare notes on the benchmark"]
    command = Command(
        "log", "reseau log", argv, network.root, after=lambda: _restore(path, original, stamp)
    )
    if not tools.has_log:
        command.missing = "no `reseau log` in this build"
    return command


def _restore(path: Path, original: bytes, stamp: os.stat_result) -> None:
    """The file as it was, its modification time included: the network is the same again.

    The restored file has a new inode, so reseau's cache still sees it as changed once; with
    a fresh time it would also be too recent to trust, and no run after it could be warm.
    """
    path.write_bytes(original)
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))


def run_once(command: Command, environ: dict[str, str], keep: bool) -> None:
    command.runs += 1
    output = command.cwd.parent / "stdout.txt"
    argv = [sys.executable, "-S", "-E", str(MEASURE), str(output), *command.argv]
    if command.before:
        command.before()
    try:
        done = run_plain(argv, command.cwd, {**environ, **command.env})
    finally:
        if command.after:
            command.after()
    try:
        wall, peak, code, seconds = done.stdout.split()
    except ValueError:
        command.failure = f"no measure: {done.stderr.strip()[-200:]}"
        return
    if int(code) != 0:
        command.failure = f"exit {code}: " + " | ".join(done.stderr.strip().splitlines()[-3:])
        return
    if keep:
        command.samples.append(Sample(float(seconds), int(peak), int(code), float(wall)))


def paired_ratio(a: Command, b: Command) -> float | None:
    pairs = list(zip(a.samples, b.samples, strict=False))
    if not pairs:
        return None
    return statistics.median(x.seconds / y.seconds for x, y in pairs)


def median_seconds(command: Command) -> float | None:
    return statistics.median(s.seconds for s in command.samples) if command.samples else None


def peak_mib(command: Command) -> float | None:
    return max(s.peak_kib for s in command.samples) / MiB if command.samples else None


def stand_in(comparison: Comparison) -> Comparison | None:
    """The same comparison with `reseau list` in place of a missing `reseau week`."""
    a, b = STAND_IN.get(comparison.a, comparison.a), STAND_IN.get(comparison.b, comparison.b)
    if (a, b) == (comparison.a, comparison.b):
        return None
    label = comparison.label.replace("reseau week", "reseau list")
    return Comparison(f"  stand-in: {label}", a, b)


def sides(comparison: Comparison, commands: list[Command]) -> tuple[Command, Command] | None:
    by_key = {command.key: command for command in commands}
    if comparison.a in by_key and comparison.b in by_key:
        return by_key[comparison.a], by_key[comparison.b]
    return None


def why_not(a: Command, b: Command) -> str:
    return a.missing or b.missing or a.failure or b.failure


def print_header(tools: Tools, args: argparse.Namespace) -> None:
    import yaml

    version = run_plain([tools.reseau, "--version"], Path.cwd(), dict(os.environ)).stdout.strip()
    libyaml = "with libyaml" if getattr(yaml, "__with_libyaml__", False) else "WITHOUT libyaml"
    khard = "khard installed" if tools.khard else "khard not installed (pip install -e '.[bench]')"
    print(f"{version}; Python {platform.python_version()}; PyYAML {yaml.__version__} {libyaml}")
    if tools.base:
        print(f"the previous code: {tools.base_ref}, in a worktree and a venv of its own")
    print(f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs; {khard}")
    rounds = ", ".join(f"{size:,}: {rounds_for(size, args)}" for size in args.sizes)
    print(f"rounds after {args.warmup} warm-up round (contacts: rounds): {rounds}")
    print("times are CPU (user + system); A/B is the median of the CPU ratios of runs paired in")
    print("the same round; peak is the max RSS")
    print()


TABLE_HEAD = ("A / B", "contacts", "A CPU", "B CPU", "A/B", "A peak", "B peak", "target")


def print_table(results: dict[int, list[Command]]) -> bool:
    rows: list[tuple[str, ...]] = [TABLE_HEAD]
    no_week = any(c.missing == NO_WEEK for commands in results.values() for c in commands)
    for comparison in COMPARISONS:
        for variant in (comparison, stand_in(comparison) if no_week else None):
            if variant is not None:
                rows += comparison_rows(variant, comparison, results)
    widths = [max(len(row[i]) for row in rows) for i in range(len(TABLE_HEAD))]
    for row in rows:
        cells = [
            row[0].ljust(widths[0]),
            *(cell.rjust(width) for cell, width in zip(row[1:-1], widths[1:-1], strict=True)),
        ]
        print("  ".join([*cells, row[-1]]).rstrip())
    failures = [c for commands in results.values() for c in commands if c.failure]
    for command in failures:
        print(f"failed: {command.label} in {command.cwd}: {command.failure}")
    return bool(failures)


def comparison_rows(
    shown: Comparison, comparison: Comparison, results: dict[int, list[Command]]
) -> list[tuple[str, ...]]:
    """One row per size; a single row when a command is missing from this build."""
    pairs = {size: sides(shown, commands) for size, commands in results.items()}
    present = {size: pair for size, pair in pairs.items() if pair is not None}
    missing = {pair[0].missing or pair[1].missing for pair in present.values()}
    if len(missing) == 1 and "" not in missing:
        return [(shown.label, "any", "n/a", "n/a", "n/a", "", "", f"n/a: {missing.pop()}")]
    return [table_row(shown, comparison, size, *pair) for size, pair in present.items()]


def table_row(
    shown: Comparison, comparison: Comparison, size: int, a: Command, b: Command
) -> tuple[str, ...]:
    why = why_not(a, b)
    if why:
        return (shown.label, f"{size:,}", "n/a", "n/a", "n/a", "", "", f"n/a: {why[:70]}")
    ratio = paired_ratio(a, b)
    target = next((t for t in TARGETS if t.comparison == comparison and t.applies(size)), None)
    verdict = ""
    if target is not None and ratio is not None:
        verdict = f"<= {target.limit:g} x: {'met' if ratio <= target.limit else 'MISSED'}"
        verdict += " (stand-in)" if shown is not comparison else ""
    return (
        shown.label,
        f"{size:,}",
        _ms(median_seconds(a)),
        _ms(median_seconds(b)),
        _times(ratio),
        _mib(peak_mib(a)),
        _mib(peak_mib(b)),
        verdict,
    )


def print_targets(results: dict[int, list[Command]], sizes: Sequence[int]) -> None:
    print("\ntargets")
    for target in TARGETS:
        verdict, detail = judge(target, results, sizes)
        print(f"  {verdict:<7} {target.text}: {detail}")


def judge(
    target: Target, results: dict[int, list[Command]], sizes: Sequence[int]
) -> tuple[str, str]:
    if target.size is not None and target.size not in sizes:
        return "n/a", f"{target.size:,} contacts not in --sizes"
    if target.memory_of:
        return _judge_memory(target, results)
    assert target.comparison is not None
    verdict, detail = _judge_ratio(target, target.comparison, results, sizes)
    substitute = stand_in(target.comparison)
    if verdict == "n/a" and detail == NO_WEEK and substitute:
        verdict, stood = _judge_ratio(target, substitute, results, sizes)
        would = "would be met" if verdict == "met" else "would be missed"
        return "n/a", f"{NO_WEEK}; stand-in reseau list: {stood} ({would})"
    return verdict, detail


def _judge_ratio(
    target: Target, comparison: Comparison, results: dict[int, list[Command]], sizes: Sequence[int]
) -> tuple[str, str]:
    measured: list[tuple[float, int]] = []
    for size in (s for s in sizes if target.applies(s)):
        pair = sides(comparison, results[size])
        if pair is None:
            return "n/a", "khard is not installed (pip install -e '.[bench]')"
        if why_not(*pair):
            return "n/a", why_not(*pair)
        ratio = paired_ratio(*pair)
        if ratio is not None:
            measured.append((ratio, size))
    if not measured:
        return "n/a", "not measured"
    ratio, size = max(measured)
    verdict = "met" if ratio <= target.limit else "MISSED"
    return verdict, f"{ratio:.2f} x at {size:,} contacts"


def _judge_memory(target: Target, results: dict[int, list[Command]]) -> tuple[str, str]:
    assert target.size is not None
    by_key = {command.key: command for command in results[target.size]}
    command = by_key[target.memory_of]
    prefix = ""
    if command.missing and target.memory_of in STAND_IN:
        command = by_key[STAND_IN[target.memory_of]]
        prefix = f"{command.missing or NO_WEEK}; stand-in reseau list: "
    peak = peak_mib(command)
    if command.failure or peak is None:
        return "n/a", command.failure or "not measured"
    met = peak <= target.limit
    if prefix:
        return "n/a", f"{prefix}{peak:.0f} MiB ({'would be met' if met else 'would be missed'})"
    return ("met" if met else "MISSED"), f"{peak:.0f} MiB"


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "n/a"
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.1 else f"{seconds * 1000:.1f} ms"


def _times(ratio: float | None) -> str:
    return "n/a" if ratio is None else f"{ratio:.2f} x"


def _mib(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f} MiB"


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def fail(message: str, details: Sequence[str] = ()) -> NoReturn:
    print(f"bench: {message}", *(f"  {line}" for line in details), sep="\n", file=sys.stderr)
    raise SystemExit(1)


if __name__ == "__main__":
    sys.exit(main())
