"""Following contacts over time (recommendations 2, 6 and 7): met, touched, due, balance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from reseau.model import Contact, Interaction, Settings

BALANCE_DAYS = 365
LATE_FACTOR = 1.5


def last_met(contact: Contact) -> date | None:
    """The latest in-person interaction."""
    return max((i.date for i in contact.interactions if i.is_in_person), default=None)


def last_contact(contact: Contact) -> date | None:
    return max((i.date for i in contact.interactions), default=None)


def is_stale(contact: Contact, today: date, within_days: int) -> bool:
    """Active, and not met in person within `within_days` (or never)."""
    if not contact.is_active:
        return False
    met = last_met(contact)
    return met is None or (today - met).days > within_days


def cadence_days(contact: Contact, settings: Settings, tier: str) -> int:
    """The contact's own rhythm, else the smallest of its circles', else its tier's."""
    if contact.cadence_days:
        return contact.cadence_days
    circle_days = [
        objective.cadence_days
        for name in contact.circles
        if (objective := settings.objectives.get(name)) and objective.cadence_days
    ]
    if circle_days:
        return min(circle_days)
    tiers = settings.cadence_days
    return {"A": tiers.A, "B": tiers.B}.get(tier, tiers.C)


@dataclass(frozen=True, slots=True)
class Cadence:
    days: int
    since: date | None
    state: str
    due_on: date | None


def cadence(contact: Contact, settings: Settings, tier: str, today: date) -> Cadence:
    """ok, due (the cadence has passed since the last interaction) or late (1.5 times)."""
    days = cadence_days(contact, settings, tier)
    reference = last_contact(contact) or contact.since
    if reference is None:
        return Cadence(days, None, "due", today)
    elapsed = (today - reference).days
    if elapsed >= days * LATE_FACTOR:
        state = "late"
    elif elapsed >= days:
        state = "due"
    else:
        state = "ok"
    return Cadence(days, reference, state, reference + timedelta(days=days))


def counts_as_given(interaction: Interaction) -> bool:
    return bool(interaction.gave) or interaction.kind == "intro"


def balance(contact: Contact, today: date) -> int:
    """Given minus received over the last year; an introduction counts as given."""
    start = today - timedelta(days=BALANCE_DAYS)
    recent = [i for i in contact.interactions if start < i.date <= today]
    return sum(counts_as_given(i) for i in recent) - sum(bool(i.received) for i in recent)
