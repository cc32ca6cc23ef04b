"""Across circles means both people have circles and share none; no circle is not a circle."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reseau.files.store import Network, load_network
from reseau.method.agenda import week_agenda
from reseau.method.intros import IntroFinder, is_across
from reseau.method.stats import network_stats

TODAY = date(2026, 11, 30)
SETTINGS = "territories: [lyon]\nobjectives: {clients: {}, pairs: {}}\n"


def person(circles: str, level: int, tags: str = "[x]", extra: str = "") -> str:
    return (
        f"name: P\ncircles: {circles}\ntags: {tags}\nsince: 2025-01-01\n"
        f"qualification: {{strength: {level}, sharing: {level}, pleasure: {level},"
        f" efficiency: {level}, influence: {{lyon: 0}}}}\n"
        "interactions:\n  - {date: 2026-11-02, kind: meeting}\n" + extra
    )


def build(tmp_path: Path, contacts: dict[str, str]) -> Network:
    (tmp_path / "contacts").mkdir()
    (tmp_path / "reseau.yaml").write_text(SETTINGS, encoding="utf-8")
    for slug, text in contacts.items():
        (tmp_path / "contacts" / f"{slug}.yaml").write_text(text, encoding="utf-8")
    network = load_network(tmp_path)
    assert not network.problems, [p.format() for p in network.problems]
    return network


def test_is_across() -> None:
    assert is_across(["clients"], ["pairs"])
    assert not is_across(["clients"], ["clients", "pairs"])
    assert not is_across([], [])
    assert not is_across([], ["pairs"])


def test_a_pair_without_circles_is_not_ranked_across(tmp_path: Path) -> None:
    network = build(
        tmp_path,
        {
            "ann": person("[]", 3),
            "bob": person("[]", 3),
            "cid": person("[clients]", 1, "[y]"),
            "dee": person("[pairs]", 1, "[y]"),
        },
    )
    found = [
        (sorted(s.pair), s.across) for s in IntroFinder(network.contacts, network.settings).best()
    ]
    assert found == [(["cid", "dee"], True), (["ann", "bob"], False)]


def test_the_agenda_does_not_call_no_circle_across(tmp_path: Path) -> None:
    network = build(tmp_path, {"ann": person("[]", 3), "bob": person("[clients]", 3)})
    (intro,) = [i for i in week_agenda(network, TODAY).items if i.kind == "intro"]
    assert intro.reason == "both tagged x · not across circles (no circle / clients)"


def test_stats_do_not_count_an_intro_without_circles_as_across(tmp_path: Path) -> None:
    intro = "  - {date: 2026-11-10, kind: intro, with: [bob]}\n"
    network = build(tmp_path, {"ann": person("[]", 3, extra=intro), "bob": person("[]", 3)})
    renewal = network_stats(network, TODAY).lines[8]
    assert (renewal.data["introductions"], renewal.data["across_circles"]) == (1, 0)
