"""Renewal (recommendation 9): active contacts first met within the last 90 days, one rule."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import Runner
from reseau.files.model import Contact, validated
from reseau.files.store import load_network
from reseau.method.activity import is_new, new_contacts
from reseau.method.agenda import week_agenda
from reseau.method.stats import network_stats

TODAY = date(2026, 11, 30)


def contact(since: date | None, status: str = "active") -> Contact:
    return validated(Contact, {"name": "X", "since": since, "status": status})


@pytest.mark.parametrize(
    ("days_ago", "status", "expected"),
    [
        (0, "active", True),
        (89, "active", True),
        (90, "active", False),
        (-1, "active", False),  # not met yet
        (10, "dormant", False),
        (10, "archived", False),
    ],
)
def test_is_new(days_ago: int, status: str, expected: bool) -> None:
    assert is_new(contact(TODAY - timedelta(days=days_ago), status), TODAY) is expected


def test_without_a_since_nobody_is_new() -> None:
    assert is_new(contact(None), TODAY) is False


def test_new_contacts_earliest_first() -> None:
    contacts = {
        "late": contact(date(2026, 11, 20)),
        "early": contact(date(2026, 9, 2)),  # 89 days ago: the previous quarter
        "gone": contact(date(2026, 11, 1), "archived"),
        "resting": contact(date(2026, 11, 1), "dormant"),
    }
    assert new_contacts(contacts, TODAY) == ["early", "late"]


def test_stats_and_week_count_the_same_new_contacts(tmp_path: Path) -> None:
    (tmp_path / "contacts").mkdir()
    (tmp_path / "reseau.yaml").write_text("objectives: {clients: {}}\n", encoding="utf-8")
    for slug, text in {
        "early": "since: 2026-09-02\n",
        "old": "since: 2026-09-01\n",
        "gone": "since: 2026-11-01\nstatus: archived\n",
        "resting": "since: 2026-11-01\nstatus: dormant\n",
    }.items():
        (tmp_path / "contacts" / f"{slug}.yaml").write_text(f"name: {slug}\n{text}", "utf-8")
    network = load_network(tmp_path)
    renewal = network_stats(network, TODAY).lines[8]
    assert renewal.data["new_last_90_days"] == ["early"]
    assert renewal.figure.startswith("1 new contact in 90 days · ")
    assert week_agenda(network, TODAY).health.new_contacts == ("early",)


def test_the_sample_agrees_in_week_and_stats(run: Runner, sample: Path) -> None:
    week = json.loads(run("--dir", str(sample), "week", "--json").out)["health"]
    stats = json.loads(run("--dir", str(sample), "stats", "--json").out)["recommendations"][8]
    expected = ["nour-el-amrani", "chloe-lambert", "berenice-caron"]
    assert week["new_last_90_days"] == stats["new_last_90_days"] == expected
