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
    assert "plan-2026-Q4-meet-jurgen-strauss@reseau" in events
    assert "plan-2026-Q4-meet-marie-dupont@reseau" not in events  # done
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


def _ritual_in(run: Runner, root: Path) -> tuple[list[object], object]:
    import recurring_ical_events
    from icalendar import Calendar

    result = run("--dir", str(root), "export", "ics")
    assert result.code == 0, result.err
    calendar = Calendar.from_ical(result.out)
    rituals = [
        event
        for event in recurring_ical_events.of(calendar).between((2026, 11, 1), (2027, 8, 1))
        if str(event["uid"]) == "ritual@reseau"
    ]
    return [event.decoded("dtstart") for event in rituals], calendar


def test_the_ritual_is_at_nine_in_the_network_time_zone(run: Runner, empty_network: Path) -> None:
    from datetime import UTC, datetime

    settings = empty_network / "reseau.yaml"
    settings.write_text(
        settings.read_text() + "timezone: Europe/Paris\nritual: {weekday: tuesday}\n"
    )
    starts, calendar = _ritual_in(run, empty_network)
    assert len(starts) == 35
    assert {(start.weekday(), start.hour, start.minute) for start in starts} == {(1, 9, 0)}
    assert {str(start.tzinfo) for start in starts} == {"Europe/Paris"}
    in_utc = {start.date().isoformat(): start.astimezone(UTC).hour for start in starts}
    assert (in_utc["2026-12-01"], in_utc["2027-07-06"]) == (8, 7)  # winter, summer time
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/Paris"
    assert datetime(2027, 7, 6, 7, tzinfo=UTC) in {start.astimezone(UTC) for start in starts}


def test_without_a_time_zone_the_ritual_is_in_the_system_zone(
    run: Runner, empty_network: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tzlocal

    monkeypatch.setenv("TZ", "America/New_York")
    tzlocal.reload_localzone()  # tzlocal keeps the zone it found first, for the process
    starts, calendar = _ritual_in(run, empty_network)
    assert {(start.hour, str(start.tzinfo)) for start in starts} == {(9, "America/New_York")}
    assert [str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    monkeypatch.undo()
    tzlocal.reload_localzone()


def test_a_time_zone_that_does_not_exist_is_an_error(run: Runner, empty_network: Path) -> None:
    settings = empty_network / "reseau.yaml"
    settings.write_text(settings.read_text() + "timezone: Europe/Lyon\n")
    result = run("--dir", str(empty_network), "check")
    assert result.code == 1
    assert "timezone: 'Europe/Lyon' is not a time zone" in result.out + result.err


def test_plan_item_uids_follow_the_item_not_its_place(run: Runner, sample: Path) -> None:
    from icalendar import Calendar

    def summaries() -> dict[str, str]:
        calendar = Calendar.from_ical(run("--dir", str(sample), "export", "ics").out)
        return {
            str(e["uid"]): str(e["summary"])
            for e in calendar.walk("VEVENT")
            if str(e["uid"]).startswith("plan-")
        }

    before = summaries()
    plan = sample / "plans" / "2026-Q4.yaml"
    text = plan.read_text(encoding="utf-8")
    start = text.index("  - contact: pawel-kowalski")
    end = text.index("  - contact: nguyen-thu-ha")
    plan.write_text(text[:start] + text[end:], encoding="utf-8")
    after = summaries()
    assert after == {uid: s for uid, s in before.items() if "pawel" not in uid}
    assert len(after) == len(before) - 1


def test_the_owner_names_the_calendar(run: Runner, empty_network: Path) -> None:
    from icalendar import Calendar

    settings = empty_network / "reseau.yaml"
    settings.write_text(settings.read_text() + "owner: Camille Martin\n")
    calendar = Calendar.from_ical(run("--dir", str(empty_network), "export", "ics").out)
    assert str(calendar["x-wr-calname"]) == "reseau: Camille Martin"


def test_csv_private_writes_what_was_given_and_received(run: Runner, empty_network: Path) -> None:
    (empty_network / "contacts" / "ann-lee.yaml").write_text(
        "name: Ann Lee\n"
        "tags: [supply chain, supply, chain]\n"
        "interactions:\n"
        "  - {date: 2026-03-02, gave: an intro to Bo}\n"
        "  - {date: 2026-05-04, received: a lead, gave: advice}\n"
        "  - {date: 2027-01-01, gave: not yet}\n",
        encoding="utf-8",
    )
    (public,) = rows(run("--dir", str(empty_network), "export", "csv").out)
    assert "gave" not in public
    assert public["tags"].split("\n") == ["supply chain", "supply", "chain"]
    (row,) = rows(run("--dir", str(empty_network), "export", "csv", "--private").out)
    assert row["gave"] == "2026-03-02: an intro to Bo\n2026-05-04: advice"
    assert row["received"] == "2026-05-04: a lead"


@pytest.mark.parametrize(
    ("command", "promised"),
    [("vcard", ["notes"]), ("csv", ["nature", "score", "tier", "last met", "gave", "balance"])],
)
def test_private_help_says_what_the_export_adds(
    run: Runner, command: str, promised: list[str]
) -> None:
    help_text = " ".join(run("export", command, "--help").out.split())
    assert all(word in help_text for word in promised)
