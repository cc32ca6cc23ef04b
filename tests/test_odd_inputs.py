"""Folders, files, bytes and disks that are not what they seem: one clear line, never an
internal error, and the user's files untouched."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, Runner, write_network

READING = (
    ("week",),
    ("week", "--json"),
    ("list",),
    ("list", "--json"),
    ("show", "marie"),
    ("stale",),
    ("stale", "--json"),
    ("stats",),
    ("qualify", "--missing"),
    ("qualify", "--missing", "--json"),
    ("export", "csv"),
    ("export", "vcard"),
    ("export", "ics"),
)


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        os.fsdecode(p.relative_to(root)): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and not p.is_symlink() and ".reseau-cache" not in p.parts
    }


def _assert_every_reader_skips(run: Runner, root: Path, shown: str, message: str) -> None:
    for args in READING:
        result = run("--dir", str(root), *args)
        assert result.code == 0, (args, result.err)
        assert "internal error" not in result.err
        assert "reseau: skipped" in result.err, args
    check = run("--dir", str(root), "check")
    assert check.code == 1
    assert f"{shown}: {message}" in check.out


# files and folders ----------------------------------------------------------------------------


def test_a_dangling_link_and_a_loop_are_skipped_and_named(run: Runner, sample: Path) -> None:
    (sample / "contacts" / "gone.yaml").symlink_to("nowhere.yaml")
    (sample / "contacts" / "loop.yaml").symlink_to("loop.yaml")
    before = _snapshot(sample)
    _assert_every_reader_skips(
        run,
        sample,
        "contacts/gone.yaml",
        "a symbolic link to a missing file; remove the link or restore its target",
    )
    check = run("--dir", str(sample), "check")
    assert "contacts/loop.yaml: a symbolic link loop; remove the link or point it at a file" in (
        check.out
    )
    assert _snapshot(sample) == before


def test_a_file_name_that_is_not_utf8_is_skipped_and_shown_escaped(
    run: Runner, sample: Path
) -> None:
    bad = os.fsencode(sample / "contacts") + b"/x\x9b2J.yaml"
    with open(bad, "wb") as handle:
        handle.write(b"name: X\n")
    _assert_every_reader_skips(
        run,
        sample,
        "contacts/x\\x9b2J.yaml",
        "the file name is not valid UTF-8; rename it (reseau reads only UTF-8 names)",
    )
    for args in (*READING, ("check",)):
        result = run("--dir", str(sample), *args)
        for stream in (result.out, result.err):
            assert "\x9b" not in stream and "\udc9b" not in stream, args


def test_a_file_that_cannot_be_read_is_not_called_read_only(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = sample / "contacts" / "marie-dupont.yaml"
    before = path.read_bytes()
    path.chmod(0)
    try:
        result = run("--dir", str(sample), "log", "marie-dupont", "Lunch")
    finally:
        path.chmod(0o644)
    assert result.code == 1
    assert "cannot be read; make it readable (chmod u+rw)" in result.err
    assert "read-only" not in result.err
    assert path.read_bytes() == before


def test_adding_someone_whose_file_cannot_be_read_is_refused(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    from reseau.files import yamlio

    locked = str(sample / "contacts" / "marie-dupont.yaml")
    real_open = builtins.open

    def no_permission(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == locked:
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(yamlio, "open", no_permission, raising=False)
    result = run("--dir", str(sample), "add", "Marie Dupont")
    assert result.code == 1
    assert "contacts/marie-dupont.yaml exists but cannot be read" in result.err
    assert not (sample / "contacts" / "marie-dupont-2.yaml").exists()
    check = run("--dir", str(sample), "check")
    assert "contacts/marie-dupont.yaml: cannot be read (permission denied)" in check.out


def test_an_oversized_file_is_refused_before_it_is_read(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = sample / "contacts" / "marie-dupont.yaml"
    with open(path, "r+b") as handle:
        handle.truncate(600 * 1024 * 1024)  # sparse: no disk used
    read_sizes: list[int] = []
    real_read_bytes = Path.read_bytes

    def watched(self: Path) -> bytes:
        read_sizes.append(self.stat().st_size)
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", watched)
    result = run("--dir", str(sample), "log", "marie-dupont", "Lunch")
    monkeypatch.undo()
    assert result.code == 1
    assert "contacts/marie-dupont.yaml is 600.0 MiB; the limit is 1 MiB" in result.err
    assert all(size <= 1024 * 1024 for size in read_sizes)
    assert path.stat().st_size == 600 * 1024 * 1024


def test_a_linked_contacts_folder_is_read_and_written_through(
    run: Runner, sample: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    (sample / "contacts").rename(elsewhere)
    (sample / "contacts").symlink_to(elsewhere)
    assert run("--dir", str(sample), "log", "marie-dupont", "Lunch").code == 0
    assert "note: Lunch" in (elsewhere / "marie-dupont.yaml").read_text(encoding="utf-8")
    assert run("--dir", str(sample), "check").code == 0


def test_a_linked_contact_file_is_read_but_never_written(
    run: Runner, sample: Path, tmp_path: Path
) -> None:
    target = tmp_path / "marie.yaml"
    (sample / "contacts" / "marie-dupont.yaml").rename(target)
    (sample / "contacts" / "marie-dupont.yaml").symlink_to(target)
    before = target.read_bytes()
    assert "Marie Dupont" in run("--dir", str(sample), "show", "marie-dupont").out
    result = run("--dir", str(sample), "log", "marie-dupont", "Lunch")
    assert result.code == 1
    assert "contacts/marie-dupont.yaml is a symbolic link; reseau only writes regular files" in (
        result.err
    )
    assert target.read_bytes() == before


# import files that never end ------------------------------------------------------------------


def _reseau(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reseau", *args],
        capture_output=True,
        text=True,
        timeout=timeout,  # a hang fails the test instead of stopping the suite
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        check=False,
    )


@pytest.mark.parametrize("kind", ["vcard", "linkedin", "google"])
def test_an_import_from_a_pipe_or_a_device_is_refused(
    sample: Path, tmp_path: Path, kind: str
) -> None:
    fifo = tmp_path / "contacts.fifo"
    os.mkfifo(fifo)
    link = tmp_path / "zero.vcf"
    link.symlink_to("/dev/zero")
    before = _snapshot(sample)
    for source in (fifo, Path("/dev/zero"), link):
        result = _reseau("--dir", str(sample), "import", kind, str(source))
        assert result.returncode == 1
        assert result.stderr == (
            f"reseau: {source} is not a regular file; export the contacts to a file first\n"
        )
    assert _snapshot(sample) == before


def test_an_import_file_over_the_limit_is_refused(sample: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.vcf"
    with open(big, "wb") as handle:
        handle.truncate(101 * 1024 * 1024)
    result = _reseau("--dir", str(sample), "import", "vcard", str(big))
    assert result.returncode == 1
    assert "big.vcf is 101.0 MiB; import files are limited to 100 MiB" in result.stderr


# bytes typed on the command line --------------------------------------------------------------

LATIN1_CAFE = "Caf\udce9"  # what Python makes of b"Caf\xe9" typed in a Latin-1 terminal


@pytest.mark.parametrize(
    ("args", "where"),
    [
        (("add", LATIN1_CAFE), "the argument"),
        (("add", "Ada Lovelace", "--company", LATIN1_CAFE), "the value of --company"),
        (("add", "Ada Lovelace", "--city", LATIN1_CAFE), "the value of --city"),
        (("add", "Ada Lovelace", "--tag", LATIN1_CAFE), "the value of --tag"),
        (("add", "Ada Lovelace", "--phone", LATIN1_CAFE), "the value of --phone"),
        (("add", "Ada Lovelace", f"--company={LATIN1_CAFE}"), "the value of --company"),
        (("week", "--done", "--note", LATIN1_CAFE), "the value of --note"),
        (("log", "marie-dupont", LATIN1_CAFE), "the argument"),
    ],
)
def test_an_argument_that_is_not_utf8_is_one_clear_line(
    run: Runner, sample: Path, args: tuple[str, ...], where: str
) -> None:
    before = _snapshot(sample)
    result = run("--dir", str(sample), *args)
    assert result.code == 2
    assert result.err == (
        f"reseau: {where} 'Caf\\xe9' is not UTF-8 (byte 0xE9); set the terminal to UTF-8 "
        "(for example LANG=fr_FR.UTF-8) and type it again\n"
    )
    assert _snapshot(sample) == before


def test_real_non_utf8_bytes_from_a_terminal(sample: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reseau", "--dir", str(sample), "add", b"Caf\xe9"],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "src"), "LC_ALL": "C.UTF-8"},
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert b"is not UTF-8 (byte 0xE9)" in result.stderr
    assert b"internal error" not in result.stderr


@pytest.mark.parametrize("option", ["--company", "--city", "--role", "--tag", "--notes"])
def test_an_escape_sequence_is_refused_in_every_typed_text(
    run: Runner, sample: Path, option: str
) -> None:
    before = _snapshot(sample)
    result = run("--dir", str(sample), "add", "Ada Lovelace", option, "\x1b]52;c;SGk=\x07ACME")
    assert result.code == 2
    assert f"the value of {option}" in result.err
    assert "holds a control character (U+001B)" in result.err
    assert "\x1b" not in result.err
    assert _snapshot(sample) == before


def test_a_path_is_its_own_bytes(run: Runner, sample: Path, tmp_path: Path) -> None:
    odd = os.fsencode(tmp_path) + b"/caf\xe9.vcf"
    with open(odd, "wb") as handle:
        handle.write(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n")
    result = run("--dir", str(sample), "import", "vcard", os.fsdecode(odd), "--dry-run")
    assert result.code == 0, result.err
    assert "not UTF-8" not in result.err


def test_an_intro_builds_its_text_from_cleaned_names(run: Runner, sample: Path) -> None:
    path = sample / "contacts" / "paul-bernard.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: Paul Bernard", 'name: "Paul\\e[31m Bernard"'), "utf-8")
    assert run("--dir", str(sample), "check").code == 0
    result = run("--dir", str(sample), "intro", "marie-dupont", "paul-bernard", "Export")
    assert result.code == 0, result.err
    marie = (sample / "contacts" / "marie-dupont.yaml").read_text(encoding="utf-8")
    assert "gave: Introduction to Paul Bernard" in marie
    assert "\x1b" not in marie


# full disks -----------------------------------------------------------------------------------

CARDS = "".join(
    f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {n:03d}\r\nEMAIL:p{n}@example.org\r\nEND:VCARD\r\n"
    for n in range(20)
)


def test_an_import_cut_short_by_a_full_disk_changes_nothing_and_runs_again(
    run: Runner, empty_network: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reseau.files import transaction

    cards = tmp_path / "cards.vcf"
    cards.write_text(CARDS, encoding="utf-8")
    real_write = transaction.write_atomic
    written: list[Path] = []

    def full_after_seven(path: Path, data: bytes, **kwargs: Any) -> None:
        if len(written) == 8:  # the journal, then seven contacts
            raise OSError(28, "No space left on device")
        real_write(path, data, **kwargs)
        written.append(path)

    monkeypatch.setattr(transaction, "write_atomic", full_after_seven)
    result = run("--dir", str(empty_network), "import", "vcard", str(cards))
    monkeypatch.undo()
    assert (result.code, result.err) == (
        1,
        "reseau: could not write contacts/person-007.yaml (No space left on device); "
        "nothing was changed\n",
    )
    assert list((empty_network / "contacts").glob("*.yaml")) == []
    assert not (empty_network / ".reseau-journal").exists()
    again = run("--dir", str(empty_network), "import", "vcard", str(cards))
    assert again.code == 0, again.err
    assert len(list((empty_network / "contacts").glob("*.yaml"))) == 20


def test_a_full_disk_at_the_first_cache_write_leaves_no_empty_file(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reseau.files import cache, writer

    monkeypatch.setattr(cache.time, "time_ns", lambda: 10**20)  # every file old enough
    real_write = writer.write_atomic

    def full(path: Path, data: bytes, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer, "write_atomic", full)
    assert run("--dir", str(sample), "week").code == 0
    ignore = sample / ".reseau-cache" / ".gitignore"
    assert not ignore.exists()
    monkeypatch.setattr(writer, "write_atomic", real_write)
    assert run("--dir", str(sample), "week").code == 0
    assert ignore.read_text(encoding="utf-8") == "*\n"


# concurrent writers ---------------------------------------------------------------------------


def test_add_rereads_under_the_lock_what_changed_since_it_read(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder is read before the lock; a contact written meanwhile is still seen."""
    from reseau.actions import add

    real_lock = add.folder_lock

    def lock_after_another_writer(root: Path) -> Any:
        write_network(root, {"contacts/ada-king.yaml": "name: Ada King\nemails: [ada@x.org]\n"})
        return real_lock(root)

    monkeypatch.setattr(add, "folder_lock", lock_after_another_writer)
    result = run("--dir", str(sample), "add", "Ada Lovelace", "--email", "ada@x.org")
    assert result.code == 1
    assert "e-mail ada@x.org is already in contacts/ada-king.yaml" in result.err
    assert not (sample / "contacts" / "ada-lovelace.yaml").exists()


def test_four_adds_at_once_all_succeed(sample: Path) -> None:
    names = ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Emmy Noether"]
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "reseau", "--dir", str(sample), "add", name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for name in names
    ]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    slugs = {p.stem for p in (sample / "contacts").glob("*.yaml")}
    assert {"ada-lovelace", "grace-hopper", "alan-turing", "emmy-noether"} <= slugs


# problems that hide others, line endings ------------------------------------------------------


def test_a_tag_early_in_a_file_hides_no_later_problem(run: Runner, sample: Path) -> None:
    write_network(
        sample,
        {
            "contacts/zoe-tag.yaml": (
                "name: !!str Zoé\ncompany: &c Acme\nrole: *c\nstatus: sleeping\n"
            )
        },
    )
    result = run("--dir", str(sample), "check")
    lines = [line for line in result.out.splitlines() if line.startswith("contacts/zoe-tag")]
    assert [line.split(":")[1] for line in lines] == ["1", "2", "3", "4"]
    assert "tags are not allowed" in lines[0]
    assert "anchors and aliases" in lines[1] and "anchors and aliases" in lines[2]
    assert "status" in lines[3]


@pytest.mark.parametrize("ending", ["\r", "\x85"])
def test_cr_only_and_nel_files_are_refused_with_a_clear_line(
    run: Runner, sample: Path, ending: str
) -> None:
    text = ending.join(["name: Zoé Mac", "company: Acme", "city: Lyon", ""])
    path = sample / "contacts" / "zoe-mac.yaml"
    path.write_bytes(text.encode("utf-8"))
    check = run("--dir", str(sample), "check")
    assert check.code == 1
    assert (
        "contacts/zoe-mac.yaml:1: lines end with CR alone or NEL (U+0085); save the file with "
        "LF (or CRLF) line endings"
    ) in check.out
    result = run("--dir", str(sample), "log", "zoe-mac", "Lunch")
    assert result.code == 1
    assert path.read_bytes() == text.encode("utf-8")
