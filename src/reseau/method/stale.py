"""Who has not been met in person for too long (recommendation 2): the list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from reseau.files.model import Contact
from reseau.files.store import Network
from reseau.method import activity, scoring


@dataclass(frozen=True, slots=True)
class StaleRow:
    slug: str
    contact: Contact
    last_met: date | None
    days: int | None
    last_contact: date | None
    score: int | None
    tier: str

    def to_json(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "name": self.contact.name,
            "last_met": _iso(self.last_met),
            "days_since_met": self.days,
            "last_contact": _iso(self.last_contact),
            "score": self.score,
            "tier": self.tier,
        }


def stale_rows(network: Network, today: date, within_days: int) -> list[StaleRow]:
    """Active contacts not met in person within `within_days`: never met first, then the
    longest unseen; ties by best score, then slug."""
    rows = []
    seen = activity.seen_elsewhere(network.contacts)
    for slug, contact in network.contacts.items():
        elsewhere = seen.get(slug, ())
        if activity.is_stale(contact, today, within_days, elsewhere):
            value = scoring.score(contact, network.settings)
            rows.append(
                StaleRow(
                    slug=slug,
                    contact=contact,
                    last_met=activity.last_met(contact, today, elsewhere),
                    days=activity.days_since_met(contact, today, elsewhere),
                    last_contact=activity.last_contact(contact, today, elsewhere),
                    score=value,
                    tier=scoring.tier_of(value, network.settings),
                )
            )
    return sorted(rows, key=_most_overdue)


def _most_overdue(row: StaleRow) -> tuple[bool, int, int, str]:
    score = -1 if row.score is None else row.score
    return (row.days is not None, -(row.days or 0), -score, row.slug)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
