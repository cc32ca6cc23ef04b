"""A team network: three members, two clones syncing through a hub."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Runner, write_network
from gitnet import clone, git, hub_and_clone

SETTINGS = """\
owner: Lyon sales team
ritual: {weekday: monday, minutes: 240}
objectives:
  clients: {goal: referrals, cadence_days: 30}
territories: [lyon]
members:
  camille: {name: Camille Martin, email: camille@example.org}
  paul: {name: Paul Roche, email: paul@example.org}
  lea: {name: Léa Girard, email: lea@example.org}
"""

QUALIFIED = (
    "qualification: {nature: client, strength: 2, sharing: 2, influence: {lyon: 2}, "
    "pleasure: 2, efficiency: 2}\n"
)


def contact(name: str, interactions: str = "") -> str:
    body = f"name: {name}\ncircles: [clients]\nsince: 2025-01-10\n{QUALIFIED}"
    return body + (f"interactions:\n{interactions}" if interactions else "")


TEAM = {
    "reseau.yaml": SETTINGS,
    "contacts/marie-dupont.yaml": contact(
        "Marie Dupont",
        "  - {date: 2026-06-02, kind: meal, tone: positive, by: camille}\n"
        "  - {date: 2026-09-15, kind: call, tone: positive, by: camille}\n"
        "  - {date: 2026-10-01, kind: call, tone: neutral, by: paul}\n",
    ),
    "contacts/thomas-bernard.yaml": contact(
        "Thomas Bernard", "  - {date: 2026-08-20, kind: meeting, tone: positive, by: paul}\n"
    ),
    "contacts/nour-el-amrani.yaml": contact(
        "Nour El Amrani", "  - {date: 2026-07-01, kind: meeting, tone: positive}\n"
    ),
    "contacts/old-friend.yaml": contact(
        "Old Friend", "  - {date: 2025-03-01, kind: call, by: lea}\n"
    ),
    "plans/2026-Q4.yaml": (
        "quarter: 2026-Q4\nmeet:\n"
        "  - {contact: marie-dupont, why: renewal, by: 2026-12-02, owner: camille}\n"
        "  - {contact: thomas-bernard, why: referral, by: 2026-12-03, owner: paul}\n"
    ),
}


@pytest.fixture
def team(tmp_path: Path) -> Path:
    return write_network(tmp_path / "team", dict(TEAM))


def test_a_log_records_who_wrote_it(
    run: Runner, team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("--dir", str(team), "--as", "paul", "log", "nour", "Coffee").code == 0
    monkeypatch.setenv("RESEAU_MEMBER", "lea")
    assert run("--dir", str(team), "log", "nour", "Call", "--kind", "call").code == 0
    text = (team / "contacts/nour-el-amrani.yaml").read_text(encoding="utf-8")
    assert "  - {date: 2026-11-30, kind: meeting, note: Coffee, by: paul}\n" in text
    assert "  - {date: 2026-11-30, kind: call, note: Call, by: lea}\n" in text


def test_a_write_in_a_team_must_know_who(run: Runner, team: Path) -> None:
    result = run("--dir", str(team), "log", "nour", "Coffee")
    assert result.code == 1
    assert "cannot tell which one you are" in result.err
    typo = run("--dir", str(team), "--as", "camile", "log", "nour", "Coffee")
    assert typo.code == 1
    assert "--as: 'camile' is not a member of reseau.yaml; did you mean 'camille'?" in typo.err


def test_check_names_a_by_that_is_not_a_member(run: Runner, team: Path) -> None:
    path = team / "contacts/thomas-bernard.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("by: paul", "by: pual"), "utf-8")
    result = run("--dir", str(team), "check")
    assert result.code == 1
    assert (
        "contacts/thomas-bernard.yaml:6: interactions[1].by: 'pual' is not a member of "
        "reseau.yaml; did you mean 'paul'?"
    ) in result.out


def test_show_says_who_holds_the_relationship(run: Runner, team: Path) -> None:
    result = run("--dir", str(team), "show", "marie-dupont")
    assert "  held by: paul, camille\n" in result.out
    assert (
        "    paul: last contact 2026-10-01, last met in person never, 0 positive\n"
        "    camille: last contact 2026-09-15, last met in person 2026-06-02, 2 positive\n"
    ) in result.out
    computed = json.loads(run("--dir", str(team), "show", "marie-dupont", "--json").out)["computed"]
    assert computed["held_by"] == ["paul", "camille"]
    assert computed["holders"][1] == {
        "member": "camille",
        "last_contact": "2026-09-15",
        "last_met": "2026-06-02",
        "positive": 2,
    }


def test_list_held_by(run: Runner, team: Path) -> None:
    rows = json.loads(run("--dir", str(team), "list", "--held-by", "paul", "--json").out)
    assert [r["slug"] for r in rows] == ["marie-dupont", "thomas-bernard"]
    table = run("--dir", str(team), "list").out
    assert "held by" in table.splitlines()[0]
    assert table.splitlines()[2].rstrip().endswith("nobody")  # nour-el-amrani, the 2nd row
    everyone = json.loads(run("--dir", str(team), "list", "--json").out)
    assert {r["slug"]: r["held_by"] for r in everyone}["nour-el-amrani"] == []
    assert run("--dir", str(team), "list", "--held-by", "pol").code == 1


def test_a_members_week_puts_their_items_first_and_the_team_week_says_whose(
    run: Runner, team: Path
) -> None:
    mine = json.loads(run("--dir", str(team), "--as", "paul", "week", "--json").out)
    assert mine["member"] == "paul"
    plan = [i for i in mine["items"] if i["section"] == "plan"]
    assert [(i["contacts"], i["member"]) for i in plan] == [
        (["thomas-bernard"], "paul"),
        (["marie-dupont"], "camille"),
    ]
    whole = json.loads(run("--dir", str(team), "week", "--team", "--json").out)
    assert whole["member"] is None
    assert all("member" in item for item in whole["items"])


def test_nobody_is_proposed_twice_in_a_week(run: Runner, team: Path) -> None:
    before = json.loads(run("--dir", str(team), "--as", "lea", "week", "--json").out)
    touched = {s for i in before["items"] if i["section"] == "touch" for s in i["contacts"]}
    assert "nour-el-amrani" in touched
    run("--dir", str(team), "--as", "paul", "log", "nour", "Coffee")
    after = json.loads(run("--dir", str(team), "--as", "lea", "week", "--json").out)
    proposed = {
        s
        for i in after["items"]
        if i["section"] in ("meet", "touch", "give")
        for s in i["contacts"]
    }
    assert "nour-el-amrani" not in proposed


def test_stats_team(run: Runner, team: Path) -> None:
    data = json.loads(run("--dir", str(team), "stats", "--team", "--json").out)
    assert data["quarter"] == "2026-Q4"
    by_member = {m["member"]: m for m in data["members"]}
    assert by_member["paul"]["interactions"] == 1  # marie on 2026-10-01
    assert by_member["camille"]["interactions"] == 0
    assert data["held_alone"] == {"camille": [], "paul": ["thomas-bernard"], "lea": []}
    assert data["untouched"] == ["old-friend"]


def test_handover_moves_plan_items_and_lone_relationships(run: Runner, team: Path) -> None:
    git(team, "init", "-q")
    git(team, "add", "-A")
    git(team, "commit", "-qm", "start")
    result = run("--dir", str(team), "handover", "paul", "lea")
    assert result.code == 0, result.err
    assert "held by lea now: thomas-bernard\n" in result.out
    assert "held_by: lea\n" in (team / "contacts/thomas-bernard.yaml").read_text("utf-8")
    plan = (team / "plans/2026-Q4.yaml").read_text(encoding="utf-8")
    assert "owner: lea}" in plan and "owner: paul" not in plan
    subject = git(team, "log", "-1", "--format=%s").strip()
    assert subject == "handover paul to lea: 1 relationships, 1 plan items"
    assert git(team, "status", "--porcelain", "--", "contacts", "plans") == ""


def test_two_clones_with_their_own_email_log_sync_and_see_their_week(
    run: Runner, tmp_path: Path
) -> None:
    hub, first = hub_and_clone(tmp_path, dict(TEAM))
    git(first, "config", "user.email", "camille@example.org")
    assert run("--dir", str(first), "sync").code == 0
    second = clone(hub, tmp_path / "second")
    git(second, "config", "user.email", "paul@example.org")
    assert run("--dir", str(first), "log", "marie", "Renewal lunch", "--kind", "meal").code == 0
    assert run("--dir", str(second), "log", "thomas", "Referral call", "--kind", "call").code == 0
    for clone_root in (first, second, first):
        assert run("--dir", str(clone_root), "sync").code == 0
    for clone_root, member in ((first, "camille"), (second, "paul")):
        agenda = json.loads(run("--dir", str(clone_root), "week", "--json").out)
        assert agenda["member"] == member
        for section in ("plan", "meet", "touch", "give"):
            whose = [
                i["member"] in (member, None) for i in agenda["items"] if i["section"] == section
            ]
            assert whose == sorted(whose, reverse=True), (member, section)
        marie = (clone_root / "contacts/marie-dupont.yaml").read_text(encoding="utf-8")
        thomas = (clone_root / "contacts/thomas-bernard.yaml").read_text(encoding="utf-8")
        assert "note: Renewal lunch, by: camille}\n" in marie
        assert "note: Referral call, by: paul}\n" in thomas
