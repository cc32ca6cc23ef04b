"""reseau week: the text and JSON faces, the layouts, and --done."""

from __future__ import annotations

import io
import json
import os
import stat
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Runner, assert_golden
from reseau.cli.week import Style, agenda_lines
from reseau.files.text import width


def qualification(level: int) -> str:
    return (
        f"qualification: {{strength: {level}, sharing: {level}, pleasure: {level},"
        f" efficiency: {level}, influence: {{lyon: {level}}}}}\n"
    )


FILES = {
    "reseau.yaml": (
        "owner: Camille Martin\nritual: {minutes: 75}\n"
        "objectives: {clients: {cadence_days: 60}, pairs: {}}\nterritories: [lyon]\n"
    ),
    "contacts/ann-dupont.yaml": "name: Ann Dupont\ncircles: [clients]\n" + qualification(3),
    "contacts/bob-leroy.yaml": (
        "name: Bob Leroy\ncircles: [pairs]\nsince: 2026-10-15\n" + qualification(2)
    ),
    "contacts/cat-moreau.yaml": (
        "name: Cat Moreau\ncircles: [clients]\n" + qualification(2) + "interactions:\n"
        "  - {date: 2026-06-01, kind: meeting, note: Visited the plant}\n"
    ),
    "contacts/dan-petit.yaml": (
        "name: Dan Petit\ncircles: [pairs]\ntags: [robotics]\n"
        + qualification(2)
        + "interactions:\n"
        "  - {date: 2026-11-02, kind: meeting, received: A referral}\n"
    ),
    "contacts/eve-roux.yaml": (
        "name: Eve Roux\ncircles: [clients]\ntags: [robotics]\n"
        + qualification(1)
        + "interactions:\n"
        "  - {date: 2026-11-02, kind: meal}\n"
    ),
    "plans/2026-Q4.yaml": (
        "quarter: 2026-Q4\n"
        "meet: [{contact: ann-dupont, why: renew the contract, channel: lunch, by: 2026-12-02}]\n"
        "animate: [{what: Afterwork, on: 2026-12-03, invite: [clients]}]\n"
    ),
    "journal.yaml": (
        "sessions:\n  - {date: 2026-11-16, minutes: 120}\n  - {date: 2026-11-23, minutes: 180}\n"
    ),
}


@pytest.fixture
def small(tmp_path: Path) -> Path:
    root = tmp_path / "small"
    for relpath, text in FILES.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def week(run: Runner, root: Path, *args: str) -> dict[str, object]:
    result = run("--dir", str(root), "week", "--json", *args)
    assert result.code == 0, result.err
    value = json.loads(result.out)
    assert isinstance(value, dict)
    return value


# the text face ---------------------------------------------------------------------------------


def test_the_agenda_in_80_columns(
    run: Runner, small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = run("--dir", str(small), "week")
    assert (result.code, result.err) == (0, "")
    assert_golden("week-small-80.txt", result.out)


def test_every_section_shows_real_items_on_the_sample(run: Runner, sample: Path) -> None:
    data = week(run, sample)
    items = data["items"]
    assert isinstance(items, list)
    sections = {item["section"] for item in items}
    assert sections == {"keep", "plan", "meet", "touch", "give", "events"}
    assert {item["kind"] for item in items} >= {"meet", "touch", "give", "intro", "event"}
    text = run("--dir", str(sample), "week").out
    for header in ("PLAN", "MEET", "TOUCH", "GIVE", "EVENTS", "HEALTH"):
        assert f"\n{header} " in text or f"\n{header}\n" in text
    assert "nothing this week" not in text


def test_80_columns_fit_and_the_items_take_two_lines(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    lines = run("--dir", str(sample), "week").out.splitlines()
    assert max(width(line) for line in lines) <= 80
    minutes_lines = [n for n, line in enumerate(lines) if line[:6].strip().endswith("m")]
    assert minutes_lines and all(lines[n + 1].startswith(" " * 8) for n in minutes_lines)


def test_a_wide_terminal_gets_one_line_an_item(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    out = run("--dir", str(sample), "week").out
    lines = out.splitlines()
    assert max(width(line) for line in lines) <= 160
    planned = week(run, sample)
    items = planned["items"]
    assert isinstance(items, list)
    item_lines = [line for line in lines if line[:6].strip().endswith("m")]
    assert len(item_lines) == len(items)
    assert all(line.startswith("   ") for line in item_lines)


def test_not_a_terminal_means_aligned_lines_never_cut(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS")
    out = run("--dir", str(sample), "week").out
    data = week(run, sample)
    items = data["items"]
    assert isinstance(items, list)
    for item in items:
        assert item["reason"] in out and item["action"] in out
    assert "\x1b" not in out
    rows = [line for line in out.splitlines() if line[:6].strip().endswith("m")]
    starts = {
        width(line[: line.index(item["action"])]) for line, item in zip(rows, items, strict=True)
    }
    assert len(starts) == 1  # the action column is aligned


def test_colour_only_for_a_terminal_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "xterm")
    assert Style.for_stream(Tty()).enabled
    assert not Style.for_stream(io.StringIO()).enabled
    monkeypatch.setenv("NO_COLOR", "1")
    assert not Style.for_stream(Tty()).enabled


def test_data_never_brings_escape_sequences_even_in_colour(tmp_path: Path, small: Path) -> None:
    from datetime import date

    from reseau.files.store import load_network
    from reseau.method.agenda import week_agenda

    path = small / "contacts" / "bob-leroy.yaml"
    text = path.read_text(encoding="utf-8").replace("Bob Leroy", '"Bob\\e]0;owned\\aLeroy\\e[31m"')
    path.write_text(text, encoding="utf-8")
    agenda = week_agenda(load_network(small), date(2026, 11, 30))
    coloured = "\n".join(agenda_lines(agenda, Style(True), 80))
    assert "]0;owned" not in coloured and "BobLeroy" in coloured
    assert coloured.count("\x1b[") == coloured.count("\x1b[0m") * 2  # every style opens, closes
    plain = "\n".join(agenda_lines(agenda, Style(False), None))
    assert "\x1b" not in plain and "\x07" not in plain


def test_an_empty_network_says_nothing_to_do(run: Runner, empty_network: Path) -> None:
    result = run("--dir", str(empty_network), "week")
    assert result.code == 0
    assert result.out.count("nothing this week") == 5
    assert "0 of 240 minutes planned · everything fits" in result.out
    assert "no session recorded yet" in result.out


def test_an_unknown_duration_key_is_named_on_stderr(run: Runner, small: Path) -> None:
    with (small / "reseau.yaml").open("a", encoding="utf-8") as handle:
        handle.write("durations: {meet: 30, coffee: 60, toutch: 5}\n")
    result = run("--dir", str(small), "week", "--json")
    assert result.code == 0
    assert result.err == (
        "reseau.yaml: durations: 'coffee' is not a kind of item; the kinds: meet, touch, give,"
        " intro, event, follow-up, reputation, promise\n"
        "reseau.yaml: durations: 'toutch' is not a kind of item; did you mean 'touch'?\n"
    )
    data = json.loads(result.out)
    assert [(i["section"], i["minutes"]) for i in data["items"] if i["kind"] == "meet"] == [
        ("plan", 30)
    ]
    assert data["more_by_section"]["meet"] == 1  # 30 + the event's 20, then 30 more: too many


# the JSON face ---------------------------------------------------------------------------------


def test_json_shape_field_by_field(run: Runner, small: Path) -> None:
    data = week(run, small)
    assert list(data) == [
        "week",
        "owner",
        "start",
        "end",
        "budget_minutes",
        "planned_minutes",
        "more",
        "more_by_section",
        "items",
        "health",
    ]
    assert data["week"] == "2026-W49"
    assert (data["start"], data["end"]) == ("2026-11-30", "2026-12-06")
    assert (data["budget_minutes"], data["planned_minutes"], data["more"]) == (75, 75, 0)
    assert data["more_by_section"] == {
        "keep": 0,
        "plan": 0,
        "meet": 0,
        "touch": 0,
        "give": 0,
        "events": 0,
    }
    assert data["items"] == [
        {
            "section": "plan",
            "kind": "meet",
            "contacts": ["ann-dupont"],
            "who": "Ann Dupont",
            "action": "arrange to meet: lunch",
            "reason": "due Wed 2 Dec · renew the contract",
            "minutes": 10,
        },
        {
            "section": "meet",
            "kind": "meet",
            "contacts": ["bob-leroy"],
            "who": "Bob Leroy",
            "action": "arrange to meet in person",
            "reason": "never met in person (known since 15 Oct 2026) · tier B, score 67",
            "minutes": 10,
        },
        {
            "section": "touch",
            "kind": "touch",
            "contacts": ["cat-moreau"],
            "who": "Cat Moreau",
            "action": "call or write to keep in touch",
            "reason": "late: 182 days since the last contact, every 60 · last: Visited the plant",
            "minutes": 10,
        },
        {
            "section": "give",
            "kind": "give",
            "contacts": ["dan-petit", "ann-dupont"],
            "who": "Dan Petit",
            "action": "offer an introduction to Ann Dupont (lyon)",
            "reason": "balance -1 over 12 months · they gave on 2 Nov 2026: A referral",
            "minutes": 15,
        },
        {
            "section": "give",
            "kind": "intro",
            "contacts": ["bob-leroy", "cat-moreau"],
            "who": "Bob Leroy",
            "action": "introduce to Cat Moreau",
            "reason": "both influential in lyon · across circles (pairs / clients)",
            "minutes": 10,
        },
        {
            "section": "events",
            "kind": "event",
            "contacts": ["ann-dupont", "cat-moreau", "eve-roux"],
            "who": "Thu 3 Dec",
            "action": "prepare: Afterwork",
            "reason": "invite: clients (3)",
            "minutes": 20,
        },
    ]
    assert data["health"] == {
        "active": 5,
        "dunbar_limit": 150,
        "new_last_90_days": ["bob-leroy"],
        "met_in_person": 3,
        "met_within_days": 365,
        "coverage_percent": 60,
        "streak_weeks": 2,
        "this_week": None,
        "last_session": "2026-11-23",
        "days_since_last_session": 7,
        "weeks_held_of_last_12": 2,
        "sessions_last_12_weeks": 2,
        "minutes_last_12_weeks": 300,
        "reminder": None,
    }


def test_json_counts_what_was_cut(run: Runner, small: Path) -> None:
    path = small / "reseau.yaml"
    path.write_text(path.read_text().replace("minutes: 75", "minutes: 40"), encoding="utf-8")
    data = week(run, small)
    # plan 10 + event 20, then meet 10: 40; touch, give and the introduction are cut.
    assert (data["planned_minutes"], data["more"]) == (40, 3)
    assert data["more_by_section"] == {
        "keep": 0,
        "plan": 0,
        "meet": 0,
        "touch": 1,
        "give": 2,
        "events": 0,
    }


# --done ----------------------------------------------------------------------------------------


def test_done_appends_todays_session_and_prints_the_streak(run: Runner, small: Path) -> None:
    before = (small / "journal.yaml").read_bytes()
    result = run("--dir", str(small), "week", "--done", "--note", "Called Ann")
    assert result.code == 0, result.err
    assert result.out == (
        "recorded the session of 2026-11-30 (75 minutes) in journal.yaml\n"
        "streak: 3 weeks in a row\n"
    )
    after = (small / "journal.yaml").read_bytes()
    assert after == before + b"  - {date: 2026-11-30, minutes: 75, note: Called Ann}\n"


def test_a_back_dated_session_goes_in_its_place(run: Runner, sample: Path) -> None:
    path = sample / "journal.yaml"
    before = path.read_text(encoding="utf-8")
    result = run("--dir", str(sample), "week", "--done", "--today", "2026-10-20", "--note", "Late")
    assert result.code == 0, result.err
    after = path.read_text(encoding="utf-8")
    new_line = "  - {date: 2026-10-20, minutes: 240, note: Late}\n"
    anchor = "  - {date: 2026-10-19, minutes: 210, note: Thank-you notes after the breakfast}\n"
    assert after == before.replace(anchor, anchor + new_line)
    first = run("--dir", str(sample), "week", "--done", "--today", "2025-01-06")
    assert first.code == 0, first.err
    text = path.read_text(encoding="utf-8")
    assert text.index("date: 2025-01-06") < text.index("date: 2025-12-22")
    assert text.startswith(before.split("\n")[0] + "\nsessions:\n  - {date: 2025-01-06")


def test_done_keeps_comments_and_uses_the_minutes_given(run: Runner, small: Path) -> None:
    path = small / "journal.yaml"
    path.write_text("# my ritual\nsessions:  # one a week\n  - {date: 2026-11-23}\n")
    result = run("--dir", str(small), "week", "--done", "--minutes", "95")
    assert result.code == 0
    assert path.read_text() == (
        "# my ritual\nsessions:  # one a week\n  - {date: 2026-11-23}\n"
        "  - {date: 2026-11-30, minutes: 95}\n"
    )


def test_done_twice_the_same_day_changes_nothing_unless_told(run: Runner, small: Path) -> None:
    assert run("--dir", str(small), "week", "--done").code == 0
    once = (small / "journal.yaml").read_bytes()
    again = run("--dir", str(small), "week", "--done")
    assert again.code == 0
    assert again.out == (
        "the session of 2026-11-30 (75 minutes) is already in journal.yaml;"
        " --minutes or --note change it\nstreak: 3 weeks in a row\n"
    )
    assert (small / "journal.yaml").read_bytes() == once


def test_done_again_with_minutes_or_a_note_updates_that_session(run: Runner, small: Path) -> None:
    assert run("--dir", str(small), "week", "--done", "--minutes", "60").code == 0
    result = run("--dir", str(small), "week", "--done", "--minutes", "90", "--note", "Two calls")
    assert result.out.splitlines()[0] == (
        "updated the session of 2026-11-30 (90 minutes) in journal.yaml"
    )
    text = (small / "journal.yaml").read_text()
    assert text.endswith("  - {date: 2026-11-30, minutes: 90, note: Two calls}\n")
    assert text.count("2026-11-30") == 1


def test_done_creates_the_journal_when_missing(run: Runner, small: Path) -> None:
    (small / "journal.yaml").unlink()
    result = run("--dir", str(small), "week", "--done", "--note", 'Calls: "the usual"')
    assert result.code == 0
    assert result.out == (
        "created journal.yaml with the session of 2026-11-30 (75 minutes)\n"
        "streak: 1 week in a row\n"
    )
    assert (small / "journal.yaml").read_text() == (
        "# The weekly ritual: one entry per session, recorded by `reseau week --done`.\n"
        "sessions:\n"
        "  - date: 2026-11-30\n"
        "    minutes: 75\n"
        '    note: "Calls: \\"the usual\\""\n'
    )
    assert run("--dir", str(small), "check").code == 0


def test_done_across_new_year_and_week_53(run: Runner, small: Path) -> None:
    (small / "journal.yaml").write_text(
        "sessions:\n  - {date: 2026-12-21}\n  - {date: 2026-12-28}\n", encoding="utf-8"
    )
    result = run("--dir", str(small), "--today", "2027-01-04", "week", "--done", "--json")
    assert result.code == 0
    assert json.loads(result.out) == {
        "recorded": "added",
        "date": "2027-01-04",
        "streak_weeks": 3,
        "this_week": "2027-01-04",
        "last_session": "2027-01-04",
        "days_since_last_session": 0,
        "weeks_held_of_last_12": 3,
        "sessions_last_12_weeks": 3,
        "minutes_last_12_weeks": 75,
    }


def test_minutes_and_note_need_done(run: Runner, small: Path) -> None:
    result = run("--dir", str(small), "week", "--minutes", "30")
    assert result.code == 2
    assert "only with --done" in result.err


def test_done_refuses_a_read_only_journal(run: Runner, small: Path) -> None:
    path = small / "journal.yaml"
    before = path.read_bytes()
    os.chmod(path, stat.S_IRUSR)
    try:
        result = run("--dir", str(small), "week", "--done")
    finally:
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
    assert result.code == 1
    assert result.err.startswith("reseau: journal.yaml is read-only")
    assert path.read_bytes() == before


def test_done_leaves_an_invalid_journal_alone(run: Runner, small: Path) -> None:
    path = small / "journal.yaml"
    path.write_text("sessions:\n  - {date: 2026-11-31}\n", encoding="utf-8")
    result = run("--dir", str(small), "week", "--done")
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        "reseau: journal.yaml does not validate; fix it first (nothing was written)"
    )
    assert path.read_text() == "sessions:\n  - {date: 2026-11-31}\n"


def test_the_readme_opens_with_the_real_agenda(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """README.md shows `reseau --today 2026-11-30 week` at 80 columns: it must stay true."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    shown = readme.split("```text\n", 1)[1].split("```", 1)[0]
    monkeypatch.setenv("COLUMNS", "80")
    assert run("--dir", str(sample), "week").out == shown


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(note=st.text(min_size=1, max_size=80))
def test_any_note_reads_back_as_written(note: str) -> None:
    """--done --note writes any text (less its control characters) so that the journal
    reads it back exactly."""
    from datetime import date

    from reseau.actions.journal import session_note, write_session
    from reseau.files.store import load_network

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "reseau.yaml").write_text("owner: X\n", encoding="utf-8")
        (root / "journal.yaml").write_text("sessions:\n  - {date: 2026-11-23}\n")
        kept = session_note(note)
        write_session(root, date(2026, 11, 30), 30, kept)
        sessions = load_network(root).journal.sessions
        assert [(s.date.isoformat(), s.minutes, s.note) for s in sessions] == [
            ("2026-11-23", None, None),
            ("2026-11-30", 30, kept),
        ]
