"""Who is left to qualify (recommendation 3), and what each still lacks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from reseau.files.model import NATURES, Contact, Settings
from reseau.files.slugs import fold
from reseau.files.store import Network
from reseau.method import activity, scoring

REQUALIFY_DAYS = 365


def natures_named(typed: str) -> list[str]:
    """The natures `typed` can mean: its number in the list (1 is client), its name, or the
    natures whose name starts with it; exactly one is an answer, several an ambiguity."""
    word = typed.strip().lower()
    if word.isdigit():
        number = int(word)
        return [NATURES[number - 1]] if 1 <= number <= len(NATURES) else []
    if word in NATURES:
        return [word]
    return [name for name in NATURES if word and name.startswith(word)]


def score_text(contact: Contact, settings: Settings) -> str:
    """`83 (A)`, or `unqualified (?)`."""
    value = scoring.score(contact, settings)
    tier = scoring.tier_of(value, settings)
    return f"unqualified ({tier})" if value is None else f"{value} ({tier})"


def to_do(contact: Contact, settings: Settings) -> list[str]:
    """What is still to rate: the nature of the link, then the score's missing criteria."""
    nature = [] if contact.qualification and contact.qualification.nature else ["nature"]
    return nature + scoring.missing_criteria(contact, settings)


@dataclass(frozen=True, slots=True)
class ToQualify:
    """An active contact to qualify, or to qualify again."""

    slug: str
    contact: Contact
    missing: list[str]
    qualified_on: date | None
    last_met: date | None
    interactions: int

    def to_json(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "name": self.contact.name,
            "missing": self.missing,
            "qualified_on": _iso(self.qualified_on),
            "review": not self.missing,
            "last_met": _iso(self.last_met),
            "interactions": self.interactions,
        }


def is_outdated(qualified_on: date | None, today: date) -> bool:
    """Qualified more than a year ago, or on no known date."""
    return qualified_on is None or (today - qualified_on).days > REQUALIFY_DAYS


def to_qualify(network: Network, today: date) -> list[ToQualify]:
    """Active contacts with something to rate or a qualification over a year old.

    Best known first: the most recently met in person (never met last), then the most
    interactions, then by name.
    """
    found = []
    seen = activity.seen_elsewhere(network.contacts)
    for slug, contact in network.contacts.items():
        if not contact.is_active:
            continue
        missing = to_do(contact, network.settings)
        on = contact.qualification.on if contact.qualification else None
        if missing or is_outdated(on, today):
            met = activity.last_met(contact, today, seen.get(slug, ()))
            count = sum(1 for i in contact.interactions if i.date <= today)
            found.append(ToQualify(slug, contact, missing, on, met, count))
    return sorted(found, key=_best_known)


def _best_known(row: ToQualify) -> tuple[int, int, int, str, str]:
    met = row.last_met.toordinal() if row.last_met else 0
    return (row.last_met is None, -met, -row.interactions, fold(row.contact.name), row.slug)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
