"""reseau stats: the ten lines, the chart, the overall score, text and JSON."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import Runner, write_network
from reseau.files.store import load_network
from reseau.files.text import width
from reseau.method.stats import distinct_interactions, last_months, network_stats

QUALIFIED = (
    "qualification: {{strength: {0}, sharing: {0}, pleasure: {0}, efficiency: {0},"
    " influence: {{lyon: {0}}}}}\n"
)
FILES = {
    "reseau.yaml": (
        "objectives: {clients: {cadence_days: 60}, pairs: {}}\nterritories: [lyon]\n"
        "ritual: {minutes: 60}\n"
    ),
    "contacts/a.yaml": (
        "name: A\ncircles: [clients]\nsince: 2026-10-01\n" + QUALIFIED.format(3) + "interactions:\n"
        "  - {date: 2026-10-05, kind: intro, with: [b]}\n"
        "  - {date: 2026-11-02, kind: meeting, tone: positive}\n"
    ),
    "contacts/b.yaml": (
        "name: B\ncircles: [pairs]\n" + QUALIFIED.format(2) + "interactions:\n"
        "  - {date: 2026-06-10, kind: call, tone: neutral, received: A tip}\n"
        "  - {date: 2026-10-05, kind: intro, with: [a]}\n"
    ),
    "contacts/c.yaml": "name: C\ncircles: [clients]\n",
    "contacts/d.yaml": "name: D\nstatus: dormant\ncircles: [pairs]\n",
    "plans/2026-Q4.yaml": (
        "quarter: 2026-Q4\n"
        "meet: [{contact: a, by: 2026-11-20}, {contact: b, by: 2026-11-10}]\n"
        "animate: [{what: Party, on: 2026-10-10, done: 2026-10-10}]\n"
        "reputation: [{what: Post, by: 2026-12-20}]\n"
    ),
    "journal.yaml": (
        "sessions:\n  - {date: 2026-09-07, minutes: 60}\n  - {date: 2026-11-16, minutes: 60}\n"
        "  - {date: 2026-11-23, minutes: 60}\n"
    ),
}
TODAY = date(2026, 11, 30)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_network(tmp_path, FILES)


def test_the_ten_lines(root: Path) -> None:
    stats = network_stats(load_network(root), TODAY)
    assert [(line.number, line.name, line.score, line.verdict) for line in stats.lines] == [
        (1, "objectives", 100, "good"),
        (2, "selection", 33, "weak"),
        (3, "qualification", 67, "fair"),
        (4, "plan", 75, "good"),
        (5, "ritual", 25, "weak"),
        (6, "give first", 100, "good"),
        (7, "cultivate", 100, "good"),
        (8, "free services", 100, "good"),
        (9, "renewal", 67, "fair"),  # 1 new contact of the 3 (one a month) aimed at
        (10, "strategy", 74, "fair"),
    ]
    assert [line.figure for line in stats.lines] == [
        "2 objectives · active: clients 2, pairs 1",
        "3 active of 150 (Dunbar) · 1 met in person within 365 days (33%)",
        "2 of 3 active qualified (67%) · A 1, B 1, C 0",
        "2026-Q4: 2 of 4 items done, 1 late",
        "2 weeks in a row · 3 of the last 12 weeks held, 3h00 in all",
        "gave 2, received 1 in 12 months · you owe 0 contacts",
        "3 interactions in 12 months, 33% positive · 3 of 3 active in rhythm",
        "1 introduction and 1 event this quarter (one a month is the aim)",
        "1 new contact in 90 days · 1 of 1 introduction in 12 months across circles",
        "overall 74/100 · weakest: ritual (25)",
    ]
    assert stats.lines[1].advice == "meet the 2 not seen in person (reseau stale)"
    assert stats.overall == 74


def test_interactions_per_month_over_the_last_twelve(root: Path) -> None:
    stats = network_stats(load_network(root), TODAY)
    assert [m.label for m in stats.months][:2] == ["Dec 2025", "Jan 2026"]
    assert [(m.interactions, m.positive) for m in stats.months] == [
        *[(0, 0)] * 6,
        (1, 0),  # June: the call
        (0, 0),
        (0, 0),
        (0, 0),
        (1, 0),  # October: the introduction, written on both files, once
        (1, 1),  # November: the meeting
    ]
    assert stats.positive_percent == 33


def test_last_months_cross_the_year() -> None:
    assert last_months(date(2027, 2, 10), 4) == [(2026, 11), (2026, 12), (2027, 1), (2027, 2)]


def test_an_interaction_written_on_several_files_counts_once(root: Path) -> None:
    network = load_network(root)
    kinds = sorted(i.kind for _, i in distinct_interactions(network.contacts, TODAY))
    assert kinds == ["call", "intro", "meeting"]


def test_no_objective_and_no_plan_are_weak(root: Path) -> None:
    (root / "reseau.yaml").write_text("territories: [lyon]\n", encoding="utf-8")
    (root / "plans" / "2026-Q4.yaml").unlink()
    lines = network_stats(load_network(root), TODAY).lines
    assert (lines[0].figure, lines[0].score, lines[0].advice) == (
        "no objective in reseau.yaml",
        0,
        "set one per community",
    )
    assert (lines[3].figure, lines[3].score, lines[3].advice) == (
        "no plan for 2026-Q4",
        0,
        "draft it: reseau plan new",
    )


def test_over_the_dunbar_limit_is_never_better_than_weak(root: Path) -> None:
    path = root / "reseau.yaml"
    path.write_text(path.read_text() + "dunbar_limit: 2\n", encoding="utf-8")
    line = network_stats(load_network(root), TODAY).lines[1]
    assert (line.score, line.advice) == (33, "over the limit: make 1 dormant")


def test_stats_json(run: Runner, root: Path) -> None:
    result = run("--dir", str(root), "stats", "--json")
    assert result.code == 0
    data = json.loads(result.out)
    assert list(data) == [
        "date",
        "owner",
        "overall",
        "recommendations",
        "interactions_per_month",
        "positive_percent",
    ]
    assert (data["date"], data["owner"], data["overall"]) == ("2026-11-30", None, 74)
    assert data["recommendations"][5] == {
        "number": 6,
        "name": "give first",
        "figure": "gave 2, received 1 in 12 months · you owe 0 contacts",
        "score": 100,
        "verdict": "good",
        "advice": "",
        "given": 2,
        "received": 1,
        "owing": [],
        "promises_due": 0,
        "promises_kept_on_time": 0,
        "promises_kept_late": 0,
        "promises_open_late": 0,
    }
    assert data["interactions_per_month"][-1] == {
        "month": "2026-11",
        "interactions": 1,
        "positive": 1,
    }


def test_stats_text(run: Runner, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = run("--dir", str(root), "stats")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[:5] == [
        "Network health on 30 Nov 2026",
        "overall 74/100",
        "",
        " 1  objectives     good  2 objectives · active: clients 2, pairs 1",
        " 2  selection      weak  3 active of 150 (Dunbar) · 1 met in person within 365",
    ]
    assert lines[5:7] == [
        "                         days (33%)",
        "                         → meet the 2 not seen in person (reseau stale)",
    ]
    chart = lines[lines.index("Interactions per month, last 12 months, 33% positive") + 1 :]
    assert chart[-3:] == [
        "  Oct 2026  ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░    1",
        "  Nov 2026  ████████████████████████████████████████    1",
        "  █ positive  ░ other",
    ]
    assert max(width(line) for line in lines) <= 80


def test_stats_on_the_sample_fit_in_80_columns(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = run("--dir", str(sample), "stats")
    assert result.code == 0
    lines = result.out.splitlines()
    numbered = [line[:4].strip() for line in lines if line[:2].strip().isdigit()]
    assert numbered == [str(n) for n in range(1, 11)]
    assert max(width(line) for line in lines) <= 80


def test_an_empty_network_is_told_to_add_contacts_first(empty_network: Path) -> None:
    lines = network_stats(load_network(empty_network), TODAY).lines
    assert [line.advice for line in lines if line.number in (1, 2, 3, 6, 7)] == [
        "add the people you cultivate (reseau add)"
    ] * 5
    assert (lines[-1].score, lines[-1].verdict) == (0, "weak")
