"""What is dated after today has not happened: it counts in no figure, wherever computed."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from conftest import Runner, write_network
from reseau.actions.plan_new import draft_plan
from reseau.files.quarters import Quarter
from reseau.files.store import Network, load_network
from reseau.method.agenda import week_agenda
from reseau.method.intros import known_pairs
from reseau.method.timeline import figures

TODAY = date(2026, 3, 2)
FILES = {
    "reseau.yaml": "objectives: {clients: {cadence_days: 60}}\n",
    "contacts/ann.yaml": (
        "name: Ann\ninteractions:\n"
        "  - {date: 2024-12-01, kind: meeting, tone: positive, note: First coffee}\n"
        "  - {date: 2025-06-01, kind: call, received: An old favour}\n"
        "  - {date: 2026-06-01, kind: meeting, tone: negative, with: [bob], note: Ahead}\n"
    ),
    "contacts/bob.yaml": (
        "name: Bob\ncircles: [clients]\ninteractions:\n"
        "  - {date: 2025-10-01, kind: meeting}\n"
        "  - {date: 2025-11-01, kind: call, note: Old call}\n"
        "  - {date: 2026-04-01, kind: call, note: Future call}\n"
    ),
    "contacts/cat.yaml": (
        "name: Cat\ninteractions:\n"
        "  - {date: 2025-12-01, kind: call, received: A referral}\n"
        "  - {date: 2026-01-10, kind: meeting}\n"
        "  - {date: 2026-05-01, kind: call, received: A future thing}\n"
    ),
}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_network(tmp_path, FILES)


@pytest.fixture
def network(root: Path) -> Network:
    loaded = load_network(root)
    assert not loaded.skipped, [p.format() for p in loaded.problems]
    return loaded


def reasons(network: Network) -> dict[tuple[str, str], str]:
    agenda = week_agenda(network, TODAY)
    return {
        (item.section, item.who): item.reason
        for item in (*agenda.items, *agenda.cut)
        if item.kind != "intro"
    }


def test_the_agenda_reasons_ignore_what_is_ahead(network: Network) -> None:
    found = reasons(network)
    assert found[("meet", "Ann")] == "last met 456 days ago (1 Dec 2024) · unqualified"
    assert (
        found[("touch", "Bob")]
        == "late: 121 days since the last contact, every 60 · last: Old call"
    )
    assert found[("give", "Cat")] == (
        "balance -1 over 12 months · they gave on 1 Dec 2025: A referral"
    )


def test_the_week_never_says_a_negative_number_of_days(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "--today", "2026-03-02", "week")
    assert result.code == 0, result.err
    assert "last met -" not in result.out
    assert "last met 528 days ago (20 Sep 2024)" in result.out


def test_show_figures_ignore_what_is_ahead(network: Network) -> None:
    ann, cat = figures(network, "ann", TODAY), figures(network, "cat", TODAY)
    assert ann["tones"] == {"positive": 1, "neutral": 0, "negative": 0}
    assert cat["received"] == 1
    assert cat["offer_next"] == {"received": "A referral", "date": "2025-12-01"}
    assert cat["not_returned"] == 1


def test_the_log_report_ignores_what_is_ahead(run: Runner, root: Path) -> None:
    result = run(
        "--dir", str(root), "--today", "2026-03-02", "log", "ann", "Call", "--kind", "call"
    )
    assert result.code == 0, result.err
    assert result.out.splitlines()[-1] == (
        "Ann: last met in person 2024-12-01, balance -1 over the last 365 days"
    )


def test_the_csv_last_met_ignores_what_is_ahead(run: Runner, root: Path) -> None:
    result = run("--dir", str(root), "--today", "2026-03-02", "export", "csv", "--private")
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(result.out))}
    assert (rows["ann"]["last_met"], rows["ann"]["balance"]) == ("2024-12-01", "-1")


def test_the_plan_draft_proposes_who_was_not_met_yet(network: Network) -> None:
    draft = draft_plan(network, Quarter.parse("2026-Q2"), TODAY)
    proposed = {p.slug: p.last_met for p in draft.proposals}
    assert proposed["ann"] == date(2024, 12, 1)


def test_a_meeting_ahead_does_not_make_a_pair_acquainted(network: Network) -> None:
    assert known_pairs(network.contacts, TODAY).pairs() == set()
    assert known_pairs(network.contacts, date(2026, 6, 1)).pairs() == {frozenset(("ann", "bob"))}
    assert frozenset(("ann", "bob")) not in known_pairs(network.contacts, TODAY)
    assert frozenset(("ann", "bob")) in known_pairs(network.contacts, date(2026, 6, 1))
