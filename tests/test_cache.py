"""The week's cache never lies: any change is seen, and a bad cache is the same as none."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from conftest import Runner
from reseau.files.cache import CACHE_DIR, RACY_SECONDS, snapshot
from reseau.files.filecache import SETTLED_NS


def age(root: Path) -> None:
    """Make every file look older than the racy window, as after a normal pause."""
    past = time.time() - 10 * RACY_SECONDS
    for path in [root / "reseau.yaml", root / "journal.yaml", *root.glob("*/*.yaml")]:
        os.utime(path, (past, past))


def week(run: Runner, root: Path) -> str:
    result = run("--dir", str(root), "week", "--json")
    assert result.code == 0, result.err
    return result.out


@pytest.fixture
def warm(run: Runner, sample: Path) -> Path:
    age(sample)
    week(run, sample)
    assert (sample / CACHE_DIR / "week.marshal").exists()
    return sample


def test_a_second_run_reads_the_cache(
    run: Runner, warm: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = week(run, warm)
    import reseau.files.store

    def refuse(root: Path) -> None:
        raise AssertionError("the folder was read again")

    monkeypatch.setattr(reseau.files.store, "load_network", refuse)
    assert week(run, warm) == first


def test_the_cache_keeps_itself_out_of_git(warm: Path) -> None:
    assert (warm / CACHE_DIR / ".gitignore").read_text(encoding="utf-8") == "*\n"


def rename_a_contact(root: Path) -> None:
    (root / "contacts" / "thomas-bernard.yaml").rename(root / "contacts" / "thomas-b.yaml")


def remove_a_contact(root: Path) -> None:
    (root / "contacts" / "thomas-bernard.yaml").unlink()


def add_a_contact(root: Path) -> None:
    (root / "contacts" / "zz-new.yaml").write_text(
        "name: Zoé Neuve\nsince: 2026-11-20\n", encoding="utf-8"
    )


def change_a_contact(root: Path) -> None:
    path = root / "contacts" / "thomas-bernard.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: active", "status: dormant"),
        encoding="utf-8",
    )


def change_the_settings(root: Path) -> None:
    path = root / "reseau.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("minutes: 240", "minutes: 120"), encoding="utf-8"
    )


def change_the_plan(root: Path) -> None:
    path = root / "plans" / "2026-Q4.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("done: null", "done: 2026-11-29", 1),
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    "change",
    [
        rename_a_contact,
        remove_a_contact,
        add_a_contact,
        change_a_contact,
        change_the_settings,
        change_the_plan,
    ],
)
def test_any_change_is_seen(
    run: Runner, warm: Path, sample: Path, tmp_path: Path, change: object
) -> None:
    assert callable(change)
    change(warm)
    age(warm)
    fresh = tmp_path / "fresh"
    import shutil

    shutil.copytree(warm, fresh, ignore=shutil.ignore_patterns(CACHE_DIR))
    assert week(run, warm) == week(run, fresh)


def test_a_same_size_rewrite_in_place_is_seen(run: Runner, warm: Path, tmp_path: Path) -> None:
    import shutil

    before = week(run, warm)
    path = warm / "contacts" / "thomas-bernard.yaml"
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("efficiency: 3", "efficiency: 0"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    assert (path.stat().st_ino, path.stat().st_size) == (stat.st_ino, stat.st_size)
    fresh = tmp_path / "fresh"
    shutil.copytree(warm, fresh, ignore=shutil.ignore_patterns(CACHE_DIR))
    after = week(run, warm)
    assert after == week(run, fresh)
    assert after != before


def test_a_file_changed_just_now_is_never_trusted(warm: Path) -> None:
    (warm / "journal.yaml").touch()
    assert snapshot(warm) is None


def test_today_is_part_of_the_key(run: Runner, warm: Path) -> None:
    monday = week(run, warm)
    next_day = run("--dir", str(warm), "--today", "2026-12-01", "week", "--json").out
    assert '"week": "2026-W49"' in monday
    assert next_day != monday


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\x00\x01garbage",
        b"truncated-after-this",
    ],
)
def test_a_corrupt_or_truncated_cache_is_ignored(run: Runner, warm: Path, damage: bytes) -> None:
    cache = warm / CACHE_DIR / "week.marshal"
    expected = week(run, warm)
    cache.write_bytes(damage if damage != b"truncated-after-this" else cache.read_bytes()[:20])
    assert week(run, warm) == expected


def plant(root: Path, version: str) -> None:
    """A cache entry for the week as `--json` asks it, made under `version`, saying 'planted'."""
    import marshal

    import reseau.files.cache

    real = reseau.files.cache.version_key
    reseau.files.cache.version_key = lambda: version
    try:
        key = reseau.files.cache.result_key(root, "week", "2026-11-30", True, False, 100)
    finally:
        reseau.files.cache.version_key = real
    (root / CACHE_DIR / "week.marshal").write_bytes(marshal.dumps((key, (["planted"], []))))


def test_a_cache_from_another_version_is_ignored(run: Runner, warm: Path) -> None:
    from reseau.files.cache import version_key

    plant(warm, version_key())
    assert week(run, warm) == "planted\n"  # the planted entry is what this version would read
    plant(warm, "reseau 0.0.1; cache 0")
    assert '"week": "2026-W49"' in week(run, warm)


def test_an_unwritable_cache_location_falls_back_silently(run: Runner, sample: Path) -> None:
    age(sample)
    (sample / CACHE_DIR).write_text("not a folder", encoding="utf-8")
    result = run("--dir", str(sample), "week", "--json")
    assert result.code == 0
    assert result.err == ""
    assert '"week": "2026-W49"' in result.out


def test_check_always_reads_everything(run: Runner, warm: Path) -> None:
    (warm / "contacts" / "thomas-bernard.yaml").write_text("name: [broken\n", encoding="utf-8")
    age(warm)
    assert run("--dir", str(warm), "check").code == 1


def _cache_leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in (root / CACHE_DIR).iterdir() if p.name.endswith(".tmp"))


def test_a_killed_week_leaves_a_temporary_file_that_a_later_run_removes(
    run: Runner, warm: Path
) -> None:
    from faults import run_killed

    # The files' change times are those `age` gave them: once they are settled, a read fills
    # the file cache, so the killed run writes nothing before the week's output.
    time.sleep(SETTLED_NS / 1e9 + 0.2)
    assert run("--dir", str(warm), "list").code == 0
    assert (warm / CACHE_DIR / "files.marshal").exists()
    killed = run_killed(warm, 1, "--today", "2026-12-01", "week", cache=True)
    assert killed.returncode == 9, killed.stderr
    (leftover,) = _cache_leftovers(warm)
    assert leftover.startswith(".week.marshal.")
    fresh = warm / CACHE_DIR / ".week.marshal.abcd1234.tmp"
    fresh.write_bytes(b"another run writing right now")
    past = time.time() - 120
    os.utime(warm / CACHE_DIR / leftover, (past, past))
    assert run("--dir", str(warm), "--today", "2026-12-02", "week").code == 0
    assert _cache_leftovers(warm) == [fresh.name]
