"""Size is no weapon: files just under the limits, built here, give their problems counted
and capped, and every reading command finishes (how fast lives in bench/, not here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Runner
from reseau.files.yamlio import MAX_FILE_BYTES
from reseau.method.intros import known_pairs


def many_territories(count: int) -> str:
    lines = "".join(f"    t{i}: 2\n" for i in range(count))
    return f"name: Terr\nqualification:\n  strength: 2\n  influence:\n{lines}"


def many_others(count: int) -> str:
    names = ", ".join(f"ghost-{i}" for i in range(count))
    return (
        f"name: With\ninteractions:\n  - date: 2026-11-20\n    kind: meeting\n    with: [{names}]\n"
    )


@pytest.fixture
def hostile(sample: Path) -> Path:
    contacts = sample / "contacts"
    (contacts / "zz-terr.yaml").write_text(many_territories(5000), encoding="utf-8")
    (contacts / "zz-with.yaml").write_text(many_others(3000), encoding="utf-8")
    (contacts / "zz-name.yaml").write_text("name: " + "A" * (MAX_FILE_BYTES - 200) + "\n")
    return sample


def test_check_counts_every_problem_and_shows_ten_of_a_kind(run: Runner, hostile: Path) -> None:
    result = run("--dir", str(hostile), "check")
    assert result.code == 1
    lines = result.out.splitlines()
    territories = [line for line in lines if line.startswith("contacts/zz-terr.yaml")]
    assert len(territories) == 11
    assert territories[0].startswith("contacts/zz-terr.yaml:5: qualification.influence.t0: ")
    assert territories[-1] == (
        "contacts/zz-terr.yaml:15: ... and 4,990 more warnings like these (unknown-territory)"
    )
    others = [line for line in lines if line.startswith("contacts/zz-with.yaml")]
    assert len(others) == 11
    assert others[0] == "contacts/zz-with.yaml:5: interactions[1].with[1]: no contact 'ghost-0'"
    assert others[9].endswith("with[10]: no contact 'ghost-9'")
    assert others[-1] == (
        "contacts/zz-with.yaml:5: ... and 2,990 more problems like these (unknown-contact)"
    )
    assert lines[-1].endswith(": 3000 errors, 5000 warnings")


def test_check_json_keeps_every_problem(run: Runner, hostile: Path) -> None:
    problems = json.loads(run("--dir", str(hostile), "check", "--json").out)
    codes = [p["code"] for p in problems]
    assert (codes.count("unknown-territory"), codes.count("unknown-contact")) == (5000, 3000)


def test_week_list_and_show_read_the_hostile_files(run: Runner, hostile: Path) -> None:
    for args in (["week"], ["week", "--json"], ["list"], ["show", "zz-terr"], ["show", "zz-with"]):
        result = run("--dir", str(hostile), *args)
        assert result.code == 0, (args, result.err)


def test_a_name_of_a_megabyte_is_cut_in_tables(
    run: Runner, hostile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS")  # no terminal to fit: nothing else would cut the name
    lines = run("--dir", str(hostile), "list").out.splitlines()
    (row,) = [line for line in lines if line.startswith("zz-name ")]
    assert "A" * 199 + "…" in row and "A" * 200 not in row
    assert max(len(line) for line in lines) < 400


def test_one_meeting_with_thousands_is_one_gathering_not_millions_of_pairs(
    hostile: Path,
) -> None:
    from reseau.files.store import load_network

    contacts = load_network(hostile).contacts
    known = known_pairs(contacts)
    assert frozenset(("ghost-1", "ghost-2999")) in known
    assert frozenset(("zz-with", "ghost-7")) in known
    assert frozenset(("ghost-1", "marie-dupont")) not in known
    assert len(known_pairs({"zz-with": contacts["zz-with"]})) == 1  # one gathering of 3,001


def test_sixteen_thousand_unknown_keys_are_each_located(run: Runner, empty_network: Path) -> None:
    keys = "".join(f"k{i}: x\n" for i in range(16000))
    (empty_network / "contacts" / "x.yaml").write_text("name: X\n" + keys, encoding="utf-8")
    problems = json.loads(run("--dir", str(empty_network), "check", "--json").out)
    assert [p["line"] for p in problems] == list(range(2, 16002))
    lines = run("--dir", str(empty_network), "check").out.splitlines()
    assert lines[10] == "contacts/x.yaml:12: ... and 15,990 more problems like these (unknown-key)"
