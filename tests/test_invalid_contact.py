"""A contact whose file does not validate is not unknown: its problems are said, its plan kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Runner

LUCIA = "contacts/lucia-hernandez.yaml"
REPORT = (
    "reseau: skipped 1 invalid file; run `reseau check`\n"
    f"reseau: {LUCIA} does not validate; fix it first (`reseau edit lucia-hernandez`)\n"
    f"  {LUCIA}:15: qualification.strength: must be from 0 to 3, got '9'\n"
)


@pytest.fixture
def broken(sample: Path) -> Path:
    path = sample / LUCIA
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  strength: 1\n", "  strength: 9\n"), encoding="utf-8")
    return sample


@pytest.mark.parametrize(
    "args",
    [
        ("show", "lucia"),
        ("show", "Hernández"),
        ("show", "lucia", "--json"),
        ("qualify", "lucia", "--strength", "2"),
        ("plan", "done", "lucia"),
    ],
)
def test_an_invalid_file_is_named_with_its_problems(
    run: Runner, broken: Path, args: tuple[str, ...]
) -> None:
    before = (broken / LUCIA).read_bytes()
    plan = (broken / "plans" / "2026-Q4.yaml").read_bytes()
    result = run("--dir", str(broken), *args)
    assert (result.code, result.out, result.err) == (1, "", REPORT)
    assert (broken / LUCIA).read_bytes() == before
    assert (broken / "plans" / "2026-Q4.yaml").read_bytes() == plan


def test_an_unknown_contact_is_still_unknown(run: Runner, broken: Path) -> None:
    result = run("--dir", str(broken), "show", "zorro")
    assert result.code == 1
    assert result.err.splitlines()[-1] == "reseau: no contact matches 'zorro'"


def test_plan_new_carries_the_meet_item_of_an_invalid_file(run: Runner, broken: Path) -> None:
    result = run("--dir", str(broken), "plan", "new")
    assert result.code == 0, result.err
    assert "not carried" not in result.out
    assert "wrote plans/2027-Q1.yaml: 9 undone items carried over from 2026-Q4" in result.out
    draft = (broken / "plans" / "2027-Q1.yaml").read_text(encoding="utf-8")
    assert "  - contact: lucia-hernandez\n" in draft
