"""Text from files and file names reaches the terminal and the exports cleaned: no escape."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest

from conftest import Runner

ESCAPED_SLUG = "zed\x1b[31mx"  # a file name holding a colour sequence
CLEANED_PATH = "contacts/zedx.yaml"


def assert_no_escape(text: str) -> None:
    """No ESC, BEL, C1 or direction override; line endings (\\r\\n, \\n) are allowed."""
    bad = [
        ch
        for ch in text
        if (ord(ch) < 0x20 and ch not in "\r\n") or 0x7F <= ord(ch) < 0xA0 or ch == "\u202e"
    ]
    assert bad == []


def write_escaped_contact(root: Path, text: str = "name: Zed\n") -> None:
    (root / "contacts" / f"{ESCAPED_SLUG}.yaml").write_text(text, encoding="utf-8")


def test_an_intro_with_an_escape_in_with_prints_as_text(run: Runner, empty_network: Path) -> None:
    (empty_network / "contacts" / "ann.yaml").write_text(
        "name: Ann\ninteractions:\n"
        '  - {date: 2026-11-02, kind: intro, with: ["x\\e]0;TITLE\\a"]}\n',
        encoding="utf-8",
    )
    result = run("--dir", str(empty_network), "show", "ann")
    assert result.code == 0, result.err
    assert_no_escape(result.out)
    assert "    2026-11-02  x (x)" in result.out.splitlines()


def test_show_prints_the_file_name_cleaned(run: Runner, empty_network: Path) -> None:
    write_escaped_contact(empty_network)
    result = run("--dir", str(empty_network), "show", "zed")
    assert result.code == 0, result.err
    assert_no_escape(result.out)
    assert result.out.splitlines()[0] == f"Zed  ({CLEANED_PATH})"


def test_log_and_qualify_print_the_file_name_cleaned(run: Runner, empty_network: Path) -> None:
    write_escaped_contact(empty_network)
    logged = run("--dir", str(empty_network), "log", "zed", "Coffee")
    assert logged.code == 0, logged.err
    assert_no_escape(logged.out)
    assert logged.out.splitlines()[0] == f"added to {CLEANED_PATH}:"
    qualified = run("--dir", str(empty_network), "qualify", "zed", "--strength", "2")
    assert qualified.code == 0, qualified.err
    assert_no_escape(qualified.out)
    assert qualified.out.splitlines()[0] == f"qualified Zed ({CLEANED_PATH})"


def test_edit_says_restored_with_the_file_name_cleaned(
    run: Runner, empty_network: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_escaped_contact(empty_network)
    editor = tmp_path / "break.py"
    editor.write_text(
        "import pathlib, sys\n"
        "pathlib.Path(sys.argv[-1]).write_text('name: Zed\\nstatus: retired\\n')\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    result = run("--dir", str(empty_network), "edit", "zed", stdin="r\n")
    assert result.code == 0, result.err
    assert_no_escape(result.out)
    assert result.out.endswith(f"{CLEANED_PATH}: restored as it was before the edit\n")


def test_an_import_merging_into_an_escaped_file_name_reports_it_cleaned(
    run: Runner, empty_network: Path, tmp_path: Path
) -> None:
    write_escaped_contact(empty_network, "name: Zed\nemails: [zed@example.org]\n")
    card = tmp_path / "zed.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zed\r\nEMAIL:zed@example.org\r\n"
        "TEL:+33 6 00 00 00 01\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    result = run("--dir", str(empty_network), "import", "vcard", str(card))
    assert result.code == 0, result.err
    assert_no_escape(result.out)
    assert result.out.splitlines()[0].startswith("merged  zedx  zed.vcf:1")


# exports, to the terminal or to a file --------------------------------------------------------


@pytest.fixture
def hostile(empty_network: Path) -> Path:
    (empty_network / "contacts" / "mallory.yaml").write_text(
        'name: "Mallory \\e[31mRed\\e[0m\\u202e"\ncompany: "Evil\\e]52;c;eA==\\a Inc"\n'
        'emails: ["m\\e[2J@example.org"]\ntags: ["t\\u202eag"]\n'
        'notes: "line one \\e]0;TITLE\\a\\nline two\\x9b31m\\a"\n',
        encoding="utf-8",
    )
    return empty_network


def test_csv_export_cleans_every_text_and_keeps_note_lines(run: Runner, hostile: Path) -> None:
    result = run("--dir", str(hostile), "export", "csv", "--private")
    assert result.code == 0, result.err
    assert_no_escape(result.out)
    (row,) = csv.DictReader(io.StringIO(result.out))
    assert (row["name"], row["company"], row["emails"], row["tags"]) == (
        "Mallory Red",
        "Evil Inc",
        "m@example.org",
        "tag",
    )
    assert row["notes"] == "line one \nline two31m"


def test_csv_export_to_a_file_is_cleaned_too(run: Runner, hostile: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    assert run("--dir", str(hostile), "export", "csv", "-o", str(target)).code == 0
    text = target.read_text(encoding="utf-8")
    assert_no_escape(text)
    assert "Mallory Red" in text


def test_vcard_export_cleans_every_text_and_keeps_note_lines(run: Runner, hostile: Path) -> None:
    import vobject

    result = run("--dir", str(hostile), "export", "vcard", "--private")
    assert result.code == 0, result.err
    assert_no_escape(result.out)
    card = vobject.readOne(result.out)
    assert card.fn.value == "Mallory Red"
    assert card.org.value == ["Evil Inc"]
    assert card.email.value == "m@example.org"
    assert card.note.value == "line one \nline two31m"


def test_ics_export_cleans_every_text(run: Runner, hostile: Path) -> None:
    from icalendar import Calendar

    result = run("--dir", str(hostile), "export", "ics")
    assert result.code == 0, result.err
    assert_no_escape(result.out)
    summaries = [str(e["summary"]) for e in Calendar.from_ical(result.out).walk("VEVENT")]
    assert summaries == ["Networking ritual", "Follow up: Mallory Red"]
