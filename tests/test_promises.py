"""Promises: made with `promise` or `log --next`, kept with `promise done`, due in the week,
shown by `show`, counted by `stats`, exported to the calendar."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import Runner, write_network
from reseau.actions.promise import parse_due
from reseau.files.dates import DateError
from reseau.files.model import Contact, validated
from reseau.method.promises import keeping, open_promises

TODAY = date(2026, 11, 30)  # a Monday

ANN = """\
name: Ann Dupont   # a client
emails: [ann@example.com]
interactions:
  - {date: 2026-11-02, kind: call, note: Catch-up}
notes: |
  Keep it short.
"""


@pytest.fixture
def small(empty_network: Path) -> Path:
    return write_network(empty_network, {"contacts/ann-dupont.yaml": ANN})


def _text(root: Path) -> str:
    return (root / "contacts" / "ann-dupont.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-08", date(2026, 12, 8)),
        ("today", TODAY),
        ("tomorrow", date(2026, 12, 1)),
        ("demain", date(2026, 12, 1)),
        ("vendredi", date(2026, 12, 4)),
        ("monday", TODAY),
        ("Friday", date(2026, 12, 4)),
        ("sunday", date(2026, 12, 6)),
        ("2026-11-01", date(2026, 11, 1)),
        ("fri", date(2026, 12, 4)),
        ("3 days ago", date(2026, 11, 27)),
    ],
)
def test_due_date_forms(text: str, expected: date) -> None:
    assert parse_due(text, TODAY) == expected


@pytest.mark.parametrize("text", ["next week", "08/12", "2026-02-30", "3000-01-01"])
def test_due_date_refusals(text: str) -> None:
    with pytest.raises(DateError):
        parse_due(text, TODAY)


def test_promise_is_written_before_the_notes_and_keeps_the_rest(run: Runner, small: Path) -> None:
    before = _text(small)
    result = run("--dir", str(small), "promise", "ann", "the broker's name", "--by", "friday")
    assert result.code == 0, result.err
    assert "Ann Dupont: 1 open promise" in result.out
    head, tail = before.split("notes: |")
    assert _text(small) == (
        head + "promises:\n  - what: the broker's name\n    by: 2026-12-04\n"
        "    made: 2026-11-30\nnotes: |" + tail
    )


def test_log_next_writes_the_interaction_and_the_promise_at_once(run: Runner, small: Path) -> None:
    result = run(
        "--dir", str(small), "log", "ann", "Lunch", "--date", "2026-11-27",
        "--next", "send the broker's name", "--by", "2026-12-08",
    )  # fmt: skip
    assert result.code == 0, result.err
    contact = validated(Contact, _show(run, small)["_raw"])
    assert [i.note for i in contact.interactions] == ["Catch-up", "Lunch"]
    [promise] = contact.promises
    assert (promise.what, promise.by, promise.made) == (
        "send the broker's name", date(2026, 12, 8), date(2026, 11, 27)
    )  # fmt: skip
    assert "# a client" in _text(small)


def _show(run: Runner, root: Path) -> dict[str, object]:
    result = run("--dir", str(root), "show", "ann", "--json")
    assert result.code == 0, result.err
    detail = json.loads(result.out)
    raw = {k: v for k, v in detail.items() if k not in ("slug", "file", "computed")}
    return {**detail, "_raw": raw}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--next", "x"], "--next needs --by"),
        (["--by", "friday"], "only with --next"),
        (["--next", "x", "--by", "someday"], "'someday' is not a date"),
    ],
)
def test_log_next_and_by_go_together(
    run: Runner, small: Path, args: list[str], message: str
) -> None:
    before = _text(small)
    result = run("--dir", str(small), "log", "ann", "Lunch", *args)
    assert result.code == 2
    assert message in result.err
    assert _text(small) == before


def test_a_blank_promise_is_refused(run: Runner, small: Path) -> None:
    result = run("--dir", str(small), "promise", "ann", "  ", "--by", "friday")
    assert result.code == 1
    assert "the promise is empty" in result.err
    assert "promises" not in _text(small)


def test_done_closes_the_only_promise_and_logs_it(run: Runner, small: Path) -> None:
    run("--dir", str(small), "promise", "ann", "the broker's name", "--by", "2026-12-04")
    result = run("--dir", str(small), "promise", "done", "ann", "--log")
    assert result.code == 0, result.err
    assert "Ann Dupont: kept on time; 0 open promises" in result.out
    text = _text(small)
    assert "    done: 2026-11-30\n" in text
    assert "  - {date: 2026-11-30, kind: message, gave: the broker's name}\npromises:" in text
    again = run("--dir", str(small), "promise", "done", "ann")
    assert again.code == 1
    assert "has no open promise" in again.err


def test_done_needs_a_number_among_several_and_numbers_by_date(run: Runner, small: Path) -> None:
    run("--dir", str(small), "promise", "ann", "later one", "--by", "2026-12-20")
    run("--dir", str(small), "promise", "ann", "sooner one", "--by", "2026-12-02")
    unsure = run("--dir", str(small), "promise", "done", "ann")
    assert unsure.code == 1
    assert "2 open promises; say which: 1: sooner one (by 2026-12-02); 2: later one" in unsure.err
    shown = run("--dir", str(small), "show", "ann").out
    assert "    1. sooner one: by 2026-12-02, promised on 2026-11-30\n" in shown
    assert run("--dir", str(small), "promise", "done", "ann", "3").code == 1
    result = run("--dir", str(small), "promise", "done", "ann", "2", "--date", "2026-11-29")
    assert result.code == 0, result.err
    contact = validated(Contact, _show(run, small)["_raw"])
    assert [(p.what, p.done) for p in contact.promises] == [
        ("later one", date(2026, 11, 29)),
        ("sooner one", None),
    ]


def test_the_week_puts_due_and_late_promises_first(run: Runner, small: Path) -> None:
    for what, by in [("late", "2026-11-20"), ("due", "2026-12-06"), ("next week", "2026-12-07")]:
        run("--dir", str(small), "promise", "ann", what, "--by", by)
    data = json.loads(run("--dir", str(small), "week", "--json").out)
    kept = [item for item in data["items"] if item["section"] == "keep"]
    assert [(i["action"], i["reason"]) for i in kept] == [
        ("keep your promise: late", "10 days late (due Fri 20 Nov) · promised on 30 Nov 2026"),
        ("keep your promise: due", "due Sun 6 Dec · promised on 30 Nov 2026"),
    ]
    assert data["items"][0]["section"] == "keep"
    assert {i["kind"] for i in kept} == {"promise"}
    # Ann is past her rhythm, but keeping the promise is the touch: she is named once.
    assert [i["section"] for i in data["items"] if "ann-dupont" in i["contacts"]] == [
        "keep",
        "keep",
    ]
    text = run("--dir", str(small), "week").out
    assert text.index("KEEP    what you promised") < text.index("PLAN")


def test_no_promise_no_keep_section(run: Runner, small: Path) -> None:
    assert "KEEP" not in run("--dir", str(small), "week").out


def test_a_dormant_contacts_promise_is_not_in_the_week(run: Runner, small: Path) -> None:
    path = small / "contacts" / "ann-dupont.yaml"
    path.write_text(ANN + "status: dormant\n", encoding="utf-8")
    run("--dir", str(small), "promise", "ann", "late", "--by", "2026-11-20")
    data = json.loads(run("--dir", str(small), "week", "--json").out)
    assert not [item for item in data["items"] if item["section"] == "keep"]


def _contact(*promises: str) -> Contact:
    return validated(Contact, {"name": "X", "promises": [json.loads(p) for p in promises]})


def test_keeping_counts_on_time_late_and_open_late() -> None:
    contact = _contact(
        '{"what": "a", "by": "2026-11-10", "done": "2026-11-09"}',  # on time
        '{"what": "b", "by": "2026-11-10", "done": "2026-11-10"}',  # on time, the day itself
        '{"what": "c", "by": "2026-11-10", "done": "2026-11-12"}',  # late
        '{"what": "d", "by": "2026-11-29"}',  # open and late
        '{"what": "e", "by": "2026-11-30"}',  # due today: not counted yet
        '{"what": "f", "by": "2026-12-10", "done": "2026-11-20"}',  # kept ahead of time
        '{"what": "g", "by": "2025-11-01", "done": "2025-11-01"}',  # over a year ago
    )
    kept = keeping([contact], TODAY)
    assert (kept.due, kept.kept_on_time, kept.kept_late, kept.open_late) == (5, 3, 1, 1)
    assert kept.percent == 60
    assert [p.promise.what for p in open_promises(contact)] == ["d", "e"]


def test_stats_counts_promises_kept_on_time(run: Runner, small: Path) -> None:
    before = json.loads(run("--dir", str(small), "stats", "--json").out)["recommendations"][5]
    run("--dir", str(small), "promise", "ann", "late", "--by", "2026-11-20")
    run("--dir", str(small), "promise", "ann", "also late", "--by", "2026-11-21")
    run("--dir", str(small), "promise", "ann", "kept", "--by", "2026-11-25")
    run("--dir", str(small), "promise", "done", "ann", "3", "--date", "2026-11-24")
    line = json.loads(run("--dir", str(small), "stats", "--json").out)["recommendations"][5]
    assert line["figure"].endswith(" · promises kept on time: 1 of 3")
    assert (line["promises_due"], line["promises_kept_on_time"], line["promises_open_late"]) == (
        3,
        1,
        2,
    )
    assert line["score"] == round((before["score"] + 33) / 2)
    assert "keep the 2 late promises (reseau week, keep)" in line["advice"]


def test_ics_has_the_open_promises_on_their_day(run: Runner, small: Path) -> None:
    from icalendar import Calendar

    run("--dir", str(small), "promise", "ann", "late one", "--by", "2026-11-20")
    run("--dir", str(small), "promise", "ann", "soon", "--by", "2026-12-08")
    run("--dir", str(small), "promise", "ann", "kept", "--by", "2026-12-09")
    run("--dir", str(small), "promise", "done", "ann", "3")
    out = run("--dir", str(small), "export", "ics").out
    events = {
        str(e["uid"]): e for e in Calendar.from_ical(out).walk("VEVENT") if "promise" in e["uid"]
    }
    assert sorted(events) == [
        "promise-ann-dupont-late-one@reseau",
        "promise-ann-dupont-soon@reseau",
    ]
    late, soon = (
        events["promise-ann-dupont-late-one@reseau"],
        events["promise-ann-dupont-soon@reseau"],
    )
    assert str(late["summary"]) == "Promised to Ann Dupont: late one"
    assert late.decoded("dtstart") == TODAY  # a late promise shows on today
    assert "Due 2026-11-20" in str(late["description"])
    assert soon.decoded("dtstart") == date(2026, 12, 8)


def test_a_promise_in_a_file_is_checked(run: Runner, empty_network: Path) -> None:
    write_network(
        empty_network,
        {
            "contacts/bob.yaml": (
                "name: Bob\npromises:\n  - what: x\n    by: 2026-02-30\n  - by: 2026-12-01\n"
            )
        },
    )
    result = run("--dir", str(empty_network), "check")
    assert result.code == 1
    assert "contacts/bob.yaml:4: promises[1].by: '2026-02-30' is not a date" in result.out
    assert "contacts/bob.yaml:5: promises[2].what:" in result.out


def test_the_sample_network_has_promises_in_its_week(run: Runner, sample: Path) -> None:
    data = json.loads(run("--dir", str(sample), "week", "--json").out)
    kept = [item for item in data["items"] if item["section"] == "keep"]
    assert [item["contacts"] for item in kept] == [["claire-dubois"], ["thomas-bernard"]]
