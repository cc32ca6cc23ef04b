"""The week's agenda: each section's rule, the budget rule, durations and health."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reseau.files.model import Settings
from reseau.files.store import Network, load_network
from reseau.method.agenda import (
    DEFAULT_MINUTES,
    Agenda,
    Item,
    durations,
    fit,
    take_turns,
    unknown_durations,
    week_agenda,
)

TODAY = date(2026, 11, 30)  # a Monday: the week runs to Sunday 6 December
SETTINGS = (
    "owner: Test Owner\nobjectives: {clients: {cadence_days: 60}, pairs: {}}\nterritories: [lyon]\n"
)
MET = "interactions:\n  - {date: 2026-11-02, kind: meeting, note: Coffee}\n"


def qualified(level: int, extra: str = "", circle: str = "clients", tags: str = "[]") -> str:
    return (
        f"circles: [{circle}]\ntags: {tags}\n"
        f"qualification: {{strength: {level}, sharing: {level}, pleasure: {level},"
        f" efficiency: {level}, influence: {{lyon: {level}}}}}\n{extra}"
    )


def build(tmp_path: Path, files: dict[str, str], settings: str = SETTINGS) -> Network:
    (tmp_path / "contacts").mkdir()
    (tmp_path / "plans").mkdir()
    (tmp_path / "reseau.yaml").write_text(settings, encoding="utf-8")
    for relpath, text in files.items():
        path = tmp_path / relpath
        if relpath.startswith("contacts/") and not text.startswith("name:"):
            text = f"name: {path.stem.title()}\n{text}"
        path.write_text(text, encoding="utf-8")
    network = load_network(tmp_path)
    assert not network.problems, [p.format() for p in network.problems]
    return network


def rows(agenda: Agenda, section: str) -> list[tuple[object, ...]]:
    return [
        (i.kind, list(i.contacts), i.who, i.action, i.reason, i.minutes)
        for i in agenda.kept_in(section)
    ]


def item(minutes: int, section: str = "meet", who: str = "x") -> Item:
    return Item(section, "meet", (who,), who, "do", "why", minutes)


# the budget ----------------------------------------------------------------------------------


def test_fit_keeps_what_fits_in_order_and_tries_the_smaller_ones_after() -> None:
    items = [item(10, who="a"), item(45, who="b"), item(10, who="c"), item(30, who="d")]
    kept, cut = fit(items, 50)
    assert [i.who for i in kept] == ["a", "c", "d"]
    assert [i.who for i in cut] == ["b"]


def test_fit_with_an_exact_budget_and_with_nothing_left() -> None:
    assert [i.who for i in fit([item(20, who="a"), item(20, who="b")], 40)[0]] == ["a", "b"]
    assert fit([item(20)], 0) == ([], [item(20)])


def test_sections_take_turns_best_first() -> None:
    a = [item(1, who="a1"), item(1, who="a2"), item(1, who="a3")]
    b = [item(1, who="b1")]
    c = [item(1, who="c1"), item(1, who="c2")]
    assert [i.who for i in take_turns([a, b, c])] == ["a1", "b1", "c1", "a2", "c2", "a3"]


def test_dated_commitments_come_before_meet_touch_and_give(tmp_path: Path) -> None:
    network = build(
        tmp_path,
        {
            "reseau.yaml": SETTINGS + "ritual: {minutes: 30}\n",
            "plans/2026-Q4.yaml": (
                "quarter: 2026-Q4\n"
                "meet: [{contact: ann, by: 2026-12-02}]\n"
                "animate: [{what: Afterwork, on: 2026-12-03, invite: [bob]}]\n"
            ),
            "contacts/ann.yaml": qualified(3),
            "contacts/bob.yaml": qualified(3),  # never met: a meet item, cut
        },
    )
    agenda = week_agenda(network, TODAY)
    assert [(i.section, i.who) for i in agenda.items] == [("plan", "Ann"), ("events", "Thu 3 Dec")]
    assert [(i.section, i.who) for i in agenda.cut] == [("meet", "Bob"), ("give", "Ann")]
    assert (agenda.budget_minutes, agenda.planned_minutes, agenda.more) == (30, 30, 2)


def test_turns_share_the_budget_between_meet_touch_and_give(tmp_path: Path) -> None:
    late = "interactions:\n  - {date: 2026-06-01, kind: meeting}\n"  # 182 days; clients: 60
    owes = (
        "interactions:\n  - {date: 2026-10-01, kind: meeting, received: A tip}\n"
        "  - {date: 2026-10-02, kind: call, received: Another}\n"
    )
    network = build(
        tmp_path,
        {
            "reseau.yaml": SETTINGS + "ritual: {minutes: 35}\n",
            "contacts/m1.yaml": qualified(3),
            "contacts/m2.yaml": qualified(2),
            "contacts/t1.yaml": qualified(3, late),
            "contacts/t2.yaml": qualified(2, late),
            "contacts/g1.yaml": qualified(3, owes),
        },
    )
    agenda = week_agenda(network, TODAY)
    # m1 10, t1 10, g1 15 = 35: the second of meet, touch and give are cut.
    assert [(i.kind, i.who) for i in agenda.items] == [
        ("meet", "M1"),
        ("touch", "T1"),
        ("give", "G1"),
    ]
    assert [(i.kind, i.who) for i in agenda.cut] == [
        ("meet", "M2"),
        ("touch", "T2"),
        ("intro", "T1"),
    ]


def test_kept_items_come_back_in_section_order(tmp_path: Path) -> None:
    network = build(
        tmp_path,
        {
            "plans/2026-Q4.yaml": "quarter: 2026-Q4\nmeet: [{contact: ann, by: 2026-12-04}]\n",
            "contacts/ann.yaml": qualified(3),
            "contacts/bob.yaml": qualified(3),
        },
    )
    sections = [i.section for i in week_agenda(network, TODAY).items]
    assert sections == ["plan", "meet", "give"]  # chosen: plan, meet, give (ann and bob)


# durations -------------------------------------------------------------------------------------


def test_durations_default_and_override() -> None:
    settings = Settings.model_validate({"durations": {"meet": 25, "touch": 5, "mete": 3}})
    assert durations(Settings()) == DEFAULT_MINUTES
    assert durations(settings) == {**DEFAULT_MINUTES, "meet": 25, "touch": 5}
    assert unknown_durations(settings) == ["mete"]
    assert list(DEFAULT_MINUTES) == [
        "meet",
        "touch",
        "give",
        "intro",
        "event",
        "follow-up",
        "reputation",
        "promise",
    ]


def test_reseau_yaml_durations_set_the_items_minutes(tmp_path: Path) -> None:
    network = build(
        tmp_path,
        {"reseau.yaml": SETTINGS + "durations: {meet: 25}\n", "contacts/ann.yaml": qualified(3)},
    )
    assert [i.minutes for i in week_agenda(network, TODAY).items] == [25]


# plan and events -------------------------------------------------------------------------------

PLAN = """quarter: 2026-Q4
meet:
  - {contact: ann, why: relaunch the project, channel: lunch, by: 2026-11-20}
  - {contact: bob, by: 2026-12-04}
  - {contact: cat, by: 2026-12-20}
  - {contact: dan, by: 2026-11-10}
  - {contact: eve, by: 2026-11-01, done: 2026-10-30}
animate:
  - {what: Breakfast, on: 2026-11-26, invite: [pairs]}
  - {what: Afterwork, on: 2026-12-03, invite: [clients, zed]}
  - {what: Webinar, on: 2026-12-15, invite: [clients]}
reputation:
  - {what: Article, channel: linkedin, by: 2026-11-30}
  - {what: Talk, by: 2026-12-10}
"""


def plan_network(tmp_path: Path) -> Network:
    dan_met = "interactions:\n  - {date: 2026-11-05, kind: meal}\n"
    return build(
        tmp_path,
        {
            "plans/2026-Q4.yaml": PLAN,
            "contacts/ann.yaml": qualified(3),
            "contacts/bob.yaml": qualified(2),
            "contacts/cat.yaml": qualified(2),
            "contacts/dan.yaml": qualified(2, dan_met),
            "contacts/eve.yaml": qualified(2, MET, circle="pairs"),
            "contacts/zed.yaml": qualified(2, MET, circle="pairs"),
            "contacts/old.yaml": qualified(2, MET + "status: dormant\n"),
        },
    )


def test_plan_holds_what_is_late_or_due_by_sunday_and_not_done(tmp_path: Path) -> None:
    agenda = week_agenda(plan_network(tmp_path), TODAY)
    assert rows(agenda, "plan") == [
        (
            "meet",
            ["ann"],
            "Ann",
            "arrange to meet: lunch",
            "10 days late (due Fri 20 Nov) · relaunch the project",
            10,
        ),
        (
            "follow-up",
            ["eve", "zed"],
            "event",
            "follow up: Breakfast (thank, then mark it done)",
            "held 26 Nov 2026, not marked done",
            10,
        ),
        ("reputation", [], "reputation", "work on: Article (linkedin)", "due today", 45),
        ("meet", ["bob"], "Bob", "arrange to meet in person", "due Fri 4 Dec", 10),
    ]


def test_events_of_the_week_with_their_guests(tmp_path: Path) -> None:
    agenda = week_agenda(plan_network(tmp_path), TODAY)
    assert rows(agenda, "events") == [
        (
            "event",
            ["ann", "bob", "cat", "dan", "zed"],  # clients' active members, then zed
            "Thu 3 Dec",
            "prepare: Afterwork",
            "invite: clients (4), Zed",
            20,
        )
    ]


def test_contacts_the_plan_names_are_not_in_meet_or_touch(tmp_path: Path) -> None:
    agenda = week_agenda(plan_network(tmp_path), TODAY)
    # ann (never met) is in plan; cat (never met) is planned later this quarter.
    assert rows(agenda, "meet") == []
    assert rows(agenda, "touch") == []


def test_a_plan_of_another_quarter_is_not_this_weeks(tmp_path: Path) -> None:
    network = build(
        tmp_path,
        {
            "plans/2026-Q3.yaml": "quarter: 2026-Q3\nmeet: [{contact: ann, by: 2026-09-20}]\n",
            "contacts/ann.yaml": qualified(3, MET),
        },
    )
    assert rows(week_agenda(network, TODAY), "plan") == []


# meet, touch, give -----------------------------------------------------------------------------


def test_meet_lists_active_contacts_not_met_within_the_limit_best_score_first(
    tmp_path: Path,
) -> None:
    call = "interactions:\n  - {date: 2026-11-01, kind: call}\n"
    network = build(
        tmp_path,
        {
            "contacts/a.yaml": qualified(3, "since: 2025-01-01\n"),
            "contacts/b.yaml": qualified(1, "interactions:\n  - {date: 2025-06-01, kind: meal}\n"),
            "contacts/c.yaml": "circles: [pairs]\n",
            "contacts/d.yaml": qualified(3, "status: dormant\n"),
            "contacts/e.yaml": qualified(3, "interactions:\n  - {date: 2026-06-01, kind: event}\n"),
            "contacts/f.yaml": qualified(2, call),
        },
    )
    assert rows(week_agenda(network, TODAY), "meet") == [
        (
            "meet",
            ["a"],
            "A",
            "arrange to meet in person",
            "never met in person (known since 1 Jan 2025) · tier A, score 100",
            10,
        ),
        (
            "meet",
            ["f"],
            "F",
            "arrange to meet in person",
            "never met in person · tier B, score 67",
            10,
        ),
        (
            "meet",
            ["b"],
            "B",
            "arrange to meet in person",
            "last met 547 days ago (1 Jun 2025) · tier C, score 33",
            10,
        ),
        ("meet", ["c"], "C", "arrange to meet in person", "never met in person · unqualified", 10),
    ]


def test_touch_lists_those_past_their_rhythm_late_before_due(tmp_path: Path) -> None:
    def history(*lines: str) -> str:
        return "interactions:\n" + "".join(f"  - {line}\n" for line in lines)

    network = build(
        tmp_path,
        {
            "contacts/g.yaml": qualified(
                3,
                history("{date: 2026-09-01, kind: meeting}", "{date: 2026-10-01, kind: call}"),
                circle="pairs",
            ),  # tier A: every 30 days; 60 days: late
            "contacts/h.yaml": qualified(
                3, "cadence_days: 20\n" + history("{date: 2026-11-05, kind: meal, note: Lunch}")
            ),  # 25 days: due
            "contacts/i.yaml": qualified(3, history("{date: 2026-10-20, kind: meal}")),  # ok
            "contacts/j.yaml": qualified(
                1, "cadence_days: 10\n" + history("{date: 2026-11-10, kind: meeting}")
            ),  # 20 days: late
        },
    )
    assert rows(week_agenda(network, TODAY), "touch") == [
        (
            "touch",
            ["g"],
            "G",
            "call or write to keep in touch",
            "late: 60 days since the last contact, every 30",
            10,
        ),
        (
            "touch",
            ["j"],
            "J",
            "call or write to keep in touch",
            "late: 20 days since the last contact, every 10",
            10,
        ),
        (
            "touch",
            ["h"],
            "H",
            "call or write to keep in touch",
            "due: 25 days since the last contact, every 20 · last: Lunch",
            10,
        ),
    ]


def test_give_alternates_debts_and_introductions(tmp_path: Path) -> None:
    owes_two = (
        "interactions:\n  - {date: 2026-10-01, kind: meeting, received: A tip}\n"
        "  - {date: 2026-11-02, kind: call, received: A client}\n"
    )
    owes_one = "interactions:\n  - {date: 2026-11-02, kind: meal, received: Lunch}\n"
    network = build(
        tmp_path,
        {
            "contacts/k.yaml": qualified(2, owes_two, tags="[x]"),
            "contacts/l.yaml": qualified(1, owes_one, tags="[y]"),
            "contacts/m.yaml": qualified(3, MET, circle="pairs", tags="[x]"),
            "contacts/n.yaml": qualified(2, MET, circle="pairs", tags="[z]"),
            "contacts/o.yaml": qualified(2, MET, tags="[z]"),
            "contacts/p.yaml": qualified(1, MET, circle="pairs", tags="[q]"),
            "contacts/r.yaml": qualified(1, MET, tags="[q]"),
        },
    )
    assert rows(week_agenda(network, TODAY), "give") == [
        (
            "give",
            ["k", "m"],
            "K",
            "offer an introduction to M (lyon, x)",
            "balance -2 over 12 months · they gave on 2 Nov 2026: A client",
            15,
        ),
        (
            "intro",
            ["n", "o"],
            "N",
            "introduce to O",
            "both influential in lyon; both tagged z · across circles (pairs / clients)",
            10,
        ),
        (
            "give",
            ["l"],
            "L",
            "ask what you can do for them",
            "balance -1 over 12 months · they gave on 2 Nov 2026: Lunch",
            15,
        ),
        (
            "intro",
            ["p", "r"],
            "P",
            "introduce to R",
            "both tagged q · across circles (pairs / clients)",
            10,
        ),
    ]


def test_at_most_three_introductions_a_week(tmp_path: Path) -> None:
    files = {
        f"contacts/c{i}.yaml": qualified(2, MET, circle=("clients", "pairs")[i % 2], tags="[x]")
        for i in range(10)
    }
    agenda = week_agenda(build(tmp_path, files), TODAY)
    intros = [i for i in (*agenda.items, *agenda.cut) if i.kind == "intro"]
    assert len(intros) == 3
    assert len({slug for i in intros for slug in i.contacts}) == 6


def test_namesakes_are_told_apart_by_their_slug(tmp_path: Path) -> None:
    network = build(
        tmp_path,
        {
            "contacts/jean-martin.yaml": "name: Jean Martin\n",
            "contacts/jean-martin-2.yaml": "name: Jean Martin\n",
        },
    )
    assert [i.who for i in week_agenda(network, TODAY).items] == [
        "Jean Martin (jean-martin)",
        "Jean Martin (jean-martin-2)",
    ]


# health ----------------------------------------------------------------------------------------


def test_health_counts_active_new_coverage_and_the_ritual(tmp_path: Path) -> None:
    network = build(
        tmp_path,
        {
            "reseau.yaml": SETTINGS + "dunbar_limit: 3\nmet_within_days: 100\n",
            "journal.yaml": "sessions:\n  - {date: 2026-11-09, minutes: 60}\n"
            "  - {date: 2026-11-16, minutes: 90}\n",
            "contacts/new.yaml": "since: 2026-09-02\n" + MET,  # 89 days ago
            "contacts/newer.yaml": "since: 2026-11-20\n",
            "contacts/old.yaml": "since: 2026-09-01\n" + MET,  # 90 days ago
            "contacts/gone.yaml": "since: 2026-10-02\nstatus: archived\n",
            "contacts/resting.yaml": "since: 2026-11-02\nstatus: dormant\n",
            "contacts/later.yaml": "since: 2026-12-01\n",
        },
    )
    health = week_agenda(network, TODAY).health
    assert health.to_json() == {
        "active": 4,
        "dunbar_limit": 3,
        "new_last_90_days": ["new", "newer"],
        "met_in_person": 2,
        "met_within_days": 100,
        "coverage_percent": 50,
        "streak_weeks": 0,
        "this_week": None,
        "last_session": "2026-11-16",
        "days_since_last_session": 14,
        "weeks_held_of_last_12": 2,
        "sessions_last_12_weeks": 2,
        "minutes_last_12_weeks": 150,
        "reminder": "the last session was 14 days ago: hold one this week",
    }


def test_no_reminder_once_this_weeks_session_is_held(tmp_path: Path) -> None:
    network = build(tmp_path, {"journal.yaml": "sessions: [{date: 2026-11-30}]\n"})
    health = week_agenda(network, TODAY).health
    assert (health.reminder, health.ritual.streak, health.coverage_percent) == (None, 1, None)


def test_a_network_with_no_journal_is_reminded_to_start(tmp_path: Path) -> None:
    health = week_agenda(build(tmp_path, {}), TODAY).health
    assert health.reminder == (
        "no session recorded yet: hold one and record it with `reseau week --done`"
    )
