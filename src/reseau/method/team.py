"""A team network: who holds each relationship, and what each member did.

A member holds a contact when the contact's `held_by` names them (a handover sets it), else
when they had an interaction with the contact within `met_within_days` (365 by default),
the most recent first. Cadence, staleness and balance stay per contact, across the team:
any member's meeting counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from reseau.files.model import Contact, Interaction, Settings
from reseau.files.quarters import Quarter, week_bounds
from reseau.files.store import Network


@dataclass(frozen=True, slots=True)
class Holding:
    """One member's part in a relationship."""

    member: str
    last_contact: date | None
    last_met: date | None
    positive: int

    def to_json(self) -> dict[str, Any]:
        return {
            "member": self.member,
            "last_contact": _iso(self.last_contact),
            "last_met": _iso(self.last_met),
            "positive": self.positive,
        }


def is_team(settings: Settings) -> bool:
    return bool(settings.members)


def _happened(contact: Contact, today: date) -> list[Interaction]:
    return [i for i in contact.interactions if i.date <= today]


def holdings(contact: Contact, today: date) -> list[Holding]:
    """Each member who had an interaction with the contact, the most recent first."""
    by_member: dict[str, list[Interaction]] = {}
    for interaction in _happened(contact, today):
        if interaction.by:
            by_member.setdefault(interaction.by, []).append(interaction)
    found = [
        Holding(
            member,
            max(i.date for i in items),
            max((i.date for i in items if i.is_in_person), default=None),
            sum(1 for i in items if i.tone == "positive"),
        )
        for member, items in by_member.items()
    ]
    return sorted(found, key=lambda h: (h.last_contact or date.min, h.member), reverse=True)


def holders(contact: Contact, settings: Settings, today: date) -> list[str]:
    """Who holds the relationship: `held_by`, else who was in touch within the year."""
    if contact.held_by:
        return [contact.held_by]
    since = today - timedelta(days=settings.met_within_days)
    return [
        h.member for h in holdings(contact, today) if h.last_contact and h.last_contact >= since
    ]


def met_this_week_by_others(contact: Contact, member: str, today: date) -> bool:
    start = week_bounds(today)[0]
    return any(i.by and i.by != member and start <= i.date <= today for i in contact.interactions)


@dataclass(frozen=True, slots=True)
class MemberStats:
    member: str
    name: str | None
    interactions: int
    in_person: int
    introductions: int
    sessions: int

    def to_json(self) -> dict[str, Any]:
        return {
            "member": self.member,
            "name": self.name,
            "interactions": self.interactions,
            "in_person": self.in_person,
            "introductions": self.introductions,
            "sessions": self.sessions,
        }


@dataclass(frozen=True, slots=True)
class TeamStats:
    quarter: str
    members: list[MemberStats]
    held_alone: dict[str, list[str]]  # member -> the contacts only they hold
    untouched: list[str]  # active contacts nobody touched in a year

    def to_json(self) -> dict[str, Any]:
        return {
            "quarter": self.quarter,
            "members": [m.to_json() for m in self.members],
            "held_alone": self.held_alone,
            "untouched": self.untouched,
        }


def team_stats(network: Network, today: date) -> TeamStats:
    quarter = Quarter.of(today)
    start, end = quarter.start, min(quarter.end, today)
    settings = network.settings
    counts = {m: [0, 0, 0, 0] for m in settings.members}
    for contact in network.contacts.values():
        for i in contact.interactions:
            if i.by in counts and start <= i.date <= end:
                counts[i.by][0] += 1
                counts[i.by][1] += i.is_in_person
                counts[i.by][2] += i.kind == "intro"
    for session in network.journal.sessions:
        if session.by in counts and start <= session.date <= end:
            counts[session.by][3] += 1
    held_alone: dict[str, list[str]] = {m: [] for m in settings.members}
    untouched = []
    year_ago = today - timedelta(days=365)
    for slug, contact in sorted(network.contacts.items()):
        if not contact.is_active:
            continue
        people = holders(contact, settings, today)
        if len(people) == 1 and people[0] in held_alone:
            held_alone[people[0]].append(slug)
        if not any(year_ago <= i.date <= today for i in contact.interactions):
            untouched.append(slug)
    members = [MemberStats(m, settings.members[m].name, *counts[m]) for m in settings.members]
    return TeamStats(str(quarter), members, held_alone, untouched)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
