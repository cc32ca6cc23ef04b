"""An introduction counts as given to both people introduced, whichever file records it."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from conftest import Runner, write_network
from reseau.files.model import Contact, validated
from reseau.files.store import load_network
from reseau.method.activity import balance, given_count, intros_in, intros_naming, seen_elsewhere
from reseau.method.agenda import week_agenda
from reseau.method.stats import network_stats

TODAY = date(2026, 11, 30)
FILES = {
    "reseau.yaml": "objectives: {clients: {}}\n",
    "contacts/dan.yaml": (
        "name: Dan\ninteractions:\n  - {date: 2026-11-02, kind: meeting, received: A tip}\n"
    ),
    "contacts/eve.yaml": (
        "name: Eve\ninteractions:\n"
        "  - {date: 2026-11-02, kind: meeting}\n"
        "  - {date: 2026-11-10, kind: intro, with: [dan], note: Dan meets Eve's banker}\n"
    ),
}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_network(tmp_path, FILES)


def contact(*interactions: dict[str, object]) -> Contact:
    return validated(Contact, {"name": "X", "interactions": list(interactions)})


def test_an_intro_elsewhere_counts_once_and_only_within_the_year() -> None:
    own = contact({"date": "2026-11-10", "kind": "intro", "with": ["eve"]})
    alone = contact({"date": "2026-11-01", "kind": "call", "received": "A tip"})
    elsewhere = {
        (date(2026, 11, 10), "eve"),
        (date(2026, 11, 12), "fay"),
        (date(2025, 1, 1), "gus"),
    }
    assert given_count(own, TODAY, elsewhere) == 2  # its own intro with eve, and fay's
    assert balance(alone, TODAY, elsewhere) == 1  # eve and fay, minus the tip; gus is too old
    assert balance(alone, TODAY) == -1


def test_intros_naming_lists_what_other_files_record(root: Path) -> None:
    contacts = load_network(root).contacts
    assert intros_naming(contacts) == {"dan": [(date(2026, 11, 10), "eve")]}


def test_an_intro_recorded_twice_elsewhere_counts_once(tmp_path: Path) -> None:
    twice = "  - {date: 2026-11-10, kind: intro, with: [dan]}\n"
    root = write_network(
        tmp_path, {**FILES, "contacts/eve.yaml": "name: Eve\ninteractions:\n" + twice * 2}
    )
    contacts = load_network(root).contacts
    mentions = intros_naming(contacts)["dan"]
    assert len(mentions) == 2
    assert given_count(contacts["dan"], TODAY, mentions) == 1


def test_show_counts_an_intro_logged_on_the_other_file_only(run: Runner, sample: Path) -> None:
    before = json.loads(run("--dir", str(sample), "show", "paul", "--json").out)["computed"]
    logged = run("--dir", str(sample), "log", "marie", "x", "--kind", "intro", "--with", "paul")
    assert logged.code == 0, logged.err
    after = json.loads(run("--dir", str(sample), "show", "paul", "--json").out)["computed"]
    assert (after["balance"], after["given"]) == (before["balance"] + 1, before["given"] + 1)
    text = run("--dir", str(sample), "show", "paul").out
    assert f"  balance (last 365 days): {after['balance']:+d}" in text.splitlines()


def test_an_intro_on_both_files_counts_once_for_each(run: Runner, sample: Path) -> None:
    before = json.loads(run("--dir", str(sample), "show", "paul", "--json").out)["computed"]
    assert run("--dir", str(sample), "intro", "marie", "paul").code == 0
    after = json.loads(run("--dir", str(sample), "show", "paul", "--json").out)["computed"]
    assert after["given"] == before["given"] + 1


def test_the_week_does_not_ask_to_give_back_what_an_intro_returned(root: Path) -> None:
    agenda = week_agenda(load_network(root), TODAY)
    assert [i.who for i in (*agenda.items, *agenda.cut) if i.section == "give"] == []


def test_stats_count_the_intro_for_the_person_introduced(root: Path) -> None:
    line = network_stats(load_network(root), TODAY).lines[5]
    assert line.figure == "gave 2, received 1 in 12 months · you owe 0 contacts"
    assert line.data["owing"] == []


def test_the_private_csv_balance_counts_it_too(run: Runner, root: Path) -> None:
    result = run("--dir", str(root), "export", "csv", "--private")
    rows = {row["slug"]: row["balance"] for row in csv.DictReader(io.StringIO(result.out))}
    assert rows == {"dan": "0", "eve": "1"}


def test_the_intros_among_what_others_hold_are_the_intros_naming_each(sample: Path) -> None:
    contacts = load_network(sample).contacts
    seen, naming = seen_elsewhere(contacts), intros_naming(contacts)
    assert any(naming.values())  # the sample holds introductions recorded on one side only
    for slug in contacts:
        assert sorted(intros_in(seen.get(slug, ()))) == sorted(naming.get(slug, []))
