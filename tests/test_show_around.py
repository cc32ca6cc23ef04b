"""`show SLUG` reads only the contacts linked to SLUG, and prints what a full read prints."""

from __future__ import annotations

from pathlib import Path

import pytest

import reseau.files.filecache as filecache
import reseau.files.store as store
from conftest import REPO, Runner
from reseau.files.store import load_network

SLUGS = sorted(path.stem for path in (REPO / "contacts").glob("*.yaml"))


@pytest.fixture
def warm(sample: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    real = filecache.time.time_ns
    monkeypatch.setattr(filecache.time, "time_ns", lambda: real() + 10 * filecache.SETTLED_NS)
    load_network(sample)
    return sample


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = store.read_file

    def spy(path: Path, relpath: str, *, fast: bool = False) -> object:
        seen.append(relpath)
        return real(path, relpath, fast=fast)

    monkeypatch.setattr(store, "read_file", spy)
    return seen


def show_both_ways(
    run: Runner, root: Path, who: str, monkeypatch: pytest.MonkeyPatch, *args: str
) -> tuple[str, str]:
    around = run("--dir", str(root), "show", who, *args)
    with monkeypatch.context() as patch:
        patch.setattr(store, "load_around", lambda root, slug: load_network(root))
        full = run("--dir", str(root), "show", who, *args)
    assert around.code == full.code
    assert around.err == full.err
    return around.out, full.out


@pytest.mark.parametrize("slug", SLUGS)
def test_show_prints_what_a_full_read_prints(
    run: Runner, warm: Path, slug: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    around, full = show_both_ways(run, warm, slug, monkeypatch, "--json")
    assert around == full


def test_show_reads_only_the_linked_contacts(run: Runner, warm: Path, reads: list[str]) -> None:
    result = run("--dir", str(warm), "show", "jean-martin-2")
    assert result.code == 0, result.err
    read = [path for path in reads if path.startswith("contacts/")]
    assert "contacts/jean-martin-2.yaml" in read
    assert 1 < len(read) < len(SLUGS) // 2


def test_a_file_that_now_names_the_contact_is_seen(
    run: Runner, warm: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = warm / "contacts" / "paul-bernard.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "interactions:\n",
            "interactions:\n  - date: 2026-11-01\n    kind: intro\n    note: Met at the fair\n"
            "    with: [anja-schroder]\n",
            1,
        ),
        encoding="utf-8",
    )
    around, full = show_both_ways(run, warm, "anja-schroder", monkeypatch)
    assert around == full
    assert "Paul Bernard" in around


def test_problems_elsewhere_are_counted_as_in_a_full_read(
    run: Runner, warm: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (warm / "contacts" / "broken.yaml").write_text("name: [open\n", encoding="utf-8")
    around = run("--dir", str(warm), "show", "thomas-bernard")
    assert "skipped 1 invalid file" in around.err
    assert show_both_ways(run, warm, "thomas-bernard", monkeypatch)[0] == around.out


def test_an_invalid_contact_is_an_error_with_its_problems(run: Runner, warm: Path) -> None:
    path = warm / "contacts" / "thomas-bernard.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "nmae: x\n", encoding="utf-8")
    result = run("--dir", str(warm), "show", "thomas-bernard")
    assert result.code == 1
    assert "contacts/thomas-bernard.yaml does not validate" in result.err
    assert "nmae" in result.err


def test_a_file_name_that_is_not_utf8_is_said_as_in_a_full_read(
    run: Runner, warm: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    with open(os.fsencode(warm / "contacts") + b"/x\xff.yaml", "wb") as handle:
        handle.write(b"name: X\n")
    around, full = show_both_ways(run, warm, "marie-dupont", monkeypatch)
    assert around == full
    result = run("--dir", str(warm), "show", "marie-dupont")
    assert "skipped 1 invalid file" in result.err


@pytest.mark.parametrize(
    ("name", "decodable"),
    [("marie-dupont.yaml", True), ("zoé-ñ-😀.yaml", True), ("x\udcff.yaml", False)],
)
def test_a_name_is_decodable_unless_it_holds_bytes_that_are_not_utf8(
    name: str, decodable: bool
) -> None:
    from reseau.files.text import is_decodable

    assert is_decodable(name) is decodable
