"""list, stats, show, check and export vcard remember their output: any change is seen,
nothing is hidden."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from conftest import Runner
from reseau.files.cache import CACHE_DIR, RACY_SECONDS
from reseau.files.filecache import SETTLED_NS

COMMANDS = [
    ("list",),
    ("list", "--json"),
    ("list", "--sort", "score", "--circle", "clients"),
    ("stats",),
    ("stats", "--json"),
    ("export", "vcard"),
    ("export", "vcard", "--private", "--status", "active"),
    ("show", "thomas-bernard"),
    ("show", "thomas", "--json"),
    ("check",),
    ("check", "--json"),
]
SEEN_BY = [("list", "--json"), ("stats", "--json"), ("export", "vcard"), ("check",)]


def age(root: Path) -> None:
    """Every file older than the racy window, as after a normal pause."""
    past = time.time() - 10 * RACY_SECONDS
    for path in [root / "reseau.yaml", root / "journal.yaml", *root.glob("*/*.yaml")]:
        if path.exists():  # a new network has no journal yet
            os.utime(path, (past, past))


def output(run: Runner, root: Path, *args: str) -> tuple[str, str]:
    result = run("--dir", str(root), *args)
    assert result.code == 0, result.err
    return result.out, result.err


def refuse_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    import reseau.files.store

    def refuse(root: Path, *args: object, **options: object) -> None:
        raise AssertionError("the folder was read again")

    monkeypatch.setattr(reseau.files.store, "load_network", refuse)
    monkeypatch.setattr(reseau.files.store, "load_around", refuse)


def fresh_copy(root: Path, tmp_path: Path) -> Path:
    fresh = tmp_path / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(root, fresh, ignore=shutil.ignore_patterns(CACHE_DIR))
    return fresh


@pytest.mark.parametrize("args", COMMANDS)
def test_a_second_run_prints_the_same_without_reading_the_folder(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    age(sample)
    first = output(run, sample, *args)
    refuse_reading(monkeypatch)
    assert output(run, sample, *args) == first


def count_every_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The reads of the network from now on, by name: whole (`load_network`) or around one
    contact (`load_around`)."""
    import reseau.files.store

    reads: list[str] = []
    for name in ("load_network", "load_around"):
        real = getattr(reseau.files.store, name)

        def counted(
            *args: object, _real: object = real, _name: str = name, **options: object
        ) -> object:
            reads.append(_name)
            return _real(*args, **options)  # type: ignore[operator]

        monkeypatch.setattr(reseau.files.store, name, counted)
    return reads


@pytest.mark.parametrize("args", [*COMMANDS, ("week",), ("week", "--json")])
def test_no_cache_computes_the_output_again_and_keeps_none(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    """RESEAU_NO_CACHE=1: an output remembered before is not used, none is stored, and the
    whole folder is read (`show` does not trust the file cache's references either)."""
    age(sample)
    first = output(run, sample, *args)
    remembered = {path.name: path.stat().st_mtime_ns for path in (sample / CACHE_DIR).iterdir()}
    monkeypatch.setenv("RESEAU_NO_CACHE", "1")
    reads = count_every_read(monkeypatch)
    assert output(run, sample, *args) == first
    assert "load_network" in reads, reads or "the remembered output was used"
    now = {path.name: path.stat().st_mtime_ns for path in (sample / CACHE_DIR).iterdir()}
    assert now == remembered


def test_no_cache_show_does_not_trust_the_file_cache_either(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the file cache filled (files settled, then read), `show` would read only the
    files its references name; RESEAU_NO_CACHE=1 reads the whole folder instead."""
    age(sample)
    time.sleep(SETTLED_NS / 1e9 + 0.2)
    output(run, sample, "list")
    assert (sample / CACHE_DIR / "references.marshal").exists()
    first = output(run, sample, "show", "thomas-bernard")
    monkeypatch.setenv("RESEAU_NO_CACHE", "1")
    reads = count_every_read(monkeypatch)
    assert output(run, sample, "show", "thomas-bernard") == first
    assert "load_network" in reads, reads


def change_a_contact(root: Path) -> None:
    path = root / "contacts" / "thomas-bernard.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("status: active", "status: dormant"), encoding="utf-8")


def same_size_rewrite(root: Path) -> None:
    """The same size, the same inode, one nanosecond later: as fast editors save."""
    path = root / "contacts" / "thomas-bernard.yaml"
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("efficiency: 3", "efficiency: 0"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))


def rewrite_keeping_the_times(root: Path) -> None:
    """`cp -p` over the file: the same size and inode, the old modification time put back;
    only the change time moves."""
    path = root / "contacts" / "thomas-bernard.yaml"
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Thomas Bernard", "Thomas Bernaud"), encoding="utf-8")
    assert path.stat().st_size == stat.st_size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def add_a_contact(root: Path) -> None:
    (root / "contacts" / "zz-new.yaml").write_text(
        "name: Zoé Neuve\ncircles: [clients]\nsince: 2026-11-20\n", encoding="utf-8"
    )


def remove_a_contact(root: Path) -> None:
    (root / "contacts" / "thomas-bernard.yaml").unlink()


def rename_a_contact(root: Path) -> None:
    (root / "contacts" / "thomas-bernard.yaml").rename(root / "contacts" / "thomas-b.yaml")


def break_a_contact(root: Path) -> None:
    (root / "contacts" / "thomas-bernard.yaml").write_text("name: [broken\n", encoding="utf-8")


def change_the_settings(root: Path) -> None:
    path = root / "reseau.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("met_within_days: 365", "met_within_days: 30"), encoding="utf-8")


def change_the_journal(root: Path) -> None:
    with open(root / "journal.yaml", "a", encoding="utf-8") as handle:
        handle.write("  - {date: 2026-11-23, minutes: 30}\n")


def remove_the_contacts_folder(root: Path) -> None:
    shutil.rmtree(root / "contacts")


@pytest.mark.parametrize(
    "change",
    [
        change_a_contact,
        same_size_rewrite,
        add_a_contact,
        remove_a_contact,
        rename_a_contact,
        break_a_contact,
        change_the_settings,
        change_the_journal,
        remove_the_contacts_folder,
    ],
)
@pytest.mark.parametrize("args", [*SEEN_BY, ("show", "thomas-bernard", "--json")])
def test_any_change_is_seen(
    run: Runner, sample: Path, tmp_path: Path, change: object, args: tuple[str, ...]
) -> None:
    assert callable(change)
    age(sample)
    before = run("--dir", str(sample), *args)
    change(sample)
    age(sample)
    after = run("--dir", str(sample), *args)
    fresh = run("--dir", str(fresh_copy(sample, tmp_path)), *args)
    assert (after.code, after.out, after.err) == (fresh.code, fresh.out, fresh.err)
    quiet = (same_size_rewrite, change_the_journal)  # what the change makes no difference to
    unseen = {
        "stats": (same_size_rewrite,),
        "check": (*quiet, change_a_contact, rename_a_contact, change_the_settings),
        "show": (*quiet, add_a_contact, change_the_settings),
    }.get(args[0], (*quiet, change_the_settings))
    if change not in unseen:
        assert (after.out, after.err) != (before.out, before.err)


@pytest.mark.parametrize("args", [("list", "--json"), ("export", "vcard"), ("show", "thomas")])
def test_a_rewrite_that_puts_the_times_back_is_seen(
    run: Runner, sample: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    age(sample)
    before = output(run, sample, *args)
    rewrite_keeping_the_times(sample)  # after the ageing: every stamp but the change time
    after = output(run, sample, *args)
    assert after != before
    assert after == output(run, fresh_copy(sample, tmp_path), *args)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("list",), ("list", "--json")),
        (("list",), ("list", "--circle", "clients")),
        (("list",), ("list", "--sort", "name")),
        (("list",), ("--today", "2027-06-01", "list")),
        (("stats",), ("stats", "--json")),
        (("stats",), ("--today", "2026-06-01", "stats")),
        (("export", "vcard"), ("export", "vcard", "--private")),
        (("export", "vcard"), ("export", "vcard", "--tag", "robotics")),
    ],
)
def test_the_options_and_today_are_part_of_the_key(
    run: Runner, sample: Path, tmp_path: Path, first: tuple[str, ...], second: tuple[str, ...]
) -> None:
    age(sample)
    output(run, sample, *first)
    assert output(run, sample, *second) == output(run, fresh_copy(sample, tmp_path), *second)


@pytest.mark.parametrize("args", [("list",), ("stats",)])
def test_the_width_is_part_of_the_key(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    age(sample)
    wide = output(run, sample, *args)
    monkeypatch.setenv("COLUMNS", "60")
    narrow = output(run, sample, *args)
    assert narrow != wide
    assert max(len(line) for line in narrow[0].splitlines()) <= 60


def test_the_language_is_part_of_the_key(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    age(sample)
    english = output(run, sample, "stats")
    monkeypatch.setenv("LANGUAGE", "fr")
    french = output(run, sample, "stats")
    assert french != english
    assert "Santé du réseau" in french[0]


def test_other_code_computes_again(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reseau.files.cache
    import reseau.files.store

    age(sample)
    first = output(run, sample, "list")
    reads = count_every_read(monkeypatch)
    assert output(run, sample, "list") == first
    assert reads == []
    monkeypatch.setattr(reseau.files.cache, "source_digest", lambda: "another")
    assert output(run, sample, "list") == first
    assert len(reads) == 1


def test_an_error_is_never_remembered(run: Runner, sample: Path) -> None:
    age(sample)
    for _ in range(2):
        result = run("--dir", str(sample), "list", "--circle", "nope")
        assert result.code != 0
        assert "nope" in result.err
    assert not (sample / CACHE_DIR / "list.marshal").exists()


def test_the_warnings_are_said_again(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    break_a_contact(sample)
    age(sample)
    first = output(run, sample, "list")
    assert "skipped 1 invalid file" in first[1]
    refuse_reading(monkeypatch)
    assert output(run, sample, "list") == first


def test_an_export_to_a_file_is_written_each_time(
    run: Runner, sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    age(sample)
    target = tmp_path / "out.vcf"
    output(run, sample, "export", "vcard", "-o", str(target))
    written = target.read_bytes()
    assert written.startswith(b"BEGIN:VCARD")
    target.unlink()
    refuse_reading(monkeypatch)
    output(run, sample, "export", "vcard", "-o", str(target))
    assert target.read_bytes() == written


def test_a_file_changed_just_now_is_not_trusted(run: Runner, sample: Path, tmp_path: Path) -> None:
    age(sample)
    output(run, sample, "list", "--json")
    change_a_contact(sample)  # no age(): modified this very second
    after = output(run, sample, "list", "--json")
    assert after == output(run, fresh_copy(sample, tmp_path), "list", "--json")
    assert not (sample / CACHE_DIR / "list.marshal").exists() or after[0].count("dormant")


def test_another_babel_computes_the_french_output_again(
    run: Runner, sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Babel writes the French dates and numbers (its CLDR data changes with its version):
    an upgrade of it is a change of the code the output comes from."""
    import babel.dates  # noqa: F401  (imported already: the folder below only moves the stamp)

    age(sample)
    first = output(run, sample, "--lang", "fr", "list")
    reads = count_every_read(monkeypatch)
    upgraded = tmp_path / "site" / "babel"
    upgraded.mkdir(parents=True)
    (upgraded / "__init__.py").write_text("__version__ = '99.0'\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(upgraded.parent))
    assert output(run, sample, "--lang", "fr", "list") == first
    assert len(reads) == 1


def test_check_finds_a_problem_in_a_contact_it_remembered_as_valid(
    run: Runner, sample: Path
) -> None:
    age(sample)
    assert run("--dir", str(sample), "check").code == 0
    path = sample / "contacts" / "thomas-bernard.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("since:", "sinse:"), encoding="utf-8")
    age(sample)
    after = run("--dir", str(sample), "check")
    assert after.code == 1
    assert "contacts/thomas-bernard.yaml:" in after.out and "sinse" in after.out


def test_check_looks_at_the_git_config_every_time(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The merge driver lives in the clone's git config, outside the folder's files: check
    asks git on every run, remembered folder or not."""
    from gitnet import git

    target = tmp_path / "net"
    assert run("init", str(target)).code == 0
    age(target)
    assert "merge driver" not in output(run, target, "check")[0]
    refuse_reading(monkeypatch)
    git(target, "config", "--unset", "merge.reseau.driver")
    assert "this clone has no reseau merge driver" in output(run, target, "check")[0]
    git(target, "config", "merge.reseau.driver", "reseau merge-driver %O %A %B %P")
    assert "merge driver" not in output(run, target, "check")[0]


def test_a_contacts_folder_link_to_nowhere_is_checked_again(run: Runner, sample: Path) -> None:
    """A missing contacts/ is a warning, a link to a folder that is gone (a USB stick not
    plugged in) an error: the same absence to a stat, never the same remembered check."""
    shutil.rmtree(sample / "contacts")
    age(sample)
    missing = run("--dir", str(sample), "check")
    assert "contacts: warning: the folder is missing" in missing.out
    (sample / "contacts").symlink_to(sample / "gone")
    linked = run("--dir", str(sample), "check")
    assert "contacts: is not a folder" in linked.out
    assert linked.code == 1


def _thomas(root: Path) -> Path:
    return root / "contacts" / "thomas-bernard.yaml"


def _rewrite(path: Path, old: str, new: str, *, keep_times: bool = False) -> None:
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    if keep_times:  # same size, same inode, the old modification time: only ctime moves
        assert path.stat().st_size == stat.st_size
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def edit_in_a_problem(root: Path) -> None:
    _rewrite(_thomas(root), "status: active", "status: actif")


def same_size_problem(root: Path) -> None:
    _rewrite(_thomas(root), "efficiency: 3", "efficiency: 9")
    stat = _thomas(root).stat()
    os.utime(_thomas(root), ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))


def problem_with_the_times_put_back(root: Path) -> None:
    _rewrite(_thomas(root), "efficiency: 3", "efficiency: 9", keep_times=True)


def rename_to_no_slug(root: Path) -> None:
    _thomas(root).rename(root / "contacts" / "Thomas_B.yaml")


def add_a_broken_contact(root: Path) -> None:
    (root / "contacts" / "zz-new.yaml").write_text("name: [open\n", encoding="utf-8")


def remove_a_planned_contact(root: Path) -> None:
    _thomas(root).unlink()  # the quarter's plan names thomas-bernard


def break_the_settings(root: Path) -> None:
    with open(root / "reseau.yaml", "a", encoding="utf-8") as handle:
        handle.write("nmae: x\n")


def break_the_journal(root: Path) -> None:
    with open(root / "journal.yaml", "a", encoding="utf-8") as handle:
        handle.write("  - {date: 2026-02-30, minutes: 30}\n")


@pytest.mark.parametrize(
    "change",
    [
        edit_in_a_problem,
        same_size_problem,
        problem_with_the_times_put_back,
        rename_to_no_slug,
        add_a_broken_contact,
        remove_a_planned_contact,
        break_the_settings,
        break_the_journal,
    ],
)
def test_a_remembered_check_finds_a_problem_made_in_any_way(
    run: Runner, sample: Path, tmp_path: Path, change: object
) -> None:
    """Each way a file can change, each making a problem: the clean check that was
    remembered never answers for the folder after it."""
    assert callable(change)
    age(sample)
    clean = run("--dir", str(sample), "check", "--json")
    assert (clean.code, clean.out) == (0, "[]\n")
    change(sample)
    if change is not problem_with_the_times_put_back:  # ageing would move the times again
        age(sample)
    after = run("--dir", str(sample), "check", "--json")
    fresh = run("--dir", str(fresh_copy(sample, tmp_path)), "check", "--json")
    assert after.code == 1 and '"severity": "error"' in after.out
    assert (after.code, after.out, after.err) == (fresh.code, fresh.out, fresh.err)
