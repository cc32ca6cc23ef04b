"""reseau intro: both files or neither, each naming the other, each counting as given."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from conftest import Runner
from reseau.files import transaction


def _path(sample: Path, slug: str) -> Path:
    return sample / "contacts" / f"{slug}.yaml"


def test_intro_writes_both_files(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "intro", "marie", "paul", "Both in the export club")
    assert result.code == 0, result.err
    assert result.out == (
        "added to contacts/marie-dupont.yaml:\n"
        "  - date: 2026-11-30\n"
        "    kind: intro\n"
        "    note: Both in the export club\n"
        "    gave: Introduction to Paul Bernard\n"
        "    with: [paul-bernard]\n"
        "Marie Dupont: last met in person 2026-10-22, balance +4 over the last 365 days\n"
        "added to contacts/paul-bernard.yaml:\n"
        "  - date: 2026-11-30\n"
        "    kind: intro\n"
        "    note: Both in the export club\n"
        "    gave: Introduction to Marie Dupont\n"
        "    with: [marie-dupont]\n"
        "Paul Bernard: last met in person 2026-04-09, balance +2 over the last 365 days\n"
    )
    assert (
        _path(sample, "paul-bernard")
        .read_text(encoding="utf-8")
        .endswith(
            "    gave: Name of a business transfer adviser\n"
            "  - date: 2026-11-30\n"
            "    kind: intro\n"
            "    note: Both in the export club\n"
            "    gave: Introduction to Marie Dupont\n"
            "    with: [marie-dupont]\n"
            "notes: |\n"
            "  Thinking of selling. Keep in touch, the buyer could become a client.\n"
        )
    )


def test_intro_without_a_note_and_back_dated(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "intro", "marie", "paul", "--date", "2026-05-10")
    assert result.code == 0, result.err
    assert (
        "    gave: Benchmark of subcontractors' rates\n"
        "  - date: 2026-05-10\n"
        "    kind: intro\n"
        "    gave: Introduction to Paul Bernard\n"
        "    with: [paul-bernard]\n"
        "  - date: 2026-10-02\n"
    ) in _path(sample, "marie-dupont").read_text(encoding="utf-8")


def test_intro_counts_as_given_for_both(run: Runner, sample: Path) -> None:
    before = run("--dir", str(sample), "show", "paul", "--json")
    assert run("--dir", str(sample), "intro", "marie", "paul").code == 0
    after = run("--dir", str(sample), "show", "paul", "--json")
    assert '"balance": 1,' in before.out
    assert '"balance": 2,' in after.out


def test_intro_to_oneself_is_refused(run: Runner, sample: Path) -> None:
    before = _path(sample, "marie-dupont").read_bytes()
    result = run("--dir", str(sample), "intro", "marie", "marie-dupont")
    assert (result.code, result.err) == (
        1,
        "reseau: marie-dupont cannot be introduced to themselves; name two people\n",
    )
    assert _path(sample, "marie-dupont").read_bytes() == before


def test_an_unknown_second_person_writes_nothing(run: Runner, sample: Path) -> None:
    before = _path(sample, "marie-dupont").read_bytes()
    result = run("--dir", str(sample), "intro", "marie", "zorglub")
    assert (result.code, result.err) == (1, "reseau: no contact matches 'zorglub'\n")
    assert _path(sample, "marie-dupont").read_bytes() == before


def test_a_failure_on_the_second_file_restores_the_first(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _path(sample, "marie-dupont"), _path(sample, "paul-bernard")
    before = first.read_bytes(), second.read_bytes()
    real = transaction.write_atomic
    calls: list[Path] = []

    def second_write_fails(path: Path, data: bytes, **kwargs: Any) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(path, data, **kwargs)

    monkeypatch.setattr(transaction, "write_atomic", second_write_fails)
    result = run("--dir", str(sample), "intro", "marie", "paul")
    assert (result.code, result.err) == (
        1,
        "reseau: could not write contacts/paul-bernard.yaml (No space left on device); "
        "nothing was changed\n",
    )
    journal = sample / ".reseau-journal"
    assert calls == [journal, first, second, second, first]  # written, failed, put back
    assert (first.read_bytes(), second.read_bytes()) == before
    assert sorted(p.name for p in (sample / "contacts").iterdir() if p.name.startswith(".")) == []
    assert not journal.exists()


def test_an_invalid_second_file_is_reported_and_nothing_written(run: Runner, sample: Path) -> None:
    first, second = _path(sample, "marie-dupont"), _path(sample, "paul-bernard")
    second.write_text("name: Paul Bernard\nstatus: retired\n", encoding="utf-8")
    before = first.read_bytes(), second.read_bytes()
    result = run("--dir", str(sample), "intro", "marie", "paul-bernard")
    assert result.code == 1
    assert result.err.splitlines()[-2:] == [
        "reseau: contacts/paul-bernard.yaml does not validate; fix it first (nothing was written)",
        "  contacts/paul-bernard.yaml:2: status: 'retired' is not one of: "
        "active, dormant, archived",
    ]
    assert (first.read_bytes(), second.read_bytes()) == before


def test_a_read_only_second_file_writes_nothing(run: Runner, sample: Path) -> None:
    first, second = _path(sample, "marie-dupont"), _path(sample, "paul-bernard")
    os.chmod(second, 0o444)
    before = first.read_bytes()
    result = run("--dir", str(sample), "intro", "marie", "paul")
    assert result.code == 1
    assert "contacts/paul-bernard.yaml is read-only" in result.err
    assert first.read_bytes() == before


def test_show_lists_the_introduction_on_both_sides(run: Runner, sample: Path) -> None:
    assert run("--dir", str(sample), "intro", "marie", "paul", "Export club").code == 0
    marie = run("--dir", str(sample), "show", "marie").out.splitlines()
    paul = run("--dir", str(sample), "show", "paul").out.splitlines()
    assert "    2026-11-30  Paul Bernard (paul-bernard): Export club" in marie
    assert "    2026-11-30  Marie Dupont (marie-dupont): Export club" in paul
