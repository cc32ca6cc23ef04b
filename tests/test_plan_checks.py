"""reseau check on plan files: the quarter, the dates, the circles, the contacts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import Runner


def problems(run: Runner, root: Path, plan: str, name: str = "2026-Q4") -> list[tuple[Any, ...]]:
    (root / "contacts" / "marie-dupont.yaml").write_text("name: Marie Dupont\n", encoding="utf-8")
    (root / "contacts" / "paul-bernard.yaml").write_text("name: Paul Bernard\n", encoding="utf-8")
    (root / "plans" / f"{name}.yaml").write_text(plan, encoding="utf-8")
    result = run("--dir", str(root), "check", "--json")
    found = json.loads(result.out)
    errors = [p for p in found if p["severity"] == "error"]
    assert result.code == (1 if errors else 0)
    return [(p["line"], p["code"], p["field"], p["message"], p["severity"]) for p in found]


def test_the_sample_plan_is_clean(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "check")
    assert result.code == 0
    assert result.out.endswith("no problems\n")


def test_a_clean_inline_plan(run: Runner, empty_network: Path) -> None:
    plan = (
        "quarter: 2026-Q4\n"
        "focus: [clients]\n"
        "meet:\n"
        "  - {contact: marie-dupont, by: 2026-10-01, done: 2026-09-30, carried: 2026-Q3}\n"
        "animate:\n"
        "  - {what: Breakfast, on: 2026-12-31, invite: [pairs, paul-bernard]}\n"
        "reputation:\n"
        "  - {what: Article, by: 2026-11-30, done: 2026-12-31, carried: 2025-Q1}\n"
    )
    assert problems(run, empty_network, plan) == []


def test_the_quarter_must_match_the_file_name(run: Runner, empty_network: Path) -> None:
    assert problems(run, empty_network, "# Q1\nquarter: 2027-Q1\n") == [
        (
            2,
            "quarter-name",
            "quarter",
            "says 2027-Q1 but the file is named 2026-Q4.yaml; make them agree",
            "error",
        )
    ]


def test_a_malformed_quarter_is_a_validation_error(run: Runner, empty_network: Path) -> None:
    found = problems(run, empty_network, "quarter: 2026-Q5\n")
    assert [(line, code, field) for line, code, field, *_ in found] == [
        (1, "string-pattern-mismatch", "quarter")
    ]


def test_dates_inside_or_before_the_quarter_as_each_field_requires(
    run: Runner, empty_network: Path
) -> None:
    plan = (
        "quarter: 2026-Q4\n"  # 1
        "meet:\n"
        "  - contact: marie-dupont\n"  # 3
        "    by: 2026-09-30\n"  # 4: before the quarter
        "    done: 2027-01-01\n"  # 5: after it
        "animate:\n"
        "  - what: Breakfast\n"  # 7
        "    on: 2027-01-04\n"  # 8: after it
        "    done: 2026-09-01\n"  # 9: done before: allowed
        "reputation:\n"
        "  - {what: Talk, by: 2026-12-31, done: 2026-10-01}\n"  # 11: fine
        "  - {what: Post, by: 2027-01-01}\n"  # 12: after
    )
    assert problems(run, empty_network, plan) == [
        (
            4,
            "outside-quarter",
            "meet[1].by",
            "2026-09-30 is outside 2026-Q4 (2026-10-01 to 2026-12-31); plan it inside the quarter",
            "error",
        ),
        (
            5,
            "done-after-quarter",
            "meet[1].done",
            "2027-01-01 is after 2026-Q4 (it ends 2026-12-31);"
            " an item done later belongs to a later plan",
            "error",
        ),
        (
            8,
            "outside-quarter",
            "animate[1].on",
            "2027-01-04 is outside 2026-Q4 (2026-10-01 to 2026-12-31); plan it inside the quarter",
            "error",
        ),
        (
            12,
            "outside-quarter",
            "reputation[2].by",
            "2027-01-01 is outside 2026-Q4 (2026-10-01 to 2026-12-31); plan it inside the quarter",
            "error",
        ),
    ]


def test_circles_in_focus_and_invite_must_exist(run: Runner, empty_network: Path) -> None:
    plan = (
        "quarter: 2026-Q4\n"
        "focus: [client, export]\n"
        "animate:\n"
        "  - what: Afterwork\n"
        "    invite: [clients, pair, marie-dupond, nobody-at-all]\n"
    )
    assert problems(run, empty_network, plan) == [
        (
            2,
            "unknown-circle",
            "focus[1]",
            "'client' is not an objective of reseau.yaml; did you mean 'clients'?",
            "error",
        ),
        (2, "unknown-circle", "focus[2]", "'export' is not an objective of reseau.yaml", "error"),
        (
            5,
            "unknown-invite",
            "animate[1].invite[2]",
            "'pair' is neither a circle nor a contact; did you mean 'pairs'?",
            "error",
        ),
        (
            5,
            "unknown-invite",
            "animate[1].invite[3]",
            "'marie-dupond' is neither a circle nor a contact; did you mean 'marie-dupont'?",
            "error",
        ),
        (
            5,
            "unknown-invite",
            "animate[1].invite[4]",
            "'nobody-at-all' is neither a circle nor a contact",
            "error",
        ),
    ]


def test_a_name_that_is_both_circle_and_contact_warns(run: Runner, empty_network: Path) -> None:
    (empty_network / "contacts" / "pairs.yaml").write_text("name: Pairs\n", encoding="utf-8")
    plan = "quarter: 2026-Q4\nanimate:\n  - {what: Dinner, invite: [pairs]}\n"
    assert problems(run, empty_network, plan) == [
        (
            3,
            "ambiguous-invite",
            "animate[1].invite[1]",
            "'pairs' is both a circle and a contact; the circle is invited",
            "warning",
        )
    ]


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("marie-dupond", "; did you mean 'marie-dupont'?"),
        ("Marie Dupont", "; did you mean 'marie-dupont'?"),
        ("paul", "; did you mean 'paul-bernard'?"),
        ("someone-else", ""),
    ],
)
def test_meet_contacts_must_exist(
    run: Runner, empty_network: Path, written: str, hint: str
) -> None:
    plan = f"quarter: 2026-Q4\nmeet:\n  - contact: {written}\n    why: catch up\n"
    assert problems(run, empty_network, plan) == [
        (3, "unknown-contact", "meet[1].contact", f"no contact '{written}'{hint}", "error")
    ]


def test_carried_names_an_earlier_quarter(run: Runner, empty_network: Path) -> None:
    plan = (
        "quarter: 2026-Q4\n"
        "reputation:\n"
        "  - {what: A, carried: 2026-Q3}\n"
        "  - {what: B, carried: 2026-Q4}\n"
        "  - {what: C, carried: last quarter}\n"
        "  - {what: D, carried: 2027-Q1}\n"
    )
    assert problems(run, empty_network, plan) == [
        (
            4,
            "carried-quarter",
            "reputation[2].carried",
            "carried from 2026-Q4, which is not before 2026-Q4",
            "error",
        ),
        (
            5,
            "carried-quarter",
            "reputation[3].carried",
            "'last quarter' is not a quarter; write it like 2026-Q4",
            "error",
        ),
        (
            6,
            "carried-quarter",
            "reputation[4].carried",
            "carried from 2027-Q1, which is not before 2026-Q4",
            "error",
        ),
    ]


def test_the_same_contact_twice_in_meet_warns(run: Runner, empty_network: Path) -> None:
    plan = (
        "quarter: 2026-Q4\nmeet:\n"
        "  - contact: marie-dupont\n"
        "  - contact: paul-bernard\n"
        "  - contact: marie-dupont\n"
    )
    assert problems(run, empty_network, plan) == [
        (
            5,
            "duplicate-meet",
            "meet[3].contact",
            "'marie-dupont' is already in meet (item 1); merge the two",
            "warning",
        )
    ]


def test_every_problem_of_every_plan_in_one_run(run: Runner, empty_network: Path) -> None:
    (empty_network / "plans" / "2026-Q3.yaml").write_text(
        "quarter: 2026-Q3\nfocus: [nope]\n", encoding="utf-8"
    )
    plan = "quarter: 2026-Q4\nmeet:\n  - {contact: ghost, by: 2027-02-01}\n"
    found = problems(run, empty_network, plan)
    assert [(line, code) for line, code, *_ in found] == [
        (2, "unknown-circle"),
        (3, "outside-quarter"),
        (3, "unknown-contact"),
    ]
    result = run("--dir", str(empty_network), "check")
    assert result.code == 1
    assert result.out.splitlines()[:3] == [
        "plans/2026-Q3.yaml:2: focus[1]: 'nope' is not an objective of reseau.yaml",
        "plans/2026-Q4.yaml:3: meet[1].by: 2027-02-01 is outside 2026-Q4"
        " (2026-10-01 to 2026-12-31); plan it inside the quarter",
        "plans/2026-Q4.yaml:3: meet[1].contact: no contact 'ghost'",
    ]
