"""Qualification (recommendation 3): a score out of 100 and a tier."""

from __future__ import annotations

from reseau.model import Contact, Qualification, Settings

UNQUALIFIED = "?"


def best_influence(qualification: Qualification, territories: list[str]) -> int | None:
    """The strongest influence over the network's territories (over all, when it has none)."""
    if not qualification.influence:
        return None
    counted = [qualification.influence[t] for t in territories if t in qualification.influence]
    if territories:
        return max(counted, default=0)
    return int(max(qualification.influence.values()))


def criteria(qualification: Qualification | None, settings: Settings) -> dict[str, int | None]:
    if qualification is None:
        return dict.fromkeys(("strength", "sharing", "influence", "pleasure", "efficiency"))
    return {
        "strength": qualification.strength,
        "sharing": qualification.sharing,
        "influence": best_influence(qualification, settings.territories),
        "pleasure": qualification.pleasure,
        "efficiency": qualification.efficiency,
    }


def score(contact: Contact, settings: Settings) -> int | None:
    """The weighted mean of the five criteria, each out of 3, as 0-100; None if any is missing."""
    values = criteria(contact.qualification, settings)
    weights = settings.scoring.weights
    if weights.total <= 0 or any(value is None for value in values.values()):
        return None
    total: int = sum(getattr(weights, name) * (value or 0) for name, value in values.items())
    return round(total * 100 / (3 * weights.total))


def tier_of(value: int | None, settings: Settings) -> str:
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
