"""Exports: vCard for phones, CSV for spreadsheets, ICS for calendars; private fields kept out."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import Runner
from reseau.formats.exporters.spreadsheet import neutralise


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("-2", "-2"),
        ("-2 ", "'-2 "),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("\tx", "'\tx"),
        ("+33 6 12 34 56 78", "+33 6 12 34 56 78"),
        ("+1 (555) 010-0199", "+1 (555) 010-0199"),
        ("+33 6 12 34 56 78; +44 20 7946 0958", "+33 6 12 34 56 78; +44 20 7946 0958"),
        ("+49/30.1234-5", "+49/30.1234-5"),
        ("+1+1", "'+1+1"),
        ("+33 6; +1+1", "'+33 6; +1+1"),
        ("+", "'+"),
        ("+ 1", "'+ 1"),
        ("+1\t2", "'+1\t2"),
        ("+1;+1", "'+1;+1"),
        ("+1*2", "'+1*2"),
        ("+33 6 12; 0612345678", "+33 6 12; 0612345678"),
        ("+33 6 12; =1+1", "'+33 6 12; =1+1"),
        ("Marie Dupont", "Marie Dupont"),
        ("0612345678", "0612345678"),
    ],
)
def test_neutralise(cell: str, expected: str) -> None:
    assert neutralise(cell) == expected


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_is_public_by_default(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "export", "csv")
    assert result.code == 0
    table = rows(result.out)
    assert len(table) == len(list((sample / "contacts").iterdir()))
    assert "notes" not in table[0] and "score" not in table[0]
    marie = next(row for row in table if row["slug"] == "marie-dupont")
    assert marie["phones"] == "+33 6 12 34 56 78; 0612345678"


def test_csv_private_adds_the_private_columns(run: Runner, sample: Path) -> None:
    table = rows(run("--dir", str(sample), "export", "csv", "--private").out)
    marie = next(row for row in table if row["slug"] == "marie-dupont")
    assert marie["tier"] == "A"
    assert marie["notes"].startswith("Decides fast")


def test_csv_neutralises_a_formula_name(run: Runner, empty_network: Path) -> None:
    (empty_network / "contacts" / "evil.yaml").write_text(
        "name: '=cmd|'' /C calc''!A0'\nphones: [+33 6 12 34 56 78]\n", encoding="utf-8"
    )
    (row,) = rows(run("--dir", str(empty_network), "export", "csv").out)
    assert row["name"] == "'=cmd|' /C calc'!A0"
    assert row["phones"] == "+33 6 12 34 56 78"


def test_vcard_export_filters_and_keeps_notes_private(run: Runner, sample: Path) -> None:
    public = run("--dir", str(sample), "export", "vcard", "--circle", "export").out
    assert public.count("BEGIN:VCARD") == sum(
        "export" in path.read_text(encoding="utf-8").split("circles:")[1].split("\n")[0]
        for path in (sample / "contacts").iterdir()
    )
    assert "NOTE" not in public
    private = run("--dir", str(sample), "export", "vcard", "--private").out
    assert "NOTE:" in private


def test_vcard_export_to_a_file(run: Runner, sample: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.vcf"
    result = run("--dir", str(sample), "export", "vcard", "-o", str(target))
    assert result.out == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8").startswith("BEGIN:VCARD")


def test_ics_holds_the_ritual_plan_items_and_follow_ups(run: Runner, sample: Path) -> None:
    from icalendar import Calendar

    result = run("--dir", str(sample), "export", "ics", "--weeks", "4")
    assert result.code == 0
    calendar = Calendar.from_ical(result.out)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    ritual = events["ritual@reseau"]
    assert ritual["rrule"]["freq"] == ["WEEKLY"] and ritual["rrule"]["byday"] == ["MO"]
    assert str(ritual.decoded("dtstart").date()) == "2026-11-30"
    assert "plan-2026-Q4-meet-6@reseau" in events
    assert "plan-2026-Q4-meet-1@reseau" not in events  # done
    assert "follow-up-marie-dupont@reseau" in events
    assert str(events["follow-up-marie-dupont@reseau"]["summary"]) == "Follow up: Marie Dupont"


def test_ics_text_cannot_inject_an_event(run: Runner, empty_network: Path) -> None:
    (empty_network / "contacts" / "x.yaml").write_text(
        'name: "X\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:owned"\n', encoding="utf-8"
    )
    from icalendar import Calendar

    result = run("--dir", str(empty_network), "export", "ics")
    events = Calendar.from_ical(result.out).walk("VEVENT")
    assert [str(e["uid"]) for e in events] == ["ritual@reseau", "follow-up-x@reseau"]
    assert str(events[1]["summary"]) == "Follow up: X\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:owned"
    assert "\nSUMMARY:owned" not in result.out.replace("\r\n", "\n")


def test_export_to_a_missing_folder_says_so(run: Runner, sample: Path, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "x.csv"
    result = run("--dir", str(sample), "export", "csv", "-o", str(target))
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"reseau: cannot write {target}: the folder {target.parent} does not exist\n"
    )


def test_export_to_a_folder_says_so(run: Runner, sample: Path, tmp_path: Path) -> None:
    result = run("--dir", str(sample), "export", "csv", "-o", str(tmp_path))
    assert (result.code, result.out) == (1, "")
    assert result.err == f"reseau: {tmp_path} is a folder; give the name of a file to write\n"


def test_export_refuses_a_symbolic_link(run: Runner, sample: Path, tmp_path: Path) -> None:
    target = tmp_path / "target.csv"
    target.write_text("mine\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    result = run("--dir", str(sample), "export", "csv", "-o", str(link))
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"reseau: {link} is a symbolic link; reseau only writes regular files:"
        " give the file itself\n"
    )
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "mine\n"


def test_export_refuses_what_is_not_a_regular_file(
    run: Runner, sample: Path, tmp_path: Path
) -> None:
    import os
    import stat

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = run("--dir", str(sample), "export", "vcard", "-o", str(fifo))
    assert (result.code, result.out) == (1, "")
    assert result.err == f"reseau: {fifo} is not a regular file; reseau only writes regular files\n"
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.parametrize("kind", ["csv", "vcard"])
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--status", "activ"),
            "Invalid value for --status: 'activ' is not a status;"
            " use one of: active, dormant, archived; did you mean 'active'?",
        ),
        (
            ("--circle", "clientz"),
            "Invalid value for --circle: 'clientz' is not an objective of reseau.yaml;"
            " use one of: clients, pairs, export; did you mean 'clients'?",
        ),
    ],
)
def test_an_unknown_filter_value_is_a_usage_error(
    run: Runner, sample: Path, kind: str, args: tuple[str, ...], message: str
) -> None:
    result = run("--dir", str(sample), "export", kind, *args)
    assert (result.code, result.out) == (2, "")
    assert f"Error: {message}\n" in result.err
