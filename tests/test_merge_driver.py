"""The merge driver's rules, one by one: three versions in, our text with the merge out."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import Runner, write_network
from reseau.cli.mergedriver import run as run_driver
from reseau.files.merge import merge_texts
from reseau.files.yamlio import parse_text

BASE = """\
name: Marie Dupont   # key account
emails: [marie@example.org]
company: Acme
tags: [export, industry]
qualification:
  strength: 2
  sharing: 3
interactions:
  - date: 2026-10-02
    kind: meeting
    tone: positive
    note: Lunch, talked about her export project
"""


def merged(base: str, ours: str, theirs: str, relpath: str = "contacts/marie-dupont.yaml"):
    result = merge_texts(base.encode(), ours.encode(), theirs.encode(), relpath)
    assert result.text is not None
    return result


def data(text: str) -> dict:
    loaded = parse_text(text, "x.yaml")
    assert loaded.data is not None, loaded.problems
    return loaded.data


def test_two_logs_on_two_devices_both_stay_in_date_order() -> None:
    ours = BASE + "  - date: 2026-11-30\n    kind: call\n    note: Call about export\n"
    theirs = BASE + (
        "  - date: 2026-11-20   # at the fair\n    kind: meal\n    note: Coffee in Lyon\n"
    )
    result = merged(BASE, ours, theirs)
    assert result.conflicts == []
    notes = [i["note"] for i in data(result.text)["interactions"]]
    assert notes == [
        "Lunch, talked about her export project",
        "Coffee in Lyon",
        "Call about export",
    ]
    assert "name: Marie Dupont   # key account\n" in result.text
    assert "  - date: 2026-11-20   # at the fair\n" in result.text  # their text, as written


def test_their_comments_stay_where_we_changed_nothing() -> None:
    ours = BASE + "  - date: 2026-11-30\n    kind: call\n"
    theirs = BASE.replace("company: Acme\n", "company: Acme\n# she moves to Paris in 2027\n")
    theirs += "  - date: 2026-11-29\n    kind: meal\n"
    result = merged(BASE, ours, theirs)
    assert "company: Acme\n# she moves to Paris in 2027\n" in result.text
    assert [i["date"] for i in data(result.text)["interactions"]] == [
        "2026-10-02",
        "2026-11-29",
        "2026-11-30",
    ]


def test_lists_of_values_take_both_sides_additions_and_removals() -> None:
    ours = BASE.replace("[marie@example.org]", "[marie@example.org, m.dupont@acme.fr]")
    theirs = BASE.replace("[export, industry]", "[export, fair]")
    result = merged(BASE, ours, theirs)
    merged_data = data(result.text)
    assert merged_data["emails"] == ["marie@example.org", "m.dupont@acme.fr"]
    assert merged_data["tags"] == ["export", "fair"]
    assert result.conflicts == []


def test_a_single_value_changed_on_one_side_takes_the_change() -> None:
    theirs = BASE.replace("strength: 2", "strength: 3").replace("company: Acme", "company: Acme SA")
    ours = BASE.replace("sharing: 3", "sharing: 1")
    result = merged(BASE, ours, theirs)
    assert data(result.text)["qualification"] == {"strength": "3", "sharing": "1"}
    assert data(result.text)["company"] == "Acme SA"
    assert result.conflicts == []


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    changed = BASE.replace("company: Acme", "company: Acme SA")
    result = merged(BASE, changed, changed)
    assert result.text == changed and result.conflicts == []


def test_a_value_changed_differently_on_both_sides_is_marked_alone() -> None:
    ours = BASE.replace("company: Acme", "company: Acme") + (
        "  - date: 2026-11-30\n    kind: call\n    note: Call about export\n"
    )
    ours = ours.replace("company: Acme", "company: Acme")
    theirs = BASE.replace("company: Acme", "company: Acme Corp")
    ours = ours.replace("company: Acme\n", "company: Acme Industries\n")
    result = merged(BASE, ours, theirs)
    assert [c.path for c in result.conflicts] == [["company"]]
    assert (
        "<<<<<<< ours\ncompany: Acme Industries\n=======\ncompany: Acme Corp\n>>>>>>> theirs\n"
        in result.text
    )
    assert result.text.count("<<<<<<<") == 1
    problems = parse_text(result.text, "contacts/marie-dupont.yaml").problems
    assert [p.format() for p in problems] == [
        "contacts/marie-dupont.yaml:3: company: changed on both sides ('Acme Industries' here, "
        "'Acme Corp' there): keep the right one and remove the markers"
    ]
    assert "Call about export" in result.text  # the rest is merged, not left to the user


def test_a_nested_conflict_names_its_field() -> None:
    result = merged(
        BASE, BASE.replace("strength: 2", "strength: 3"), BASE.replace("strength: 2", "strength: 0")
    )
    problems = parse_text(result.text, "c.yaml").problems
    assert [p.format() for p in problems] == [
        "c.yaml:6: qualification.strength: changed on both sides ('3' here, '0' there): "
        "keep the right one and remove the markers"
    ]


def test_an_item_edited_on_both_sides_names_its_position() -> None:
    ours = BASE.replace("tone: positive", "tone: neutral")
    theirs = BASE.replace("tone: positive", "tone: negative")
    problems = parse_text(merged(BASE, ours, theirs).text, "c.yaml").problems
    assert [p.field for p in problems] == ["interactions[1].tone"]
    assert "('neutral' here, 'negative' there)" in problems[0].message


def test_a_note_edited_here_and_a_tone_there_is_one_interaction_with_both() -> None:
    ours = BASE.replace("export project", "export project in Asia")
    theirs = BASE.replace("tone: positive", "tone: neutral")
    result = merged(BASE, ours, theirs)
    assert result.conflicts == []
    assert data(result.text)["interactions"] == [
        {
            "date": "2026-10-02",
            "kind": "meeting",
            "tone": "neutral",
            "note": "Lunch, talked about her export project in Asia",
        }
    ]


def test_with_edited_here_and_note_edited_there_merge_into_one_interaction() -> None:
    ours = BASE.replace("    tone: positive\n", "    tone: positive\n    with: [paul-bernard]\n")
    theirs = BASE.replace("Lunch, talked", "Lunch at Bocuse, talked")
    interactions = data(merged(BASE, ours, theirs).text)["interactions"]
    assert [(i["note"], i.get("with")) for i in interactions] == [
        ("Lunch at Bocuse, talked about her export project", ["paul-bernard"])
    ]


def test_a_note_edited_differently_on_both_sides_is_a_conflict_not_two_interactions() -> None:
    ours = BASE.replace("her export project", "her project")
    theirs = BASE.replace("her export project", "the fair")
    result = merged(BASE, ours, theirs)
    assert [c.path for c in result.conflicts] == [["interactions", 0, "note"]]


def test_two_new_interactions_of_one_day_beside_an_edit_are_not_taken_for_it() -> None:
    ours = BASE.replace("her export project", "her project") + (
        "  - date: 2026-10-02\n    kind: meeting\n    note: Second meeting that day\n"
    )
    theirs = BASE.replace("tone: positive", "tone: neutral")
    interactions = data(merged(BASE, ours, theirs).text)["interactions"]
    assert sorted(i["note"] for i in interactions) == [
        "Lunch, talked about her export project",
        "Lunch, talked about her project",
        "Second meeting that day",
    ]


def test_added_on_both_sides_merges_with_an_empty_base() -> None:
    ours = "name: Paul Bernard\nemails: [paul@example.org]\ninteractions:\n" + (
        "  - date: 2026-11-01\n    kind: call\n    note: First call\n"
    )
    theirs = "name: Paul Bernard\nemails: [p.bernard@example.org]\ninteractions:\n" + (
        "  - date: 2026-11-03\n    kind: meal\n    note: Lunch\n"
    )
    result = merged("", ours, theirs)
    assert result.conflicts == []
    merged_data = data(result.text)
    assert merged_data["emails"] == ["paul@example.org", "p.bernard@example.org"]
    assert [i["note"] for i in merged_data["interactions"]] == ["First call", "Lunch"]


def test_added_on_both_sides_with_different_values_conflicts() -> None:
    result = merged("", "name: Paul Bernard\ncompany: A\n", "name: Paul Bernard\ncompany: B\n")
    assert [c.path for c in result.conflicts] == [["company"]]


def test_deleted_on_one_side_and_untouched_on_the_other_is_deleted() -> None:
    ours = BASE.replace("company: Acme\n", "")
    ours = ours.replace(
        "  - date: 2026-10-02\n    kind: meeting\n    tone: positive\n"
        "    note: Lunch, talked about her export project\n",
        "  - date: 2026-11-30\n    kind: call\n",
    )
    theirs = BASE.replace("sharing: 3", "sharing: 2")
    result = merged(BASE, ours, theirs)
    merged_data = data(result.text)
    assert "company" not in merged_data
    assert merged_data["interactions"] == [{"date": "2026-11-30", "kind": "call"}]
    assert merged_data["qualification"]["sharing"] == "2"


def test_deleted_on_one_side_and_edited_on_the_other_keeps_the_edit() -> None:
    item = (
        "  - date: 2026-10-02\n    kind: meeting\n    tone: positive\n"
        "    note: Lunch, talked about her export project\n"
    )
    ours = BASE.replace(item, "  - date: 2026-11-30\n    kind: call\n")
    theirs = BASE.replace("tone: positive", "tone: positive\n    gave: The broker's contact")
    result = merged(BASE, ours, theirs)
    interactions = data(result.text)["interactions"]
    assert [i["date"] for i in interactions] == ["2026-10-02", "2026-11-30"]
    assert interactions[0]["gave"] == "The broker's contact"
    assert result.conflicts == []


def test_crlf_files_stay_crlf() -> None:
    base = BASE.replace("\n", "\r\n")
    ours = (BASE + "  - date: 2026-11-30\n    kind: call\n").replace("\n", "\r\n")
    theirs = BASE.replace("company: Acme", "company: Acme SA") + (
        "  - date: 2026-11-29\n    kind: meal\n"
    )
    result = merged(base, ours, theirs)
    assert "\n" not in result.text.replace("\r\n", "")
    merged_data = data(result.text)
    assert merged_data["company"] == "Acme SA"
    assert [i["date"] for i in merged_data["interactions"]] == [
        "2026-10-02",
        "2026-11-29",
        "2026-11-30",
    ]


def test_journal_sessions_and_plan_items_are_unions() -> None:
    journal = "sessions:\n  - {date: 2026-11-16, minutes: 200}\n"
    result = merged(
        journal,
        journal + "  - {date: 2026-11-30, minutes: 240, note: Mine}\n",
        journal + "  - {date: 2026-11-23, minutes: 180}\n",
        "journal.yaml",
    )
    assert [s["date"] for s in data(result.text)["sessions"]] == [
        "2026-11-16",
        "2026-11-23",
        "2026-11-30",
    ]
    plan = "quarter: 2026-Q4\nmeet:\n  - contact: marie-dupont\n    done: null\n"
    result = merged(
        plan,
        plan.replace("done: null", "done: 2026-11-30"),
        plan + "  - contact: paul-bernard\n    why: the sale\n",
        "plans/2026-Q4.yaml",
    )
    assert data(result.text)["meet"] == [
        {"contact": "marie-dupont", "done": "2026-11-30"},
        {"contact": "paul-bernard", "why": "the sale"},
    ]


def _driver_files(tmp_path: Path, base: str, ours: str, theirs: str) -> list[str]:
    names = []
    for name, text in (("base", base), ("ours", ours), ("theirs", theirs)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        names.append(str(tmp_path / name))
    return [*names, "contacts/marie-dupont.yaml"]


def test_the_driver_writes_ours_and_exits_zero_when_clean(tmp_path: Path) -> None:
    ours = BASE + "  - date: 2026-11-30\n    kind: call\n"
    theirs = BASE + "  - date: 2026-11-29\n    kind: meal\n"
    assert run_driver(_driver_files(tmp_path, BASE, ours, theirs)) == 0
    text = (tmp_path / "ours").read_text(encoding="utf-8")
    assert [i["date"] for i in data(text)["interactions"]] == [
        "2026-10-02",
        "2026-11-29",
        "2026-11-30",
    ]


def test_the_driver_exits_non_zero_on_a_conflict(tmp_path: Path) -> None:
    ours, theirs = BASE.replace("Acme", "Acme SA"), BASE.replace("Acme", "Acme Corp")
    assert run_driver(_driver_files(tmp_path, BASE, ours, theirs)) == 1
    assert "<<<<<<< ours\n" in (tmp_path / "ours").read_text(encoding="utf-8")


def test_a_file_that_does_not_parse_falls_back_to_git_text_merge(tmp_path: Path) -> None:
    broken = BASE.replace("company: Acme", "company: [Acme")
    theirs = BASE.replace("tone: positive", "tone: neutral")
    files = _driver_files(tmp_path, BASE, broken, theirs)
    assert run_driver(files) == 0  # git merged the two line changes far apart
    text = (tmp_path / "ours").read_text(encoding="utf-8")
    assert "company: [Acme\n" in text and "tone: neutral\n" in text
    conflicting = BASE.replace("tone: positive", "tone: [x")
    files = _driver_files(tmp_path, BASE, conflicting, theirs)
    assert run_driver(files) == 1
    assert "<<<<<<< ours" in (tmp_path / "ours").read_text(encoding="utf-8")


def test_the_driver_starts_without_typer(tmp_path: Path) -> None:
    files = _driver_files(tmp_path, BASE, BASE, BASE)
    code = (
        "import sys; from reseau.cli.main import main; sys.argv = ['reseau', 'merge-driver', "
        + ", ".join(repr(f) for f in files)
        + "]\ntry:\n    main()\nexcept SystemExit as e:\n    assert e.code == 0, e.code\n"
        "assert 'typer' not in sys.modules and 'pydantic' not in sys.modules"
    )
    subprocess.run([__import__("sys").executable, "-c", code], check=True)


def test_check_explains_a_conflict_without_advising_to_drop_a_side(
    run: Runner, empty_network: Path
) -> None:
    result = merged(
        BASE, BASE.replace("company: Acme", "company: Acme"), BASE
    )  # clean merges leave no marker
    assert "<<<<<<<" not in result.text
    conflicted = merged(
        BASE, BASE.replace("Acme", "Acme Industries"), BASE.replace("Acme", "Acme Corp")
    ).text
    write_network(empty_network, {"contacts/marie-dupont.yaml": conflicted})
    outcome = run("--dir", str(empty_network), "check")
    assert outcome.code == 1
    assert (
        "contacts/marie-dupont.yaml:3: company: changed on both sides ('Acme Industries' here, "
        "'Acme Corp' there): keep the right one and remove the markers"
    ) in outcome.out
    assert "keep one side" not in outcome.out


@pytest.mark.parametrize("marker", ["<<<<<<< HEAD", ">>>>>>> theirs"])
def test_a_plain_git_conflict_is_named_with_safe_advice(marker: str) -> None:
    text = BASE + (
        "<<<<<<< HEAD\n  - date: 2026-11-30\n    note: a\n=======\n"
        "  - date: 2026-11-29\n    note: b\n>>>>>>> theirs\n"
    )
    if marker.startswith(">"):
        text = BASE + marker + "\n"
    problems = parse_text(text, "c.yaml").problems
    assert problems and all(p.code == "conflict" for p in problems)
    assert all("keep one side" not in p.message for p in problems)


def test_a_value_that_changes_shape_falls_back_to_git_text_merge(tmp_path: Path) -> None:
    """A mapping on one side, text on the other: git's own merge, never a lost side."""
    base = "name: A\ncity: Lyon\n"
    ours = "name: A\ncity: Lyon\nqualification:\n  strength: 2\n"
    theirs = "name: A\ncity: Chambéry\nqualification: x\n"
    assert run_driver(_driver_files(tmp_path, base, ours, theirs)) == 1
    text = (tmp_path / "ours").read_text(encoding="utf-8")
    assert "<<<<<<< ours" in text
    assert "city: Chambéry\n" in text and "  strength: 2\n" in text


def test_numbers_and_dates_taken_from_their_side_stay_plain() -> None:
    base = "name: Marie Dupont\nsince: 2024-01-01\ntags: [export]\n"
    ours = "name: Marie Dupont\nsince: 2024-02-01\ntags: [export]\n"
    theirs = (
        "name: Marie Dupont\nsince: 2024-01-01\ncadence_days: 45\nbirthday: 1980-03-04\n"
        "tags: [export, 2026]\nqualification:\n  strength: 3\n"
    )
    result = merged(base, ours, theirs)
    assert result.conflicts == []
    assert "cadence_days: 45\n" in result.text
    assert "birthday: 1980-03-04\n" in result.text
    assert "tags: [export, 2026]\n" in result.text
    assert "strength: 3\n" in result.text
    assert "since: 2024-02-01\n" in result.text
    assert '"' not in result.text


def test_text_their_side_quoted_stays_quoted() -> None:
    base = "name: Marie Dupont\n"
    ours = "name: Marie Dupont\ncompany: Acme\n"
    theirs = "name: Marie Dupont\nrole: '45'\nnotes: \"2026-01-01\"\n"
    result = merged(base, ours, theirs)
    assert data(result.text)["role"] == "45"
    assert 'role: "45"\n' in result.text or "role: '45'\n" in result.text
    assert 'notes: "2026-01-01"\n' in result.text or "notes: '2026-01-01'\n" in result.text


def test_a_conflict_keeps_both_sides_numbers_plain() -> None:
    base = "name: Marie Dupont\ncadence_days: 30\n"
    ours = "name: Marie Dupont\ncadence_days: 45\n"
    theirs = "name: Marie Dupont\ncadence_days: 60\n"
    result = merge_texts(base.encode(), ours.encode(), theirs.encode(), "contacts/m.yaml")
    assert result.conflicts
    assert result.text is not None
    assert "cadence_days: 45\n" in result.text
    assert "cadence_days: 60\n" in result.text
