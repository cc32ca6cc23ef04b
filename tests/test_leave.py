"""reseau archive and reseau remove: leaving someone without breaking the other files."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Runner
from faults import kill_at_every_step, state
from test_transaction import copy_sample


def test_archive_keeps_the_history_and_counts_them_nowhere(run: Runner, sample: Path) -> None:
    path = sample / "contacts" / "wang-fang.yaml"
    before = path.read_text(encoding="utf-8")
    week = run("--dir", str(sample), "week", "--json").out
    assert "wang-fang" in week
    result = run("--dir", str(sample), "archive", "wang-fang")
    assert result.code == 0, result.err
    assert result.out == (
        "archived 王芳 (contacts/wang-fang.yaml): status archived\n"
        "  still planned: plans/2026-Q4.yaml: animate[2].invite: invite to: Webinar: sourcing "
        "in Asia for Lyon subcontractors\n"
    )
    after = path.read_text(encoding="utf-8")
    removed = [line for line in before.splitlines() if line not in after.splitlines()]
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert len(removed) <= 1 and [line.split("#")[0].strip() for line in added] == [
        "status: archived"
    ]
    assert "wang-fang" not in run("--dir", str(sample), "week", "--json").out
    shown = json.loads(run("--dir", str(sample), "show", "wang-fang", "--json").out)
    assert shown["status"] == "archived" and shown["interactions"]
    assert run("--dir", str(sample), "check").code == 0
    again = run("--dir", str(sample), "archive", "wang-fang")
    assert (again.code, again.err) == (1, "reseau: contacts/wang-fang.yaml is already archived\n")


def test_remove_is_refused_while_others_refer_to_them(run: Runner, sample: Path) -> None:
    before = state(sample)
    result = run("--dir", str(sample), "remove", "karim")
    assert result.code == 1
    assert result.err == (
        "reseau: 1 place in other files name karim-benali; nothing was removed. Remove them "
        "with it (--force), or keep the history: reseau archive karim-benali\n"
        "  contacts/lucia-hernandez.yaml: interactions[2].with: 2026-09-10 intro: Introduced "
        "her to Karim for the financing side\n"
    )
    assert state(sample) == before


def test_remove_force_lists_and_removes_the_references(run: Runner, sample: Path) -> None:
    lucia = sample / "contacts" / "lucia-hernandez.yaml"
    before = lucia.read_text(encoding="utf-8")
    result = run("--dir", str(sample), "remove", "karim", "--force")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "removed contacts/karim-benali.yaml (Karim Benali)",
        "removed 1 reference in 1 file (karim-benali):",
        "  contacts/lucia-hernandez.yaml: interactions[2].with: 2026-09-10 intro: Introduced "
        "her to Karim for the financing side",
    ]
    assert not (sample / "contacts" / "karim-benali.yaml").exists()
    assert lucia.read_text(encoding="utf-8") == before.replace(
        "    with: [karim-benali]\n", "    with: []\n"
    )
    assert run("--dir", str(sample), "check").code == 0


def test_remove_of_a_planned_contact_removes_the_meet_item(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "remove", "claire-dubois", "--force")
    assert result.code == 0, result.err
    plan = (sample / "plans" / "2026-Q4.yaml").read_text(encoding="utf-8")
    assert "claire-dubois" not in plan
    assert run("--dir", str(sample), "check").code == 0


def test_remove_force_killed_at_every_step(tmp_path: Path) -> None:
    old, new, _ = kill_at_every_step(copy_sample, tmp_path, "remove", "karim", "--force")
    assert sorted(set(old) - set(new)) == ["contacts/karim-benali.yaml"]
    assert [p for p in new if new[p] != old[p]] == ["contacts/lucia-hernandez.yaml"]
