"""Score and tier: the weighted mean of five criteria, with reseau.yaml's weights and thresholds."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reseau.files.model import Contact, Settings, validated
from reseau.method.scoring import (
    best_influence,
    criteria,
    missing_criteria,
    score,
    score_of,
    tier_of,
)

DEFAULT = Settings.model_validate({"territories": ["lyon", "export"]})


def settings(**scoring: Any) -> Settings:
    return Settings.model_validate({"territories": ["lyon", "export"], "scoring": scoring})


def contact(**qualification: Any) -> Contact:
    return validated(Contact, {"name": "Someone", "qualification": qualification})


def levels(s: int, sh: int, i: int, p: int, e: int) -> dict[str, int | None]:
    return {"strength": s, "sharing": sh, "influence": i, "pleasure": p, "efficiency": e}


def test_score_is_the_weighted_mean_out_of_100() -> None:
    # 20*2 + 25*3 + 25*3 + 15*2 + 15*2 = 250 out of 300
    marie = contact(
        strength="2", sharing="3", influence={"lyon": "3"}, pleasure="2", efficiency="2"
    )
    assert score(marie, DEFAULT) == 83


def test_all_top_levels_score_100_and_all_zero_score_0() -> None:
    assert score_of(levels(3, 3, 3, 3, 3), DEFAULT) == 100
    assert score_of(levels(0, 0, 0, 0, 0), DEFAULT) == 0


def test_weights_that_do_not_sum_to_100_are_normalised() -> None:
    equal = settings(
        weights={"strength": 1, "sharing": 1, "influence": 1, "pleasure": 1, "efficiency": 1}
    )
    # the plain mean: 9 out of 15
    assert score_of(levels(3, 3, 3, 0, 0), equal) == 60
    doubled = settings(
        weights={"strength": 40, "sharing": 50, "influence": 50, "pleasure": 30, "efficiency": 30}
    )
    assert score_of(levels(2, 3, 3, 2, 2), doubled) == 83


def test_a_criterion_weighted_zero_does_not_count() -> None:
    only_strength = settings(
        weights={"strength": 5, "sharing": 0, "influence": 0, "pleasure": 0, "efficiency": 0}
    )
    assert score_of(levels(2, 0, 0, 0, 0), only_strength) == 67
    assert score_of(levels(2, 3, 3, 3, 3), only_strength) == 67


def test_halves_round_up() -> None:
    # weights sum to 8, weighted total 3: 3 * 100 / 24 = 12.5
    odd = settings(
        weights={"strength": 1, "sharing": 1, "influence": 1, "pleasure": 5, "efficiency": 0}
    )
    assert score_of(levels(1, 1, 1, 0, 3), odd) == 13


def test_weights_summing_to_zero_give_no_score() -> None:
    zero = settings(
        weights={"strength": 0, "sharing": 0, "influence": 0, "pleasure": 0, "efficiency": 0}
    )
    assert score_of(levels(3, 3, 3, 3, 3), zero) is None


@pytest.mark.parametrize("missing", ["strength", "sharing", "influence", "pleasure", "efficiency"])
def test_a_missing_criterion_leaves_the_contact_unqualified(missing: str) -> None:
    values = {
        "strength": "2",
        "sharing": "2",
        "influence": {"lyon": "2"},
        "pleasure": "2",
        "efficiency": "2",
    }
    del values[missing]
    someone = contact(**values)
    assert score(someone, DEFAULT) is None
    assert tier_of(score(someone, DEFAULT), DEFAULT) == "?"
    assert missing_criteria(someone, DEFAULT) == [missing]


def test_no_qualification_misses_every_criterion() -> None:
    bare = validated(Contact, {"name": "Bare"})
    assert score(bare, DEFAULT) is None
    assert missing_criteria(bare, DEFAULT) == [
        "strength",
        "sharing",
        "influence",
        "pleasure",
        "efficiency",
    ]


def test_influence_is_the_best_over_the_networks_territories() -> None:
    q = contact(influence={"lyon": "1", "export": "3"}).qualification
    assert q is not None
    assert best_influence(q, ["lyon", "export"]) == 3
    assert best_influence(q, ["lyon"]) == 1


def test_influence_only_on_territories_not_cultivated_counts_zero() -> None:
    q = contact(influence={"paris": "3"}).qualification
    assert q is not None
    assert best_influence(q, ["lyon", "export"]) == 0


def test_without_territories_the_best_influence_rated_counts() -> None:
    q = contact(influence={"paris": "2", "berlin": "1"}).qualification
    assert q is not None
    assert best_influence(q, []) == 2


def test_no_influence_rated_is_missing() -> None:
    q = contact(strength="1").qualification
    assert q is not None
    assert best_influence(q, ["lyon"]) is None
    assert criteria(q, DEFAULT)["influence"] is None


@pytest.mark.parametrize(
    ("value", "tier"),
    [(100, "A"), (70, "A"), (69, "B"), (40, "B"), (39, "C"), (0, "C"), (None, "?")],
)
def test_tier_thresholds(value: int | None, tier: str) -> None:
    assert tier_of(value, DEFAULT) == tier


def test_tier_thresholds_come_from_reseau_yaml() -> None:
    strict = settings(tiers={"A": 90, "B": 60})
    assert [tier_of(v, strict) for v in (90, 89, 60, 59)] == ["A", "B", "B", "C"]


level = st.integers(min_value=0, max_value=3)
weight = st.integers(min_value=0, max_value=1000)


@given(
    st.tuples(level, level, level, level, level),
    st.tuples(weight, weight, weight, weight, weight).filter(lambda w: sum(w) > 0),
    st.integers(min_value=2, max_value=50),
)
def test_score_is_0_to_100_and_scaling_the_weights_changes_nothing(
    values: tuple[int, int, int, int, int],
    weights: tuple[int, int, int, int, int],
    factor: int,
) -> None:
    names = ("strength", "sharing", "influence", "pleasure", "efficiency")
    base = settings(weights=dict(zip(names, weights, strict=True)))
    scaled = settings(weights={n: w * factor for n, w in zip(names, weights, strict=True)})
    value = score_of(dict(zip(names, values, strict=True)), base)
    assert value is not None and 0 <= value <= 100
    assert score_of(dict(zip(names, values, strict=True)), scaled) == value
