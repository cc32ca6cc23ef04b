"""reseau import ics: past meetings with contacts become interactions, once each; tested on
calendar files written by other programs (tests/data/calendars, see its README) and on
inline ICS for the edge cases."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import Runner, write_network
from reseau.files.model import Contact
from reseau.files.store import load_network
from reseau.formats.importers.calendar import read_calendar

CALENDARS = Path(__file__).parent / "data" / "calendars"
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def in_paris(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's zone, where the day of a meeting is counted."""
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _people(root: Path, **emails: str) -> Path:
    files = {
        f"contacts/{slug}.yaml": f"name: {slug.title()}\nemails: [{e}]\n"
        for slug, e in emails.items()
    }
    return write_network(root, files)


def _contact(root: Path, slug: str) -> Contact:
    return load_network(root).contacts[slug]


def _import(run: Runner, root: Path, name: str, *args: str) -> str:
    path = CALENDARS / name if "/" not in name else Path(name)
    result = run("--dir", str(root), "import", "ics", str(path), *args)
    assert result.code == 0, result.err
    return result.out


def test_attendees_who_are_contacts_get_the_meeting_once(run: Runner, empty_network: Path) -> None:
    root = _people(
        empty_network,
        jane="JDoe@example.com",  # ACCEPTED; the case of an address does not matter
        henry="hcabot@example.com",  # TENTATIVE, address folded in the file
        boss="iamboss@example.com",  # DELEGATED: still an attendee
        nope="another@example.com",  # DECLINED: did not take part
        stranger="someone@example.org",
    )
    out = _import(run, root, "khal-event_dt_partstat.ics")
    assert "logged on jane (Jane): 1 meeting\n  2014-04-09 09:30  in person  An Event" in out
    jane = _contact(root, "jane").interactions
    assert [(i.date, i.kind, i.is_in_person, i.note, i.uid) for i in jane] == [
        (date(2014, 4, 9), "meeting", True, "An Event", "V042MJ8B3SJNFXQOJL6P53OFMHJE8Z3VZWOU")
    ]
    assert sorted(jane[0].with_) == ["boss", "henry"]
    assert [len(_contact(root, s).interactions) for s in ("henry", "boss", "nope", "stranger")] == [
        1,
        1,
        0,
        0,
    ]
    before = {p: p.read_bytes() for p in (root / "contacts").iterdir()}
    again = _import(run, root, "khal-event_dt_partstat.ics")
    assert again.endswith(
        "0 interactions logged on 0 contacts; 3 events skipped: 3 already logged\n"
    )
    assert {p: p.read_bytes() for p in (root / "contacts").iterdir()} == before


def test_a_teams_series_expands_each_occurrence_as_a_video_call(
    run: Runner, empty_network: Path
) -> None:
    root = _people(empty_network, xx="XX@XXXXXXX.XXX")
    out = _import(run, root, "radicale-event_issue2151.ics", "--today", "2026-03-01")
    interactions = _contact(root, "xx").interactions
    days = [i.date for i in interactions]
    # Fridays from 23 January, the 30th moved to 10:30; nothing after --today
    assert days == [date(2026, 1, 23), date(2026, 1, 30)] + [
        date(2026, 2, d) for d in (6, 13, 20, 27)
    ]
    assert all(i.in_person is False and not i.is_in_person for i in interactions)
    assert len({i.uid for i in interactions}) == 6
    assert "2026-01-30 10:30  video  Billings-task-setting follow-up series" in out
    assert "skipped" not in out  # what has not happened yet is not skipped: it is not due
    later = _import(run, root, "radicale-event_issue2151.ics", "--today", "2026-04-10")
    days = [i.date for i in _contact(root, "xx").interactions]
    assert days[6:] == [date(2026, 3, d) for d in (6, 13, 20, 27)] + [date(2026, 4, 10)]
    assert "6 already logged" in later  # 3 April is an EXDATE: never there


def test_a_cancelled_event_is_skipped(run: Runner, empty_network: Path) -> None:
    root = _people(empty_network, jane="janedoe@example.com", sam="unclesam@example.com")
    out = _import(run, root, "radicale-event10.ics")
    assert out == "0 interactions logged on 0 contacts; 1 event skipped: 1 cancelled\n"
    assert _contact(root, "jane").interactions == ()


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("recurring-ical-events-Germany.ics", "159 all-day"),
        ("icaljs-google_birthday.ics", "3 all-day"),
        ("icalendar-rfc_7986_conferences.ics", "1 no start time"),
        ("recurring-ical-events-issue_18_cancel_status.ics", "1 cancelled"),
        ("khal-event_rrule_recuid_cancelled.ics", "1 cancelled"),
    ],
)
def test_what_cannot_be_a_meeting_is_counted_with_its_reason(
    run: Runner, empty_network: Path, name: str, reason: str
) -> None:
    out = _import(run, empty_network, name, "--dry-run")
    assert reason in out.splitlines()[-1]


def test_every_fixture_reads_without_error(run: Runner, sample: Path) -> None:
    for path in sorted(CALENDARS.glob("*.ics")):
        result = run("--dir", str(sample), "import", "ics", str(path), "--dry-run")
        assert result.code == 0, (path.name, result.err)
        assert result.out.splitlines()[-1].endswith("(dry run: nothing written)")


def test_mixed_case_mailto_and_many_messages_about_one_event(
    run: Runner, empty_network: Path
) -> None:
    """libical's iTIP examples: the same UIDs in requests, replies and updates."""
    root = _people(empty_network, ann="a@example.com")
    _import(run, root, "libical-2446.ics", "--today", "1997-12-31")
    interactions = _contact(root, "ann").interactions
    assert interactions
    assert len({i.uid for i in interactions}) == len(interactions)
    assert all(i.date <= date(1997, 12, 31) for i in interactions)
    out = _import(run, root, "libical-2446.ics", "--today", "1997-12-31")
    assert out.startswith("skipped  ")
    assert "0 interactions logged" in out.splitlines()[-1]


def _ics(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\nDTSTAMP:20260101T000000Z\r\n{e}END:VEVENT\r\n" for e in events)
    return (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{body}END:VCALENDAR\r\n".encode()
    )


UNTIL = datetime(2026, 11, 30, 23, 59, tzinfo=PARIS)


def test_the_day_is_the_day_where_you_are() -> None:
    data = _ics(
        "UID:late\r\nDTSTART:20260303T233000Z\r\nDTEND:20260304T003000Z\r\nSUMMARY:Dinner\r\n"
        "ATTENDEE:mailto:a@example.com\r\n",
        "UID:floating\r\nDTSTART:20260305T080000\r\nSUMMARY:Breakfast\r\n"
        "ORGANIZER:mailto:a@example.com\r\n",
        "UID:tokyo\r\nDTSTART;TZID=Asia/Tokyo:20260306T080000\r\nATTENDEE:mailto:a@example.com\r\n",
    )
    meetings = read_calendar(data, UNTIL, PARIS).meetings
    assert [(m.key, m.start.replace(tzinfo=None)) for m in meetings] == [
        ("late", datetime(2026, 3, 4, 0, 30)),
        ("floating", datetime(2026, 3, 5, 8, 0)),
        ("tokyo", datetime(2026, 3, 6, 0, 0)),
    ]
    assert meetings[0].day == date(2026, 3, 4)
    assert meetings[2].day == date(2026, 3, 6)
    assert meetings[2].title is None


@pytest.mark.parametrize(
    ("extra", "remote"),
    [
        ("LOCATION:Café de la Gare\r\n", False),
        ("LOCATION:Video call\r\n", True),
        ("DESCRIPTION:Join: https://meet.google.com/abc-defg-hij\r\n", True),
        ("X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij\r\n", True),
        ("CONFERENCE;VALUE=URI:https://chat.example.com/audio?id=123456\r\n", True),
        ("LOCATION:Zoom\r\n", True),
        ("LOCATION:visioconférence\r\n", True),
        ("DESCRIPTION:we zoomed in on the figures\r\n", False),
    ],
)
def test_a_video_link_or_the_words_make_it_remote(extra: str, remote: bool) -> None:
    data = _ics(f"UID:x\r\nDTSTART:20260303T100000Z\r\n{extra}ATTENDEE:mailto:a@example.com\r\n")
    [meeting] = read_calendar(data, UNTIL, PARIS).meetings
    assert meeting.remote is remote


def test_past_only_and_declined_left_out() -> None:
    data = _ics(
        "UID:soon\r\nDTSTART:20261130T230000Z\r\nDTEND:20261201T000000Z\r\n"
        "ATTENDEE:mailto:a@example.com\r\n",
        "UID:weekly\r\nDTSTART:20261102T090000Z\r\nRRULE:FREQ=WEEKLY\r\n"
        "ATTENDEE;PARTSTAT=DECLINED:mailto:b@example.com\r\nATTENDEE:MAILTO:A@Example.com\r\n",
    )
    read = read_calendar(data, datetime(2026, 11, 30, 23, 59, tzinfo=PARIS), PARIS)
    assert [m.key for m in read.meetings] == [
        "weekly/20261102T090000Z",
        "weekly/20261109T090000Z",
        "weekly/20261116T090000Z",
        "weekly/20261123T090000Z",
        "weekly/20261130T090000Z",
    ]
    assert {m.emails for m in read.meetings} == {("a@example.com",)}


def test_dry_run_writes_nothing_and_reports(run: Runner, empty_network: Path) -> None:
    root = _people(empty_network, jane="jdoe@example.com")
    before = (root / "contacts" / "jane.yaml").read_bytes()
    out = _import(run, root, "khal-event_dt_partstat.ics", "--dry-run")
    assert out.startswith("would log on jane (Jane): 1 meeting\n")
    assert out.endswith("1 interaction would be logged on 1 contact (dry run: nothing written)\n")
    assert (root / "contacts" / "jane.yaml").read_bytes() == before


def test_the_interaction_goes_in_its_place_and_keeps_the_file(
    run: Runner, empty_network: Path, tmp_path: Path
) -> None:
    text = (
        "name: Jane   # from the fair\nemails: [jdoe@example.com]\ninteractions:\n"
        "  - date: 2010-01-01\n    note: First\n  - date: 2020-01-01\n    note: Later\n"
    )
    write_network(empty_network, {"contacts/jane.yaml": text})
    _import(run, empty_network, "khal-event_dt_partstat.ics")
    after = (empty_network / "contacts" / "jane.yaml").read_text(encoding="utf-8")
    assert after == text.replace(
        "  - date: 2020-01-01",
        "  - date: 2014-04-09\n    kind: meeting\n    note: An Event\n"
        "    uid: V042MJ8B3SJNFXQOJL6P53OFMHJE8Z3VZWOU\n  - date: 2020-01-01",
    )


def test_not_a_calendar_is_one_error(run: Runner, empty_network: Path, tmp_path: Path) -> None:
    path = tmp_path / "x.ics"
    path.write_bytes(b"\xff\xfe not text")
    result = run("--dir", str(empty_network), "import", "ics", str(path))
    assert result.code == 1
    assert result.err.startswith("reseau: x.ics: not UTF-8")
    path.write_text("hello\n", encoding="utf-8")
    result = run("--dir", str(empty_network), "import", "ics", str(path))
    assert result.code == 1
    assert "x.ics:" in result.err
    assert "Traceback" not in result.err


def test_a_zoom_link_folded_inside_an_html_description_is_a_video_call() -> None:
    """Google's export of recurring-ical-events' issue 48: the link is cut by a fold."""
    from icalendar import Calendar

    from reseau.formats.importers.calendar import is_remote

    data = (CALENDARS / "recurring-ical-events-issue_48_daylight_aware_repeats.ics").read_bytes()
    [event] = Calendar.from_ical(data).walk("VEVENT")
    assert is_remote(event)
    event.pop("DESCRIPTION")
    assert not is_remote(event)


def test_a_series_repeating_within_a_day_is_left_out_not_expanded(
    run: Runner, empty_network: Path, tmp_path: Path
) -> None:
    """A rule every second from a month ago would be millions of occurrences."""
    root = _people(empty_network, jane="jane@example.com")
    ics = tmp_path / "clock.ics"
    ics.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
        "UID:tick@example.com\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261101T100000Z\r\n"
        "DTEND:20261101T100001Z\r\nRRULE:FREQ=SECONDLY\r\nSUMMARY:Tick\r\n"
        "ATTENDEE:mailto:jane@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    out = _import(run, root, str(ics), "--dry-run")
    assert "1 repeats more often than daily" in out.splitlines()[-1]
    assert not _contact(root, "jane").interactions
