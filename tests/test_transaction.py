"""Several files all or nothing: the operation journal, and commands killed at every step."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO, SAMPLE_PARTS
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
