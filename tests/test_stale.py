"""reseau stale: active contacts not met in person within met_within_days."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import Runner
from reseau.files.store import load_network
from reseau.method.stale import stale_rows

TODAY = date(2026, 11, 30)


def ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def network(
    tmp_path: Path, contacts: dict[str, str], settings: str = "territories: [lyon]\n"
) -> Path:
    root = tmp_path / "net"
    (root / "contacts").mkdir(parents=True)
    (root / "reseau.yaml").write_text(settings, encoding="utf-8")
    for slug, text in contacts.items():
        (root / "contacts" / f"{slug}.yaml").write_text(text, encoding="utf-8")
    return root


def met(days: int, kind: str = "meeting") -> str:
    return f"interactions:\n  - {{date: {ago(days)}, kind: {kind}}}\n"


QUALIFIED = (
    "qualification: {strength: %s, sharing: 3, influence: {lyon: 3}, pleasure: 3, efficiency: 3}\n"
)


def test_boundaries_with_the_default_limit(tmp_path: Path) -> None:
    root = network(
        tmp_path,
        {
            "d364": "name: D364\n" + met(364),
            "d365": "name: D365\n" + met(365),
            "d366": "name: D366\n" + met(366),
            "d900": "name: D900\n" + met(900),
        },
    )
    rows = stale_rows(load_network(root), TODAY, 365)
    assert [(row.slug, row.days) for row in rows] == [("d900", 900), ("d366", 366)]


def test_never_met_first_best_score_first_then_the_longest_unseen(tmp_path: Path) -> None:
    root = network(
        tmp_path,
        {
            "a-never": "name: A\n",
            "b-never-qualified": "name: B\n" + QUALIFIED % "0",
            "c-never-best": "name: C\n" + QUALIFIED % "3",
            "d-called": "name: D\n" + met(2, "call"),
            "e-old": "name: E\n" + met(400),
            "f-older": "name: F\n" + met(500),
            "g-dormant": "name: G\nstatus: dormant\n",
            "h-seen": "name: H\n" + met(10),
        },
    )
    rows = stale_rows(load_network(root), TODAY, 365)
    assert [(row.slug, row.score, row.tier) for row in rows] == [
        ("c-never-best", 100, "A"),
        ("b-never-qualified", 80, "A"),
        ("a-never", None, "?"),
        ("d-called", None, "?"),
        ("f-older", None, "?"),
        ("e-old", None, "?"),
    ]
    called = rows[3]
    assert (called.last_met, called.last_contact) == (None, TODAY - timedelta(days=2))


def test_stale_on_the_sample(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "stale")
    assert result.code == 0
    assert result.out == (
        "slug             name             last met    days  last touch  score  tier\n"
        "wang-fang        王芳             never             2026-11-18     88  A\n"
        "nguyen-thu-ha    Nguyễn Thu Hà    never             2026-11-12     52  B\n"
        "javier-ortega    Javier Ortega    never             2026-06-02     30  C\n"
        "anja-schroder    Anja Schröder    never             2026-06-18         ?\n"
        "berenice-caron   Bérénice Caron   never             never              ?\n"
        "stephane-blanc   Stéphane Blanc   never             never              ?\n"
        "pawel-kowalski   Paweł Kowalski   2024-09-20   801  2026-07-01     62  B\n"
        "jurgen-strauss   Jürgen Strauß    2025-03-18   622  2026-08-20     53  B\n"
        "lucia-hernandez  Lucía Hernández  2025-06-17   531  2026-10-06     68  B\n"
        "9 of 28 active contacts not met in person within 365 days\n"
    )


def test_days_overrides_the_limit(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "stale", "--days", "240", "--json")
    slugs = [row["slug"] for row in json.loads(result.out)]
    assert slugs == [
        "wang-fang",
        "nguyen-thu-ha",
        "javier-ortega",
        "anja-schroder",
        "berenice-caron",
        "stephane-blanc",
        "pawel-kowalski",
        "jurgen-strauss",
        "lucia-hernandez",
        "sebastien-moreau",
        "thomas-bernard",
        "antoine-mercier",
        "laure-chevalier",  # 241 days, as Francois, but the better score
        "francois-lefevre",
    ]


def test_met_within_days_comes_from_reseau_yaml(run: Runner, tmp_path: Path) -> None:
    root = network(
        tmp_path,
        {"recent": "name: Recent\n" + met(30), "older": "name: Older\n" + met(31)},
        settings="met_within_days: 30\n",
    )
    result = run("--dir", str(root), "stale", "--json")
    assert json.loads(result.out) == [
        {
            "slug": "older",
            "name": "Older",
            "last_met": ago(31),
            "days_since_met": 31,
            "last_contact": ago(31),
            "score": None,
            "tier": "?",
        }
    ]
    assert result.code == 0


def test_nobody_stale(run: Runner, tmp_path: Path) -> None:
    root = network(tmp_path, {"seen": "name: Seen\n" + met(1)})
    result = run("--dir", str(root), "stale", "--days", "7")
    assert (result.code, result.out) == (
        0,
        "every active contact was met in person within the last 7 days\n",
    )


@pytest.mark.parametrize("value", ["-1", "soon"])
def test_days_must_be_a_whole_number_from_zero(run: Runner, sample: Path, value: str) -> None:
    result = run("--dir", str(sample), "stale", "--days", value)
    assert result.code == 2
    assert "--days" in result.err
