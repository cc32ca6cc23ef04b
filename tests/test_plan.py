"""reseau plan [QUARTER] and reseau plan done ITEM: states, progress, focus, marking done."""

from __future__ import annotations

import dataclasses
import json
import os
import stat
from datetime import date
from pathlib import Path

import pytest

from conftest import Runner, assert_golden
from reseau.files.model import Contact, Plan, validated
from reseau.files.yamlio import parse_text
from reseau.method.plans import item_states, plan_progress


def plan_of(text: str) -> Plan:
    data = parse_text(text, "plan").data
    assert data is not None
    return Plan.model_validate(data)


def contact_of(text: str) -> Contact:
    data = parse_text(text, "contact").data
    assert data is not None
    return validated(Contact, data)


# The sample network's plan shows every state.


def test_sample_plan_text(run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS")  # piped: every column whole (tests/golden has the widths)
    result = run("--dir", str(sample), "plan")
    assert result.code == 0, result.err
    assert_golden("plan-piped.txt", result.out)
    assert result.err == ""


def test_sample_plan_has_every_state(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "plan", "--json")
    assert result.code == 0
    report = json.loads(result.out)
    states = [(i["number"], i["section"], i["state"], i["done_on"]) for i in report["items"]]
    assert states == [
        (1, "meet", "done", "2026-10-22"),
        (2, "meet", "done", "2026-11-05"),
        (3, "meet", "late", None),
        (4, "meet", "late", None),
        (5, "meet", "this week", None),
        (6, "meet", "this week", None),
        (7, "meet", "later", None),
        (8, "animate", "done", "2026-10-15"),
        (9, "animate", "this week", None),
        (10, "animate", "later", None),
        (11, "reputation", "done", "2026-10-28"),
        (12, "reputation", "late", None),
        (13, "reputation", "this week", None),
    ]
    assert report["items"][0]["done_by"] is None
    assert report["items"][1]["done_by"] == {
        "date": "2026-11-05",
        "kind": "meal",
        "note": "Lunch, she is looking for a robotics integrator partner",
    }


def test_sample_plan_json_progress_and_focus(run: Runner, sample: Path) -> None:
    report = json.loads(run("--dir", str(sample), "plan", "2026-Q4", "--json").out)
    assert (report["quarter"], report["file"], report["today"], report["week"]) == (
        "2026-Q4",
        "plans/2026-Q4.yaml",
        "2026-11-30",
        "2026-W49",
    )
    assert report["progress"] == {
        "meet": {"done": 2, "total": 7, "percent": 29},
        "animate": {"done": 1, "total": 3, "percent": 33},
        "reputation": {"done": 1, "total": 3, "percent": 33},
        "overall": {"done": 4, "total": 13, "percent": 31},
    }
    assert report["focus"] == [
        {
            "circle": "clients",
            "members": 11,
            "met": 5,
            "met_contacts": [
                "agnes-girard",
                "chloe-lambert",
                "claire-dubois",
                "elodie-fournier",
                "marie-dupont",
            ],
        },
        {"circle": "export", "members": 9, "met": 0, "met_contacts": []},
    ]
    item = report["items"][8]
    assert item == {
        "number": 9,
        "section": "animate",
        "state": "this week",
        "done_on": None,
        "done_by": None,
        "what": "Clients' afterwork in Lyon",
        "on": "2026-12-03",
        "invite": ["clients", "nicolas-perrin"],
        "done": None,
        "carried": None,
    }


# Choosing the quarter: Typer's group routes what is not a subcommand to `show`.


@pytest.mark.parametrize(
    "args",
    [("plan",), ("plan", "2026-Q4"), ("plan", "show"), ("plan", "show", "2026-Q4")],
)
def test_the_quarter_argument_and_the_default(
    run: Runner, sample: Path, args: tuple[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS")
    result = run("--dir", str(sample), *args)
    assert result.code == 0, result.err
    assert_golden("plan-piped.txt", result.out)


def test_json_before_the_quarter(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "plan", "--json", "2026-Q4")
    assert result.code == 0
    assert json.loads(result.out)["quarter"] == "2026-Q4"


def test_today_picks_the_current_quarter(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "--today", "2027-01-05", "plan")
    assert result.code == 1
    assert result.out == ""
    assert result.err == (
        "reseau: no plan for 2027-Q1 (plans/2027-Q1.yaml); `reseau plan new 2027-Q1` drafts one\n"
    )


def test_a_quarter_without_a_plan(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "plan", "2026-Q3")
    assert result.code == 1
    assert "no plan for 2026-Q3 (plans/2026-Q3.yaml)" in result.err


@pytest.mark.parametrize("text", ["2026-Q5", "2026-4", "Q4"])
def test_a_malformed_quarter_is_a_usage_error(run: Runner, sample: Path, text: str) -> None:
    result = run("--dir", str(sample), "plan", text)
    assert result.code == 2
    assert f"'{text}' is not a quarter; write it like 2026-Q4" in result.err


def test_a_mistyped_subcommand_is_suggested(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "plan", "nwe")
    assert result.code == 2
    assert "did you mean `reseau plan new`?" in result.err


def test_help_lists_the_subcommands(run: Runner) -> None:
    result = run("plan", "--help")
    assert result.code == 0
    listed = result.out.split("Commands:")[1].strip().split("\n\n")[0].splitlines()
    assert [line.split()[0] for line in listed] == ["show", "new", "done"]


def test_an_invalid_plan_file_is_named(run: Runner, sample: Path) -> None:
    path = sample / "plans" / "2026-Q4.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("by: 2026-11-20", "by: soon", 1))
    result = run("--dir", str(sample), "plan")
    assert result.code == 1
    assert (
        "reseau: plans/2026-Q4.yaml does not validate; run `reseau check` and fix it first"
        in result.err
    )


def test_a_plan_whose_quarter_disagrees_with_its_name_warns(run: Runner, sample: Path) -> None:
    path = sample / "plans" / "2026-Q4.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("quarter: 2026-Q4", "quarter: 2026-Q3")
    )
    result = run("--dir", str(sample), "plan")
    assert result.code == 0
    assert result.err == "reseau: plans/2026-Q4.yaml says quarter 2026-Q3; run `reseau check`\n"


def test_data_never_reaches_the_terminal_as_escapes(run: Runner, empty_network: Path) -> None:
    (empty_network / "plans" / "2026-Q4.yaml").write_text(
        'quarter: 2026-Q4\nreputation:\n  - what: "\\e[31mred\\e[0m \\a"\n    by: 2026-12-01\n',
        encoding="utf-8",
    )
    result = run("--dir", str(empty_network), "plan")
    assert result.code == 0
    assert "\x1b" not in result.out and "\x07" not in result.out
    assert "\n1  this week  2026-12-01  red\n" in result.out
    assert "0 of 1 item done (0%)\n\nfocus: none (add objectives under focus: in the plan)\n" in (
        result.out
    )


# The done rules, on inline plans.

QUARTER_PLAN = """\
quarter: 2026-Q4
meet:
  - {contact: ana, by: 2026-11-10, done: 2026-10-03}
  - {contact: ana, by: 2026-12-20}
  - {contact: bob, by: 2026-11-27}
  - {contact: bob, by: 2026-12-06}
  - {contact: cy}
  - {contact: gone, by: 2026-12-07}
animate:
  - {what: Breakfast, on: 2026-12-01}
reputation:
  - {what: Article}
"""


def contacts_for_rules() -> dict[str, Contact]:
    return {
        "ana": contact_of(
            "name: Ana\ninteractions:\n  - {date: 2026-09-30, kind: meal}\n"
            "  - {date: 2026-10-20, kind: meeting}\n"
        ),
        "bob": contact_of(
            "name: Bob\ninteractions:\n  - {date: 2026-10-20, kind: video}\n"
            "  - {date: 2026-11-02, kind: event, in_person: false}\n"
            "  - {date: 2026-12-10, kind: meal}\n"
        ),
        "cy": contact_of(
            "name: Cy\ninteractions:\n  - {date: 2026-11-12, kind: call, in_person: true}\n"
        ),
    }


def states_on(today: date) -> list[tuple[str, date | None]]:
    plan = plan_of(QUARTER_PLAN)
    return [(s.state, s.done_on) for s in item_states(plan, contacts_for_rules(), today)]


def test_done_rules_on_a_monday() -> None:
    assert states_on(date(2026, 11, 30)) == [
        ("done", date(2026, 10, 3)),  # its own done date wins
        ("done", date(2026, 10, 20)),  # met in person inside the quarter (not the 30 Sept meal)
        ("late", None),  # a video and a remote event do not count
        ("this week", None),  # by Sunday 6 December
        ("done", date(2026, 11, 12)),  # a call marked in_person counts
        ("later", None),  # a contact that does not exist is simply not met
        ("this week", None),
        ("later", None),  # no date: later until the quarter ends
    ]


def test_a_meeting_after_today_does_not_count_yet() -> None:
    assert states_on(date(2026, 12, 9))[2:4] == [("late", None), ("late", None)]
    assert states_on(date(2026, 12, 10))[2:4] == [
        ("done", date(2026, 12, 10)),
        ("done", date(2026, 12, 10)),
    ]


def test_an_undated_item_is_late_once_the_quarter_is_over() -> None:
    assert states_on(date(2027, 1, 4))[-1] == ("late", None)


def test_progress_counts_and_focus_members() -> None:
    plan = plan_of(QUARTER_PLAN + "focus: [team]\n")
    contacts = contacts_for_rules()
    contacts["ana"] = dataclasses.replace(contacts["ana"], circles=("team",))
    contacts["bob"] = dataclasses.replace(contacts["bob"], circles=("team",))
    contacts["cy"] = dataclasses.replace(contacts["cy"], circles=("team",), status="dormant")
    progress = plan_progress(plan, contacts, date(2026, 11, 30))
    assert {k: (v.done, v.total) for k, v in progress.sections.items()} == {
        "meet": (3, 6),
        "animate": (0, 1),
        "reputation": (0, 1),
    }
    assert (progress.overall.done, progress.overall.total, progress.overall.percent) == (3, 8, 38)
    assert [(f.circle, f.members, f.met) for f in progress.focus] == [
        ("team", ("ana", "bob"), ("ana",))
    ]


# reseau plan done ITEM


def plan_text(sample: Path) -> str:
    return (sample / "plans" / "2026-Q4.yaml").read_text(encoding="utf-8")


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    old, new = before.splitlines(), after.splitlines()
    assert len(old) == len(new)
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


def test_done_by_contact_sets_todays_date_and_nothing_else(run: Runner, sample: Path) -> None:
    before = plan_text(sample)
    contact = (sample / "contacts" / "lucia-hernandez.yaml").read_text(encoding="utf-8")
    result = run("--dir", str(sample), "plan", "done", "lucia")
    assert result.code == 0, result.err
    assert result.out == (
        "plans/2026-Q4.yaml: item 3 done on 2026-11-30: meet Lucía Hernández\n"
        "added to contacts/lucia-hernandez.yaml:\n"
        "  - date: 2026-11-30\n"
        "    kind: meeting\n"
    )
    assert changed_lines(before, plan_text(sample)) == [("    done: null", "    done: 2026-11-30")]
    after = (sample / "contacts" / "lucia-hernandez.yaml").read_text(encoding="utf-8")
    assert after == contact.replace("notes: |", "  - date: 2026-11-30\n    kind: meeting\nnotes: |")
    report = json.loads(run("--dir", str(sample), "plan", "--json").out)
    assert report["items"][2]["state"] == "done"
    assert report["items"][2]["done_on"] == "2026-11-30"


@pytest.mark.parametrize("kind", ["meal", "repas"])
def test_a_meet_item_done_is_a_meeting_the_agenda_sees(
    run: Runner, sample: Path, kind: str
) -> None:
    def in_agenda() -> list[str]:
        data = json.loads(run("--dir", str(sample), "week", "--json").out)
        return [i["section"] for i in data["items"] if "lucia-hernandez" in i["contacts"]]

    assert "plan" in in_agenda()
    result = run(
        "--dir", str(sample), "plan", "done", "3", "--kind", kind, "--note", "Lunch in Lyon"
    )
    assert result.code == 0, result.err
    assert "    kind: meal\n    note: Lunch in Lyon\n" in result.out
    assert in_agenda() in ([], ["give"])  # no longer to meet; giving back is another matter
    shown = json.loads(run("--dir", str(sample), "show", "lucia", "--json").out)
    assert shown["computed"]["last_met"] == "2026-11-30"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--kind", "call"), "'call' is not a kind of meeting in person; use one of: meeting"),
        (("--kind", "appel"), "'appel' is not a kind of meeting in person; use one of: meeting"),
        (("--note", "bad\x1b[31m"), "holds a control character"),
    ],
)
def test_a_meet_item_refuses_a_bad_meeting_and_writes_nothing(
    run: Runner, sample: Path, args: tuple[str, ...], message: str
) -> None:
    files = [sample / "plans" / "2026-Q4.yaml", sample / "contacts" / "lucia-hernandez.yaml"]
    before = [path.read_bytes() for path in files]
    result = run("--dir", str(sample), "plan", "done", "3", *args)
    assert result.code in (1, 2)
    assert message in result.err
    assert [path.read_bytes() for path in files] == before


def test_an_invalid_contact_file_stops_both_writes(run: Runner, sample: Path) -> None:
    contact = sample / "contacts" / "lucia-hernandez.yaml"
    contact.write_text(contact.read_text(encoding="utf-8") + "strength: 9\n", encoding="utf-8")
    before = [contact.read_bytes(), (sample / "plans" / "2026-Q4.yaml").read_bytes()]
    result = run("--dir", str(sample), "plan", "done", "3")
    assert result.code == 1
    assert "contacts/lucia-hernandez.yaml" in result.err
    assert [contact.read_bytes(), (sample / "plans" / "2026-Q4.yaml").read_bytes()] == before


def test_done_by_number(run: Runner, sample: Path) -> None:
    before = plan_text(sample)
    result = run("--dir", str(sample), "plan", "done", "12")
    assert result.code == 0
    assert result.out == (
        "plans/2026-Q4.yaml: item 12 done on 2026-11-30: reputation Article on export financing\n"
    )
    assert changed_lines(before, plan_text(sample)) == [("    done: null", "    done: 2026-11-30")]
    after = plan_of(plan_text(sample))
    assert after.reputation[1].done == date(2026, 11, 30)
    assert [i.done for i in after.meet] == [date(2026, 10, 22), None, None, None, None, None, None]


def test_done_by_a_full_name_with_accents(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "plan", "done", "jurgen strauss")
    assert result.code == 0, result.err
    assert plan_of(plan_text(sample)).meet[5].done == date(2026, 11, 30)


@pytest.mark.parametrize(
    ("item", "detail"),
    [
        ("1", "  done on 2026-10-22"),
        (
            "claire",
            "  met in person on 2026-11-05 (meal): "
            "Lunch, she is looking for a robotics integrator partner",
        ),
    ],
)
def test_an_item_already_done_is_left_alone(
    run: Runner, sample: Path, item: str, detail: str
) -> None:
    before = (sample / "plans" / "2026-Q4.yaml").read_bytes()
    result = run("--dir", str(sample), "plan", "done", item)
    assert result.code == 0
    assert "is already done" in result.out.splitlines()[0]
    assert result.out.splitlines()[1] == detail
    assert (sample / "plans" / "2026-Q4.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("14", "reseau: no item 14 in plans/2026-Q4.yaml: it has 13"),
        ("0", "reseau: no item 0 in plans/2026-Q4.yaml: it has 13"),
        ("agnes", "reseau: Agnès Girard (agnes-girard) has no meet item in plans/2026-Q4.yaml"),
        ("jean", "reseau: 'jean' matches 2 contacts; say which:"),
        ("nobody", "reseau: no contact matches 'nobody'"),
        ("²", "reseau: no contact matches '²'"),
    ],
)
def test_done_refuses_what_it_cannot_find(
    run: Runner, sample: Path, item: str, message: str
) -> None:
    before = (sample / "plans" / "2026-Q4.yaml").read_bytes()
    result = run("--dir", str(sample), "plan", "done", item)
    assert result.code == 1
    assert result.err.startswith(message)
    assert (sample / "plans" / "2026-Q4.yaml").read_bytes() == before


def test_done_needs_the_current_quarters_plan(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "--today", "2027-02-01", "plan", "done", "1")
    assert result.code == 1
    assert "no plan for 2027-Q1" in result.err


def test_done_refuses_a_read_only_plan(run: Runner, sample: Path) -> None:
    path = sample / "plans" / "2026-Q4.yaml"
    os.chmod(path, stat.S_IRUSR | stat.S_IRGRP)
    result = run("--dir", str(sample), "plan", "done", "3")
    assert result.code == 1
    assert "plans/2026-Q4.yaml is read-only" in result.err
    assert plan_of(path.read_text(encoding="utf-8")).meet[2].done is None


def test_done_adds_the_key_to_a_flow_item_and_keeps_comments(
    run: Runner, empty_network: Path
) -> None:
    path = empty_network / "plans" / "2026-Q4.yaml"
    path.write_text(
        "# my plan\r\nquarter: 2026-Q4\r\nreputation:\r\n"
        "  - {what: Talk, by: 2026-12-10}   # the big one\r\n",
        encoding="utf-8",
    )
    result = run("--dir", str(empty_network), "plan", "done", "1")
    assert result.code == 0, result.err
    assert path.read_bytes() == (
        b"# my plan\r\nquarter: 2026-Q4\r\nreputation:\r\n"
        b"  - {what: Talk, by: 2026-12-10, done: 2026-11-30}   # the big one\r\n"
    )


def test_done_picks_the_first_undone_item_of_a_contact(run: Runner, empty_network: Path) -> None:
    (empty_network / "contacts" / "ana-lopez.yaml").write_text("name: Ana López\n")
    path = empty_network / "plans" / "2026-Q4.yaml"
    path.write_text(
        "quarter: 2026-Q4\nmeet:\n"
        "  - {contact: ana-lopez, done: 2026-10-01}\n"
        "  - {contact: ana-lopez}\n"
        "  - {contact: ana-lopez}\n",
        encoding="utf-8",
    )
    result = run("--dir", str(empty_network), "plan", "done", "López")
    assert result.code == 0, result.err
    assert result.out.startswith(
        "plans/2026-Q4.yaml: item 2 done on 2026-11-30: meet Ana López\n"
        "added to contacts/ana-lopez.yaml:\n"
    )
    assert [i.done for i in plan_of(path.read_text(encoding="utf-8")).meet] == [
        date(2026, 10, 1),
        date(2026, 11, 30),
        None,
    ]


def test_done_accepts_the_slug_of_a_contact_without_a_file(
    run: Runner, empty_network: Path
) -> None:
    path = empty_network / "plans" / "2026-Q4.yaml"
    path.write_text("quarter: 2026-Q4\nmeet:\n  - contact: left-town\n    done:\n")
    result = run("--dir", str(empty_network), "plan", "done", "left-town")
    assert result.code == 0, result.err
    assert result.out.splitlines()[1] == (
        "  left-town has no file in contacts/: the meeting is recorded nowhere else"
    )
    assert (
        path.read_text()
        == "quarter: 2026-Q4\nmeet:\n  - contact: left-town\n    done: 2026-11-30\n"
    )


def test_the_contact_is_written_before_the_plan(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both files go through one operation journal; should the plan still be left behind
    (a hand-made copy, say), the meeting on file marks the item done."""
    from reseau.files import transaction

    order: list[str] = []
    real = transaction.write_atomic

    def spy(path: Path, data: bytes, *, exclusive: bool = False) -> None:
        order.append(path.relative_to(sample).as_posix())
        real(path, data, exclusive=exclusive)

    monkeypatch.setattr(transaction, "write_atomic", spy)
    result = run("--dir", str(sample), "plan", "done", "3")
    assert result.code == 0, result.err
    assert order == [".reseau-journal", "contacts/lucia-hernandez.yaml", "plans/2026-Q4.yaml"]
    # the plan untouched, the meeting on file
    monkeypatch.setattr(transaction, "write_atomic", real)
    plan = sample / "plans" / "2026-Q4.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("done: 2026-11-30", "done: null"), "utf-8"
    )
    report = json.loads(run("--dir", str(sample), "plan", "--json").out)
    assert report["items"][2]["state"] == "done"
