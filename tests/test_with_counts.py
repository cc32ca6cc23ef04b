"""An interaction counts for everyone its `with:` names: last contact, last met, cadence."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from conftest import Runner, write_network
from reseau.files.store import load_network
from reseau.method import activity

NETWORK = {
    "reseau.yaml": "objectives:\n  clients: {cadence_days: 30}\n",
    "contacts/marie.yaml": (
        "name: Marie Dupont\ncircles: [clients]\ninteractions:\n"
        "  - {date: 2026-11-20, kind: meal, note: Lunch, gave: a book, with: [paul, paul, zoe]}\n"
        "  - {date: 2026-11-25, kind: call, note: Call, with: [paul]}\n"
        "  - {date: 2026-12-20, kind: meal, note: Not yet, with: [paul]}\n"
    ),
    "contacts/paul.yaml": (
        "name: Paul Bernard\ncircles: [clients]\n"
        "interactions:\n  - {date: 2025-01-10, kind: meeting, note: Long ago}\n"
    ),
    "contacts/zoe.yaml": "name: Zoé Blanc\n",
}


def test_the_lunch_counts_for_paul_where_it_was_logged_on_marie(tmp_path: Path) -> None:
    network = load_network(write_network(tmp_path, NETWORK))
    seen = activity.seen_elsewhere(network.contacts)
    assert [(author, i.note) for author, i in seen["paul"]] == [
        ("marie", "Lunch"),
        ("marie", "Call"),
        ("marie", "Not yet"),
    ]
    paul, today = network.contacts["paul"], date(2026, 11, 30)
    assert activity.last_met(paul, today) == date(2025, 1, 10)
    assert activity.last_met(paul, today, seen["paul"]) == date(2026, 11, 20)
    assert activity.last_contact(paul, today, seen["paul"]) == date(2026, 11, 25)
    rhythm = activity.cadence(paul, network.settings, "C", today, seen["paul"])
    assert (rhythm.since, rhythm.state) == (date(2026, 11, 25), "ok")
    assert activity.balance(paul, today) == 0  # the book was given to Marie


def test_show_paul_counts_and_shows_the_lunch_from_marie_file(run: Runner, tmp_path: Path) -> None:
    root = write_network(tmp_path, NETWORK)
    result = run("--dir", str(root), "show", "paul", "--json")
    assert result.code == 0, result.err
    computed = json.loads(result.out)["computed"]
    assert (computed["last_met"], computed["last_contact"]) == ("2026-11-20", "2026-11-25")
    assert (computed["cadence"], computed["stale"], computed["balance"]) == ("ok", False, 0)
    lunch = computed["timeline"][2]
    assert lunch["note"] == "Lunch"
    assert lunch["with"] == ["marie", "zoe"]
    assert lunch["from"] == {"slug": "marie", "name": "Marie Dupont"}
    text = run("--dir", str(root), "show", "paul").out
    assert "with: marie, zoe\n" in text
    assert "seen from Marie Dupont's file (marie)\n" in text
    assert "  last met in person: 2026-11-20\n" in text


def test_log_with_resets_paul_on_the_sample(run: Runner, sample: Path) -> None:
    def paul() -> dict[str, str]:
        shown = run("--dir", str(sample), "show", "paul", "--json")
        assert shown.code == 0, shown.err
        computed: dict[str, str] = json.loads(shown.out)["computed"]
        return computed

    before = paul()
    assert (before["last_met"], before["cadence"]) == ("2026-04-09", "late")
    logged = run("--dir", str(sample), "log", "marie", "Lunch", "--kind", "meal", "--with", "paul")
    assert logged.code == 0, logged.err
    after = paul()
    assert (after["last_met"], after["last_contact"], after["cadence"]) == (
        "2026-11-30",
        "2026-11-30",
        "ok",
    )
    stale = json.loads(run("--dir", str(sample), "stale", "--json").out)
    assert "paul-bernard" not in {row["slug"] for row in stale}


def test_the_same_lunch_logged_on_both_files_shows_once(run: Runner, tmp_path: Path) -> None:
    files = dict(NETWORK)
    files["contacts/paul.yaml"] += "  - {date: 2026-11-20, kind: meal, note: Mine, with: [marie]}\n"
    root = write_network(tmp_path, files)
    timeline = json.loads(run("--dir", str(root), "show", "paul", "--json").out)["computed"][
        "timeline"
    ]
    assert [(e["date"], e["note"]) for e in timeline if e["date"] == "2026-11-20"] == [
        ("2026-11-20", "Mine")
    ]
