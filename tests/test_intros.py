"""Introductions to suggest: who qualifies, what is shared, and the order."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reseau.files.model import Contact, Qualification, Settings, validated
from reseau.files.store import Network, load_network
from reseau.method.agenda import pick_intros
from reseau.method.intros import IntroFinder, is_across, known_pairs

SETTINGS = "territories: [lyon, export]\nobjectives: {clients: {}, pairs: {}, export: {}}\n"


def contact(
    circle: str = "clients",
    tags: str = "[]",
    lyon: int = 0,
    export: int = 0,
    level: int = 2,
    extra: str = "",
) -> str:
    """A qualified contact's YAML: every criterion at `level`, influence as given."""
    return (
        f"name: X\ncircles: [{circle}]\ntags: {tags}\n"
        f"qualification: {{strength: {level}, sharing: {level}, pleasure: {level},"
        f" efficiency: {level}, influence: {{lyon: {lyon}, export: {export}}}}}\n{extra}"
    )


def network(tmp_path: Path, contacts: dict[str, str], settings_text: str = SETTINGS) -> Network:
    (tmp_path / "contacts").mkdir(exist_ok=True)
    (tmp_path / "reseau.yaml").write_text(settings_text, encoding="utf-8")
    for slug, text in contacts.items():
        (tmp_path / "contacts" / f"{slug}.yaml").write_text(text, encoding="utf-8")
    loaded = load_network(tmp_path)
    assert not loaded.problems, [p.format() for p in loaded.problems]
    return loaded


def pairs(tmp_path: Path, contacts: dict[str, str], settings_text: str = SETTINGS) -> list[str]:
    loaded = network(tmp_path, contacts, settings_text)
    finder = IntroFinder(loaded.contacts, loaded.settings)
    return [f"{s.first}+{s.second}" for s in finder.best()]


def test_a_shared_territory_needs_an_influence_of_two_on_both_sides(tmp_path: Path) -> None:
    found = pairs(
        tmp_path,
        {
            "ann": contact("clients", lyon=3),
            "bob": contact("pairs", lyon=2),
            "cat": contact("export", lyon=1),
        },
    )
    assert found == ["ann+bob"]


def test_a_shared_tag_is_enough(tmp_path: Path) -> None:
    found = pairs(
        tmp_path, {"ann": contact("clients", "[robotics]"), "bob": contact("pairs", "[robotics]")}
    )
    assert found == ["ann+bob"]


def test_tags_match_whatever_their_case(tmp_path: Path) -> None:
    found = pairs(
        tmp_path, {"ann": contact("clients", "[Robotics]"), "bob": contact("pairs", "[robotics]")}
    )
    assert found == ["ann+bob"]


def test_only_the_networks_territories_count(tmp_path: Path) -> None:
    text = "territories: [export]\nobjectives: {clients: {}, pairs: {}}\n"
    found = pairs(
        tmp_path,
        {"ann": contact("clients", lyon=3, export=1), "bob": contact("pairs", lyon=3, export=1)},
        text,
    )
    assert found == []


def test_unqualified_and_inactive_contacts_are_left_out(tmp_path: Path) -> None:
    found = pairs(
        tmp_path,
        {
            "ann": contact("clients", "[x]"),
            "bob": "name: Bob\ncircles: [pairs]\ntags: [x]\n",
            "cat": contact("pairs", "[x]", extra="status: dormant\n"),
        },
    )
    assert found == []


def test_people_introduced_or_met_together_are_not_suggested(tmp_path: Path) -> None:
    intro = "interactions:\n  - {date: 2026-01-05, kind: intro, with: [bob]}\n"
    together = "interactions:\n  - {date: 2026-02-05, kind: event, with: [ann, dan]}\n"
    remote = "interactions:\n  - {date: 2026-03-05, kind: call, with: [ann]}\n"
    found = pairs(
        tmp_path,
        {
            "ann": contact("clients", "[x]", extra=intro),
            "bob": contact("pairs", "[x]"),
            "cat": contact("export", "[x]", extra=together),
            "dan": contact("pairs", "[x]"),
            "eve": contact("export", "[x]", level=1, extra=remote),
        },
    )
    # ann-bob introduced; cat, ann and dan at the same event; a call together does not count.
    assert sorted(found) == ["ann+eve", "bob+cat", "bob+dan", "bob+eve", "cat+eve", "dan+eve"]


def test_the_same_meeting_on_two_files_is_two_gatherings(tmp_path: Path) -> None:
    same = "interactions:\n  - {date: 2026-01-05, kind: meeting, with: [cat]}\n"
    loaded = network(
        tmp_path, {"ann": contact(extra=same), "bob": contact(extra=same), "cat": contact()}
    )
    known = known_pairs(loaded.contacts)
    assert frozenset(("ann", "cat")) in known and frozenset(("bob", "cat")) in known
    assert frozenset(("ann", "bob")) not in known
    assert known.pairs() == {frozenset(("ann", "cat")), frozenset(("bob", "cat"))}


def test_known_pairs_reads_both_sides_and_third_parties(tmp_path: Path) -> None:
    loaded = network(
        tmp_path,
        {
            "ann": contact(
                extra="interactions:\n  - {date: 2026-01-05, kind: intro, with: [bob]}\n"
            ),
            "bob": contact(),
            "cat": contact(
                extra="interactions:\n  - {date: 2026-01-05, kind: meal, with: [dan, eve]}\n"
            ),
        },
    )
    assert known_pairs(loaded.contacts).pairs() == {
        frozenset(p) for p in (("ann", "bob"), ("cat", "dan"), ("cat", "eve"), ("dan", "eve"))
    }


def test_across_circles_first_then_the_best_combined_score(tmp_path: Path) -> None:
    found = pairs(
        tmp_path,
        {
            "top1": contact("clients", "[x]", level=3),
            "top2": contact("clients", "[x]", level=3),
            "mid": contact("pairs", "[x]", level=2),
            "low": contact("export", "[x]", level=1),
        },
    )
    assert found[:2] == ["top1+mid", "top2+mid"]
    assert found[-1] == "top1+top2"  # the only pair inside one circle comes last
    assert found[2:5] == ["top1+low", "top2+low", "mid+low"]


def test_a_suggestion_says_what_is_shared(tmp_path: Path) -> None:
    loaded = network(
        tmp_path,
        {
            "ann": contact("clients", "[robotics, export]", lyon=3, export=2),
            "bob": contact("pairs", "[export, robotics]", lyon=2, export=2),
        },
    )
    (suggestion,) = IntroFinder(loaded.contacts, loaded.settings).best()
    assert suggestion.shared() == "both influential in export, lyon; both tagged export, robotics"
    assert suggestion.shared_keys() == "export, lyon, robotics"
    assert suggestion.to_json() == {
        "contacts": ["ann", "bob"],
        "score": suggestion.score,
        "across_circles": True,
        "territories": ["export", "lyon"],
        "tags": ["export", "robotics"],
    }


def test_best_for_one_contact_prefers_another_circle_and_skips_excluded(tmp_path: Path) -> None:
    loaded = network(
        tmp_path,
        {
            "me": contact("clients", "[x]"),
            "same": contact("clients", "[x]", level=3),
            "other": contact("pairs", "[x]", level=1),
            "best": contact("export", "[x]", level=2),
        },
    )
    finder = IntroFinder(loaded.contacts, loaded.settings)
    first = finder.best_for("me")
    assert first is not None and first.pair == {"me", "best"}
    second = finder.best_for("me", {frozenset(("me", "best"))})
    assert second is not None and second.pair == {"me", "other"}
    assert finder.best_for("nobody") is None


def test_the_weeks_introductions_name_each_person_once(tmp_path: Path) -> None:
    loaded = network(
        tmp_path,
        {
            "a": contact("clients", "[x]", level=3),
            "b": contact("pairs", "[x]", level=3),
            "c": contact("export", "[x]", level=2),
            "d": contact("pairs", "[x]", level=1),
            "e": contact("export", "[x]", level=1),
        },
    )
    chosen = pick_intros(IntroFinder(loaded.contacts, loaded.settings).best(), 3)
    assert [sorted(s.pair) for s in chosen] == [["a", "b"], ["c", "d"]]
    busy = pick_intros(IntroFinder(loaded.contacts, loaded.settings).best(), 3, busy=["a"])
    assert [sorted(s.pair) for s in busy] == [["b", "c"], ["d", "e"]]


people = st.fixed_dictionaries(
    {
        "circle": st.sampled_from(["a", "b", "c", ""]),  # "": no circle at all
        "tags": st.sets(st.sampled_from(["t1", "t2", "t3"]), max_size=2),
        "levels": st.tuples(*[st.integers(0, 3)] * 4),
        "lyon": st.integers(0, 3),
    }
)


@settings(max_examples=60, deadline=None)
@given(st.lists(people, min_size=0, max_size=14))
def test_the_lazy_order_is_the_order_of_every_pair_sorted(found: list[dict[str, object]]) -> None:
    """The heap-merged stream yields exactly the eligible pairs, in the documented order."""
    config = Settings.model_validate(
        {"territories": ["lyon"], "objectives": {"a": {}, "b": {}, "c": {}}}
    )
    contacts = {
        f"p{i}": Contact(
            name=f"P {i}",
            circles=[str(p["circle"])] if p["circle"] else [],
            tags=sorted(p["tags"]),  # type: ignore[call-overload]
            qualification=Qualification(
                strength=p["levels"][0],  # type: ignore[index]
                sharing=p["levels"][1],  # type: ignore[index]
                pleasure=p["levels"][2],  # type: ignore[index]
                efficiency=p["levels"][3],  # type: ignore[index]
                influence={"lyon": p["lyon"]},  # type: ignore[dict-item]
            ),
        )
        for i, p in enumerate(found)
    }
    finder = IntroFinder(contacts, config)
    lazy = [(not s.across, -s.score, s.pair) for s in finder.best()]
    expected = []
    for a, b in itertools.combinations(finder.candidates.values(), 2):
        shares = a.tags & b.tags or a.territories & b.territories
        if shares:
            expected.append(
                (not is_across(a.circles, b.circles), -(a.score + b.score), {a.slug, b.slug})
            )
    assert [key[:2] for key in lazy] == sorted(key[:2] for key in expected)
    assert sorted(map(sorted, (k[2] for k in lazy))) == sorted(
        map(sorted, (k[2] for k in expected))
    )


def _brute_best_for(
    finder: IntroFinder, contacts: dict[str, Contact], slug: str, excluded: set[frozenset[str]]
) -> object:
    """best_for's contract, by looking at every other candidate, with every known pair."""
    known = known_pairs(contacts)
    me = finder.candidates.get(slug)
    if me is None:
        return None
    keys = [
        (not is_across(me.circles, o.circles), -o.score, o.slug)
        for o in finder.candidates.values()
        if o.slug != slug
        and (me.tags & o.tags or me.territories & o.territories)
        and frozenset((slug, o.slug)) not in known
        and frozenset((slug, o.slug)) not in excluded
    ]
    return min(keys)[2] if keys else None


@settings(max_examples=60, deadline=None)
@given(
    st.lists(people, min_size=0, max_size=14),
    st.lists(st.tuples(st.integers(0, 13), st.integers(0, 13)), max_size=10),
    st.lists(st.tuples(st.integers(0, 13), st.integers(0, 13)), max_size=6),
)
def test_best_for_is_the_best_partner_among_every_other(
    found: list[dict[str, object]],
    met: list[tuple[int, int]],
    excluded_indices: list[tuple[int, int]],
) -> None:
    """The walk through the shared groups finds the partner a look at everyone finds, with
    people already met together and the excluded pairs left out."""
    config = Settings.model_validate(
        {"territories": ["lyon"], "objectives": {"a": {}, "b": {}, "c": {}}}
    )
    together = [
        {"date": date(2026, 1, 5), "kind": "meal", "with": [f"p{b}"]}
        for a, b in met
        if a < len(found) and a != b
    ]
    contacts = {
        f"p{i}": validated(
            Contact,
            {
                "name": f"P {i}",
                "circles": [str(p["circle"])] if p["circle"] else [],
                "tags": sorted(p["tags"]),  # type: ignore[call-overload]
                "qualification": {
                    "strength": p["levels"][0],  # type: ignore[index]
                    "sharing": p["levels"][1],  # type: ignore[index]
                    "pleasure": p["levels"][2],  # type: ignore[index]
                    "efficiency": p["levels"][3],  # type: ignore[index]
                    "influence": {"lyon": p["lyon"]},
                },
                "interactions": [t for t, (a, _b) in zip(together, met, strict=False) if a == i],
            },
        )
        for i, p in enumerate(found)
    }
    excluded = {frozenset((f"p{a}", f"p{b}")) for a, b in excluded_indices if a != b}
    finder = IntroFinder(contacts, config)
    for slug in contacts:
        suggestion = finder.best_for(slug, excluded)
        partner = None
        if suggestion is not None:
            partner = suggestion.second if suggestion.first == slug else suggestion.first
        assert partner == _brute_best_for(finder, contacts, slug, excluded)


gathering = st.fixed_dictionaries(
    {
        "date": st.sampled_from(["2026-01-05", "2026-06-01", "2027-01-01"]),
        "kind": st.sampled_from(["intro", "meeting", "call", "event"]),
        "with": st.lists(st.sampled_from(["p0", "p1", "p2", "p3", "zz"]), max_size=3),
    }
)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.lists(gathering, max_size=3), min_size=1, max_size=4),
    st.sampled_from([None, date(2026, 3, 1), date(2026, 12, 1)]),
)
def test_asking_about_a_pair_agrees_with_every_pair(
    logs: list[list[dict[str, object]]], today: date | None
) -> None:
    """`in` reads each person's gatherings, `pairs()` walks every file: they agree."""
    contacts = {
        f"p{i}": validated(Contact, {"name": f"P {i}", "interactions": log})
        for i, log in enumerate(logs)
    }
    known = known_pairs(contacts, today)
    every = known.pairs()
    for pair in itertools.combinations([*contacts, "zz"], 2):
        assert (frozenset(pair) in known) == (frozenset(pair) in every), pair
