"""`reseau check`: every problem, with its file, line and field, in one run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Runner


def write(root: Path, relpath: str, text: str) -> None:
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "name: A\nemials: [a@example.org]\n",
            "contacts/a.yaml:2: emials: unknown key 'emials'; did you mean 'emails'?",
        ),
        (
            "name: A\ncircles: [client]\n",
            "contacts/a.yaml:2: circles[1]: 'client' is not an objective of reseau.yaml; "
            "did you mean 'clients'?",
        ),
        (
            "name: A\ninteractions:\n  - date: 2026-02-30\n",
            "contacts/a.yaml:3: interactions[1].date: '2026-02-30' is not a date "
            "(day value is outside expected range); write YYYY-MM-DD",
        ),
        (
            "name: A\nqualification:\n  strength: 5\n",
            "contacts/a.yaml:3: qualification.strength: must be from 0 to 3, got '5'",
        ),
        (
            "name: A\nstatus: sleeping\n",
            "contacts/a.yaml:2: status: 'sleeping' is not one of: active, dormant, archived",
        ),
        (
            "name: A\ninteractions:\n  - date: 2026-02-03\n    kind: lunch\n",
            "contacts/a.yaml:4: interactions[1].kind: 'lunch' is not one of: meeting, meal, "
            "event, call, video, message, email, intro, invite, service; did you mean 'meal'?",
        ),
        (
            "name: A\ninteractions:\n  - date: 2026-02-03\n    tone: Négatif\n",
            "contacts/a.yaml:4: interactions[1].tone: 'Négatif' is not one of: positive, "
            "neutral, negative; did you mean 'negative'?",
        ),
        ("role: CEO\n", "contacts/a.yaml:1: name: is required"),
        (
            "name: A\nmystery: 1\n",
            "contacts/a.yaml:2: mystery: unknown key 'mystery'; expected one of:",
        ),
        ("name: ''\n", "contacts/a.yaml:1: name: cannot be empty"),
        (
            "name: A\ntags: vip\n",
            "contacts/a.yaml:2: tags: expected a list, like [a, b], got 'vip'",
        ),
        (
            "name: A\ninteractions:\n  - date: 2026-02-03\n    with: paul\n",
            "contacts/a.yaml:4: interactions[1].with: expected a list, like [a, b], got 'paul'",
        ),
    ],
)
def test_contact_errors(run: Runner, empty_network: Path, text: str, expected: str) -> None:
    write(empty_network, "contacts/a.yaml", text)
    result = run("--dir", str(empty_network), "check")
    assert result.code == 1
    assert result.out.splitlines()[0].startswith(expected)
    assert "Traceback" not in result.out + result.err


def test_every_problem_in_one_run_sorted_then_a_summary(run: Runner, empty_network: Path) -> None:
    write(empty_network, "contacts/b.yaml", "name: B\nstatus: gone\nsince: 2026-13-01\n")
    write(empty_network, "contacts/a.yaml", "- not a mapping\n")
    write(empty_network, "plans/2026-Q4.yaml", "quarter: 2026-Q3\n")
    write(empty_network, "journal.yaml", "sessions:\n  - {date: 2026-11-23, minutes: lots}\n")
    result = run("--dir", str(empty_network), "check")
    lines = result.out.splitlines()
    assert result.code == 1
    assert [line.split(": ")[0] for line in lines[:-1]] == [
        "contacts/a.yaml:1",
        "contacts/b.yaml:2",
        "contacts/b.yaml:3",
        "journal.yaml:2",
        "plans/2026-Q4.yaml:1",
    ]
    assert lines[-1].endswith("5 errors, 0 warnings")


def test_a_file_with_schema_errors_still_gets_its_circle_checked(
    run: Runner, empty_network: Path
) -> None:
    write(empty_network, "contacts/a.yaml", "name: A\ncircles: [client]\nstatus: gone\n")
    result = run("--dir", str(empty_network), "check")
    assert [line.split(": ")[1] for line in result.out.splitlines()[:-1]] == [
        "circles[1]",
        "status",
    ]


def test_references_to_an_invalid_contact_file_are_not_errors_twice(
    run: Runner, sample: Path
) -> None:
    write(sample, "contacts/marie-dupont.yaml", "name: Marie Dupont\nstatus: gone\n")
    result = run("--dir", str(sample), "check")
    assert [line.split(": ")[0] for line in result.out.splitlines()[:-1]] == [
        "contacts/marie-dupont.yaml:2"
    ]


def test_warnings_alone_exit_zero(run: Runner, empty_network: Path) -> None:
    write(empty_network, "contacts/a.yaml", "name: A\nqualification:\n  influence: {paris: 2}\n")
    result = run("--dir", str(empty_network), "check")
    assert result.code == 0
    assert result.out.splitlines()[0] == (
        "contacts/a.yaml:3: qualification.influence.paris: warning: 'paris' is not a territory "
        "of reseau.yaml; add it to territories in reseau.yaml"
    )


def test_unknown_interaction_contact_suggests_the_slug(run: Runner, sample: Path) -> None:
    write(
        sample,
        "contacts/new-person.yaml",
        "name: New Person\ninteractions:\n  - date: 2026-11-01\n    kind: intro\n"
        "    with: [paul-bernad]\n",
    )
    result = run("--dir", str(sample), "check")
    assert result.code == 1
    assert result.out.splitlines()[0] == (
        "contacts/new-person.yaml:5: interactions[1].with[1]: no contact 'paul-bernad'; "
        "did you mean 'paul-bernard'?"
    )


def test_json_gives_the_same_problems_as_objects(run: Runner, empty_network: Path) -> None:
    write(empty_network, "contacts/a.yaml", "name: A\nemials: x\n")
    result = run("--dir", str(empty_network), "check", "--json")
    assert result.code == 1
    assert json.loads(result.out) == [
        {
            "path": "contacts/a.yaml",
            "line": 2,
            "column": 1,
            "field": "emials",
            "message": "unknown key 'emials'; did you mean 'emails'?",
            "severity": "error",
            "code": "unknown-key",
        }
    ]


def test_a_value_that_should_be_a_list_has_the_list_code(run: Runner, empty_network: Path) -> None:
    text = "name: A\ntags: vip\ninteractions:\n  - {date: 2026-02-03, with: paul}\n"
    write(empty_network, "contacts/a.yaml", text)
    result = run("--dir", str(empty_network), "check", "--json")
    found = [(p["field"], p["code"]) for p in json.loads(result.out)]
    assert found == [("tags", "list-type"), ("interactions[1].with", "list-type")]


def test_a_text_where_a_mapping_goes_is_said_in_words(run: Runner, empty_network: Path) -> None:
    """A contact's qualification, an interaction and a promise are each a mapping."""
    text = "name: A\nqualification: high\ninteractions:\n  - lunch\npromises: [call]\n"
    write(empty_network, "contacts/a.yaml", text)
    result = run("--dir", str(empty_network), "check")
    assert result.code == 1
    assert result.out.splitlines()[:3] == [
        "contacts/a.yaml:2: qualification: expected a mapping (key: value lines), got 'high'",
        "contacts/a.yaml:4: interactions[1]: expected a mapping (key: value lines), got 'lunch'",
        "contacts/a.yaml:5: promises[1]: expected a mapping (key: value lines), got 'call'",
    ]
    result = run("--dir", str(empty_network), "check", "--json")
    found = [(p["field"], p["code"]) for p in json.loads(result.out)]
    assert found[:3] == [
        ("qualification", "model-type"),
        ("interactions[1]", "model-type"),
        ("promises[1]", "model-type"),
    ]


def test_read_commands_work_on_the_valid_files(run: Runner, sample: Path) -> None:
    write(sample, "contacts/zz-broken.yaml", "name: [unclosed\n")
    result = run("--dir", str(sample), "list")
    assert result.code == 0
    assert "skipped 1 invalid file; run `reseau check`" in result.err
    assert "marie-dupont" in result.out


def test_dunbar_warning(run: Runner, empty_network: Path) -> None:
    (empty_network / "reseau.yaml").write_text("dunbar_limit: 2\n", encoding="utf-8")
    for slug in ("a", "b", "c"):
        write(empty_network, f"contacts/{slug}.yaml", f"name: {slug.upper()}\n")
    result = run("--dir", str(empty_network), "check")
    assert result.code == 0
    assert result.out.splitlines()[0] == (
        "reseau.yaml:1: dunbar_limit: warning: 3 active contacts, over the limit of 2: "
        "make some dormant"
    )


def test_file_name_that_is_not_a_slug(run: Runner, empty_network: Path) -> None:
    write(empty_network, "contacts/Marie Dupont.yaml", "name: Marie Dupont\n")
    result = run("--dir", str(empty_network), "check")
    assert result.code == 1
    assert result.out.startswith("contacts/Marie Dupont.yaml: the file name is not a slug")


def test_unknown_key_inside_an_interaction_suggests(run: Runner, empty_network: Path) -> None:
    write(
        empty_network,
        "contacts/a.yaml",
        "name: A\ninteractions:\n  - date: 2026-01-02\n    knd: call\n",
    )
    result = run("--dir", str(empty_network), "check")
    assert result.out.splitlines()[0] == (
        "contacts/a.yaml:4: interactions[1].knd: unknown key 'knd'; did you mean 'kind'?"
    )


def test_an_invalid_settings_file_is_not_buried_under_false_errors(
    run: Runner, empty_network: Path
) -> None:
    write(empty_network, "reseau.yaml", "objectives: [a, b]\nterritories: [lyon]\n")
    write(
        empty_network,
        "contacts/a.yaml",
        "name: A\ncircles: [clients]\nqualification: {influence: {export: 2}}\n",
    )
    write(
        empty_network,
        "plans/2026-Q4.yaml",
        "quarter: 2026-Q4\nfocus: [clients]\nmeet:\n  - {contact: nobody}\n"
        "animate:\n  - {what: Afterwork, invite: [clients]}\n",
    )
    result = run("--dir", str(empty_network), "check")
    assert (result.code, result.err) == (1, "")
    assert result.out.splitlines()[:-1] == [
        "plans/2026-Q4.yaml:4: meet[1].contact: no contact 'nobody'",
        "reseau.yaml:1: objectives: expected a mapping (key: value lines), got a list",
    ]
    assert result.out.endswith(": 2 errors, 0 warnings\n")


def test_the_sample_with_a_broken_settings_file_reports_that_file_only(
    run: Runner, sample: Path
) -> None:
    settings = (sample / "reseau.yaml").read_text(encoding="utf-8")
    write(sample, "reseau.yaml", settings.replace("objectives:\n", "objectives: [a, b]\nold:\n", 1))
    result = run("--dir", str(sample), "check")
    assert result.code == 1
    assert [line.split(": ")[0] for line in result.out.splitlines()[:-1]] == [
        "reseau.yaml:21",
        "reseau.yaml:22",
    ]
