"""reseau rename: the name, the file (git mv in git), every reference; all or nothing."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import Runner, write_network
from faults import kill_at_every_step, state
from test_transaction import copy_sample

REFERRING = [
    "contacts/helene-rousseau.yaml",
    "contacts/nicolas-perrin.yaml",
    "contacts/nour-el-amrani.yaml",
    "contacts/sebastien-moreau.yaml",
]


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def sample_in_git(root: Path) -> None:
    copy_sample(root)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "sample")


def changed_lines(root: Path) -> list[str]:
    diff = git(root, "diff", "--cached", "-M", "--unified=0")
    return [
        line
        for line in diff.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_renaming_a_namesake_moves_the_file_in_git_and_rewrites_every_reference(
    run: Runner, tmp_path: Path
) -> None:
    root = tmp_path / "net"
    sample_in_git(root)
    result = run("--dir", str(root), "rename", "jean-martin-2", "Jean-Baptiste Martin")
    assert result.code == 0, result.err
    assert result.out.splitlines()[:3] == [
        "renamed Jean Martin to Jean-Baptiste Martin",
        "moved contacts/jean-martin-2.yaml to contacts/jean-baptiste-martin.yaml",
        "rewrote 4 references in 4 files (jean-martin-2 -> jean-baptiste-martin):",
    ]
    git(root, "add", "-A", "contacts")
    status = git(root, "status", "--porcelain", "contacts").splitlines()
    assert "R  contacts/jean-martin-2.yaml -> contacts/jean-baptiste-martin.yaml" in status
    assert sorted(changed_lines(root)) == sorted(
        [
            "-name: Jean Martin",
            "+name: Jean-Baptiste Martin",
            "-    with: [jean-martin-2, nicolas-perrin, nour-el-amrani]",
            "+    with: [jean-baptiste-martin, nicolas-perrin, nour-el-amrani]",
            "-    with: [jean-martin-2, helene-rousseau, nour-el-amrani]",
            "+    with: [jean-baptiste-martin, helene-rousseau, nour-el-amrani]",
            "-    with: [jean-martin-2, nicolas-perrin, helene-rousseau]",
            "+    with: [jean-baptiste-martin, nicolas-perrin, helene-rousseau]",
            "-    with: [jean-martin-2]",
            "+    with: [jean-baptiste-martin]",
        ]
    )
    assert run("--dir", str(root), "check").code == 0
    shown = run("--dir", str(root), "show", "jean-baptiste-martin").out
    assert shown.startswith("Jean-Baptiste Martin  (contacts/jean-baptiste-martin.yaml)")


def test_a_hash_slug_takes_the_new_name_and_plans_follow(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "rename", "wang-fang", "Fang Wang", "--slug", "fang")
    assert result.code == 0, result.err
    assert not (sample / "contacts" / "wang-fang.yaml").exists()
    assert (sample / "contacts" / "fang.yaml").read_text(encoding="utf-8").count("Fang Wang") == 1
    plan = (sample / "plans" / "2026-Q4.yaml").read_text(encoding="utf-8")
    assert "    invite: [export, fang]\n" in plan and "wang-fang" not in plan
    assert run("--dir", str(sample), "check").code == 0


def test_keep_slug_changes_the_name_only(run: Runner, sample: Path) -> None:
    before = state(sample)
    result = run("--dir", str(sample), "rename", "marie", "Marie Dupont-Leroy", "--keep-slug")
    assert (result.code, result.out) == (0, "renamed Marie Dupont to Marie Dupont-Leroy\n")
    after = state(sample)
    assert [path for path in after if after[path] != before.get(path)] == [
        "contacts/marie-dupont.yaml"
    ]


def test_a_plan_meet_item_and_an_invite_follow_but_a_circle_of_the_same_name_does_not(
    run: Runner, tmp_path: Path
) -> None:
    root = write_network(
        tmp_path,
        {
            "reseau.yaml": "objectives:\n  ada: {}\n",
            "contacts/ada.yaml": "name: Ada\n",
            "contacts/bob.yaml": "name: Bob\ninteractions:\n"
            "  - date: 2026-01-05   # lunch\n    kind: meal\n    with:\n      - ada   # her\n",
            "plans/2026-Q4.yaml": "quarter: 2026-Q4\nmeet:\n  - contact: ada   # first\n"
            "    why: talk\nanimate:\n  - {what: Party, invite: [ada, bob]}\n",
        },
    )
    result = run("--dir", str(root), "rename", "ada", "Ada Lovelace")
    assert result.code == 0, result.err
    bob = (root / "contacts" / "bob.yaml").read_text(encoding="utf-8")
    assert bob.endswith("    with:\n      - ada-lovelace   # her\n")
    plan = (root / "plans" / "2026-Q4.yaml").read_text(encoding="utf-8")
    assert "  - contact: ada-lovelace   # first\n" in plan
    assert "invite: [ada, bob]" in plan  # ada is a circle: the invite means the circle


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["jean-martin", "Jean", "--slug", "marie-dupont"], "contacts/marie-dupont.yaml already"),
        (["jean-martin", "Jean", "--slug", "Not A Slug"], "'Not A Slug' is not a slug"),
        (["jean-martin", "  "], "the new name is empty"),
        (["jean-martin", "J", "--slug", "j", "--keep-slug"], "--slug and --keep-slug"),
        (["zorglub", "Z"], "no contact matches 'zorglub'"),
    ],
)
def test_a_wrong_rename_writes_nothing(
    run: Runner, sample: Path, args: list[str], message: str
) -> None:
    before = state(sample)
    result = run("--dir", str(sample), "rename", *args)
    assert result.code == 1, result.out
    assert message in result.err
    assert state(sample) == before


def test_a_referring_file_that_does_not_validate_stops_the_rename(
    run: Runner, sample: Path
) -> None:
    path = sample / "contacts" / "nicolas-perrin.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "status: gone\n", encoding="utf-8")
    before = state(sample)
    result = run("--dir", str(sample), "rename", "jean-martin-2", "Jean-Baptiste Martin")
    assert result.code == 1
    assert "contacts/nicolas-perrin.yaml names jean-martin-2 but does not validate" in result.err
    assert state(sample) == before


def test_rename_killed_at_every_step_leaves_the_old_network_or_the_new(tmp_path: Path) -> None:
    old, new, steps = kill_at_every_step(
        sample_in_git, tmp_path, "rename", "jean-martin-2", "Jean-Baptiste Martin"
    )
    assert sorted(set(old) - set(new)) == ["contacts/jean-martin-2.yaml"]
    assert sorted(set(new) - set(old)) == ["contacts/jean-baptiste-martin.yaml"]
    assert [path for path in old if path in new and new[path] != old[path]] == REFERRING
    assert steps >= 20
