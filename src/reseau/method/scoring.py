"""Qualification (recommendation 3): a score out of 100 and a tier."""

from __future__ import annotations

from reseau.files.model import CRITERIA, Contact, Qualification, Settings

UNQUALIFIED = "?"
TIERS = ("A", "B", "C", UNQUALIFIED)
TOP_LEVEL = 3


def best_influence(qualification: Qualification, territories: list[str]) -> int | None:
    """The strongest influence over the network's territories (over all, when it lists none).

    None when no influence is rated at all; 0 when the only ones rated are on territories the
    network does not cultivate (`reseau check` warns about those).
    """
    if not qualification.influence:
        return None
    if not territories:
        return max(qualification.influence.values())
    return max((qualification.influence.get(t, 0) for t in territories), default=0)


def criteria(qualification: Qualification | None, settings: Settings) -> dict[str, int | None]:
    """The five criteria of the score, each 0-3, None where not rated."""
    if qualification is None:
        return dict.fromkeys(CRITERIA)
    return {
        "strength": qualification.strength,
        "sharing": qualification.sharing,
        "influence": best_influence(qualification, settings.territories),
        "pleasure": qualification.pleasure,
        "efficiency": qualification.efficiency,
    }


def score_of(values: dict[str, int | None], settings: Settings) -> int | None:
    """The weighted mean of the criteria as 0-100, halves rounded up; None if one is missing.

    Weights are relative: they are divided by their sum, whatever it is. A sum of zero gives
    no score (and is an error for `reseau check`).
    """
    weights = settings.scoring.weights
    total_weight: int = sum(getattr(weights, name) for name in CRITERIA)
    if total_weight <= 0:
        return None
    weighted: int = 0
    for name in CRITERIA:
        value = values.get(name)
        if value is None:
            return None
        weighted += getattr(weights, name) * value
    # round(weighted * 100 / (TOP_LEVEL * total_weight)), in integers and half up
    denominator = TOP_LEVEL * total_weight
    return (2 * weighted * 100 + denominator) // (2 * denominator)


def score(contact: Contact, settings: Settings) -> int | None:
    """The contact's score, 0-100; None while any criterion is missing (unqualified)."""
    return score_of(criteria(contact.qualification, settings), settings)


def tier_of(value: int | None, settings: Settings) -> str:
    """A at or above A's threshold, B at or above B's, else C; `?` without a score."""
    if value is None:
        return UNQUALIFIED
    tiers = settings.scoring.tiers
    if value >= tiers.A:
        return "A"
    if value >= tiers.B:
        return "B"
    return "C"


def missing_criteria(contact: Contact, settings: Settings) -> list[str]:
    return [
        name for name, value in criteria(contact.qualification, settings).items() if value is None
    ]
