"""reseau list: the computed columns, --tier and --sort."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Runner

GOLDEN = Path(__file__).parent / "golden"


def slugs(out: str) -> list[str]:
    return [line.split()[0] for line in out.splitlines()[1:-1]]


def test_the_table_has_the_computed_columns(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "list", "--circle", "clients", "--sort", "score")
    assert result.code == 0
    assert result.out == (GOLDEN / "list-clients-by-score.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("tier", "expected"),
    [
        (
            "A",
            [
                "agnes-girard",
                "elodie-fournier",
                "helene-rousseau",
                "jean-martin-2",
                "laure-chevalier",
                "marie-dupont",
                "thomas-bernard",
                "wang-fang",
            ],
        ),
        (
            "c",
            [
                "gregoire-vincent",
                "javier-ortega",
                "mathieu-roux",
                "olivier-garnier",
                "paul-bernard",
                "sophie-marchand",
            ],
        ),
        (
            "?",
            [
                "anja-schroder",
                "antoine-mercier",
                "berenice-caron",
                "chloe-lambert",
                "nour-el-amrani",
                "stephane-blanc",
            ],
        ),
    ],
)
def test_tier_filters(run: Runner, sample: Path, tier: str, expected: list[str]) -> None:
    result = run("--dir", str(sample), "list", "--tier", tier)
    assert result.code == 0
    assert slugs(result.out) == expected
    assert result.out.splitlines()[-1] == f"{len(expected)} contacts"


def test_tier_combines_with_the_other_filters(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "list", "--tier", "B", "--status", "dormant", "--json")
    assert [row["slug"] for row in json.loads(result.out)] == ["isabelle-faure"]


def test_sort_by_last_met_puts_never_met_first_then_the_longest_unseen(
    run: Runner, sample: Path
) -> None:
    result = run("--dir", str(sample), "list", "--sort", "last-met", "--status", "active")
    assert slugs(result.out)[:9] == [
        "anja-schroder",
        "berenice-caron",
        "javier-ortega",
        "nguyen-thu-ha",
        "stephane-blanc",
        "wang-fang",
        "pawel-kowalski",
        "jurgen-strauss",
        "lucia-hernandez",
    ]
    assert slugs(result.out)[-1] == "agnes-girard"


def test_sort_by_name_ignores_case_and_accents(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "list", "--sort", "name", "--circle", "export", "--json")
    names = [row["name"] for row in json.loads(result.out)]
    assert names == [
        "Anja Schröder",
        "François Lefèvre",
        "Javier Ortega",
        "Jürgen Strauß",
        "Karim Benali",
        "Laure Chevalier",
        "Lucía Hernández",
        "Nguyễn Thu Hà",
        "王芳",
    ]


def test_sort_by_score_puts_the_unqualified_last(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "list", "--sort", "score", "--json")
    scores = [row["score"] for row in json.loads(result.out)]
    assert scores[:3] == [95, 95, 88]
    assert scores[-6:] == [None] * 6
    known = [s for s in scores if s is not None]
    assert known == sorted(known, reverse=True)


def test_json_rows_carry_the_computed_fields(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "list", "--json")
    rows = {row["slug"]: row for row in json.loads(result.out)}
    assert {
        k: rows["marie-dupont"][k]
        for k in ("score", "tier", "last_met", "last_contact", "cadence_days", "cadence", "due_on")
    } == {
        "score": 83,
        "tier": "A",
        "last_met": "2026-10-22",
        "last_contact": "2026-10-22",
        "cadence_days": 30,
        "cadence": "due",
        "due_on": "2026-11-21",
    }
    assert (rows["stephane-blanc"]["cadence"], rows["stephane-blanc"]["due_on"]) == (
        "due",
        "2026-11-30",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--tier", "D"), "'D' is not a tier; use A, B, C or ?"),
        (("--sort", "age"), "'age' is not a sort; use score, last-met or name"),
        (
            ("--status", "activ"),
            "'activ' is not a status; use one of: active, dormant, archived;"
            " did you mean 'active'?",
        ),
        (
            ("--circle", "clientz"),
            "'clientz' is not an objective of reseau.yaml; use one of: clients, pairs, export;"
            " did you mean 'clients'?",
        ),
        (
            ("--circle", "nope"),
            "'nope' is not an objective of reseau.yaml; use one of: clients, pairs, export\n",
        ),
    ],
)
def test_bad_filter_or_sort_is_a_usage_error(
    run: Runner, sample: Path, args: tuple[str, ...], message: str
) -> None:
    result = run("--dir", str(sample), "list", *args)
    assert result.code == 2
    assert message in result.err


def test_a_circle_is_checked_against_the_objectives(run: Runner, empty_network: Path) -> None:
    (empty_network / "reseau.yaml").write_text("owner: Me\n", encoding="utf-8")
    (empty_network / "contacts" / "a.yaml").write_text(
        "name: A\ncircles: [clients]\n", encoding="utf-8"
    )
    result = run("--dir", str(empty_network), "list", "--circle", "clients")
    assert result.code == 2
    assert (
        "Invalid value for --circle: 'clients' is not an objective of reseau.yaml, which has none"
        in result.err
    )


def test_a_circle_is_not_checked_while_the_settings_do_not_validate(
    run: Runner, empty_network: Path
) -> None:
    (empty_network / "reseau.yaml").write_text("objectives: [clients]\n", encoding="utf-8")
    (empty_network / "contacts" / "a.yaml").write_text(
        "name: A\ncircles: [clients]\n", encoding="utf-8"
    )
    result = run("--dir", str(empty_network), "list", "--circle", "clients", "--json")
    assert (result.code, result.err) == (0, "reseau: skipped 1 invalid file; run `reseau check`\n")
    assert [row["slug"] for row in json.loads(result.out)] == ["a"]
