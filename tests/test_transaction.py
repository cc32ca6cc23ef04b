"""Several files all or nothing: the operation journal, and commands killed at every step."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SAMPLE_PARTS, Runner
from faults import kill_at_every_step
from reseau.files import transaction
from reseau.files.store import load_network
from reseau.files.transaction import Operation, decode, encode
from reseau.files.writer import folder_lock

VCARDS = """\
BEGIN:VCARD
VERSION:3.0
FN:Ada Lovelace
EMAIL:ada@example.org
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Marie Dupont
EMAIL:marie@example.org
TEL:+33 6 99 88 77 66
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Grace Hopper
EMAIL:grace@example.org
END:VCARD
"""


def copy_sample(root: Path) -> None:
    root.mkdir(parents=True)
    for part in SAMPLE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, root / part)
        else:
            shutil.copy2(source, root / part)


def test_a_journal_round_trips_every_kind_of_operation() -> None:
    operations = [
        Operation("write", "contacts/a.yaml", b"name: A\n"),
        Operation("create", "contacts/b.yaml", "name: Bé\n".encode()),
        Operation("remove", "contacts/c.yaml"),
        Operation("move", "contacts/e.yaml", b"name: E\n", source="contacts/d.yaml"),
    ]
    assert decode(encode(operations)) == operations


@pytest.mark.parametrize("cut", [1, 20, -30, -1])
def test_a_torn_journal_is_not_applied(cut: int) -> None:
    raw = encode([Operation("write", "contacts/a.yaml", b"name: A\n")])
    assert decode(raw[:cut]) is None


@pytest.mark.parametrize(
    "path", ["../outside.yaml", "/etc/passwd", "contacts/../../x.yaml", "contacts/.x.yaml", "a.sh"]
)
def test_a_journal_never_writes_outside_the_network_files(path: str) -> None:
    raw = encode([Operation("write", path, b"x")])
    assert decode(raw) is None


def test_the_next_writer_finishes_a_whole_journal_and_drops_a_torn_one(sample: Path) -> None:
    marie = sample / "contacts" / "marie-dupont.yaml"
    whole = encode([Operation("write", "contacts/marie-dupont.yaml", b"name: Marie\n")])
    (sample / ".reseau-journal").write_bytes(whole[:-5])
    with folder_lock(sample):
        pass
    assert b"interactions" in marie.read_bytes()
    assert not (sample / ".reseau-journal").exists()
    (sample / ".reseau-journal").write_bytes(whole)
    with folder_lock(sample):
        pass
    assert marie.read_bytes() == b"name: Marie\n"
    assert not (sample / ".reseau-journal").exists()


def test_a_reader_finishes_an_interrupted_operation_before_reading(sample: Path) -> None:
    journal = encode([Operation("write", "contacts/marie-dupont.yaml", b"name: Marie D\n")])
    (sample / ".reseau-journal").write_bytes(journal)
    assert load_network(sample).contacts["marie-dupont"].name == "Marie D"
    assert not transaction.has_pending(sample)


def test_intro_killed_at_every_step_leaves_both_files_or_neither(tmp_path: Path) -> None:
    old, new, steps = kill_at_every_step(copy_sample, tmp_path, "intro", "marie", "paul")
    changed = sorted(path for path in new if new[path] != old.get(path))
    assert changed == ["contacts/marie-dupont.yaml", "contacts/paul-bernard.yaml"]
    assert steps >= 10


def test_import_killed_at_every_step_then_run_again_creates_no_duplicate(
    tmp_path: Path,
) -> None:
    cards = tmp_path / "people.vcf"
    cards.write_text(VCARDS, encoding="utf-8")
    args = ("import", "vcard", str(cards))
    old, new, _ = kill_at_every_step(copy_sample, tmp_path, *args, rerun=True)
    created = sorted(set(new) - set(old))
    assert created == ["contacts/ada-lovelace.yaml", "contacts/grace-hopper.yaml"]
    assert new["contacts/marie-dupont.yaml"] != old["contacts/marie-dupont.yaml"]


KILLED_AT_SECOND_OPERATION = """\
import os, sys
from reseau.files import transaction
real, count = transaction.apply, [0]

def apply(root, operation):
    count[0] += 1
    if count[0] == 2:
        os._exit(9)
    real(root, operation)

transaction.apply = apply
from reseau.cli.main import main
sys.argv = ["reseau", "--dir", sys.argv[1], *sys.argv[2:]]
main()
"""


def intro_killed_at_its_second_operation(root: Path) -> None:
    args = ("intro", "claire-dubois", "anja-schroder", "robotics")
    env = {**os.environ, "RESEAU_TODAY": "2026-11-30", "NO_COLOR": "1"}
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_AT_SECOND_OPERATION, str(root), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert killed.returncode == 9, killed.stderr
    assert transaction.has_pending(root)


HAND_EDIT = "# added by hand after the crash\n"
PAIR = ("contacts/anja-schroder.yaml", "contacts/claire-dubois.yaml")


def test_a_file_edited_after_a_crash_is_never_overwritten(run: Runner, sample: Path) -> None:
    intro_killed_at_its_second_operation(sample)
    for relpath in PAIR:
        with (sample / relpath).open("a", encoding="utf-8") as file:
            file.write(HAND_EDIT)
    edited = {relpath: (sample / relpath).read_bytes() for relpath in PAIR}
    listed = run("--dir", str(sample), "list")
    assert listed.code == 0, listed.err
    assert "interrupted operation was not finished" in listed.err
    assert {relpath: (sample / relpath).read_bytes() for relpath in PAIR} == edited
    assert transaction.has_pending(sample)
    checked = run("--dir", str(sample), "check")
    assert checked.code == 1
    for relpath in PAIR:
        assert f"{relpath}: changed after a crash interrupted" in checked.out
    written = run("--dir", str(sample), "log", "marie-dupont", "a call")
    assert written.code == 1
    assert "delete .reseau-journal" in written.err
    assert {relpath: (sample / relpath).read_bytes() for relpath in PAIR} == edited


def test_once_the_journal_is_deleted_the_edited_files_are_kept(run: Runner, sample: Path) -> None:
    intro_killed_at_its_second_operation(sample)
    claire = sample / "contacts" / "claire-dubois.yaml"
    with claire.open("a", encoding="utf-8") as file:
        file.write(HAND_EDIT)
    (sample / ".reseau-journal").unlink()
    assert run("--dir", str(sample), "check").code == 0
    assert claire.read_text(encoding="utf-8").endswith(HAND_EDIT)


def test_a_crash_with_files_untouched_since_is_still_finished(sample: Path) -> None:
    old = {relpath: (sample / relpath).read_bytes() for relpath in PAIR}
    intro_killed_at_its_second_operation(sample)
    load_network(sample)
    assert not transaction.has_pending(sample)
    assert all((sample / relpath).read_bytes() != old[relpath] for relpath in PAIR)
