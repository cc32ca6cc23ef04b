"""Qualifying a contact (recommendation 3): the edit of its file, and who is left to qualify.

An edit changes only the qualification keys whose value changes, plus `on`, in the order of
the contract; every other byte of the file stays as the user wrote it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from reseau.cli.render import clean, table
from reseau.files.model import CONTACT_KEYS, CRITERIA, NATURES, Contact, Qualification, Settings
from reseau.files.problems import ReseauError
from reseau.files.slugs import fold
from reseau.files.store import Network
from reseau.files.validation import suggest
from reseau.files.yamledit import Document
from reseau.method import activity, scoring

QUALIFICATION_KEYS = tuple(Qualification.model_fields)
REQUALIFY_DAYS = 365
LEVELS = (0, 1, 2, 3)


@dataclass(frozen=True, slots=True)
class Answers:
    """New values for a qualification; None (or a territory left out) keeps the current one."""

    nature: str | None = None
    strength: int | None = None
    sharing: int | None = None
    influence: dict[str, int] = field(default_factory=dict)
    pleasure: int | None = None
    efficiency: int | None = None

    def is_empty(self) -> bool:
        return self == Answers()


def parse_influence(text: str) -> tuple[str, int]:
    """`export=2` as ("export", 2); a ValueError that says what to write otherwise."""
    territory, sep, level = text.partition("=")
    territory, level = territory.strip(), level.strip()
    if not sep or not territory:
        raise ValueError(f"'{text}' is not TERRITORY=LEVEL, like export=2")
    if level not in {str(n) for n in LEVELS}:
        raise ValueError(f"the level in '{text}' must be 0, 1, 2 or 3")
    return territory, int(level)


def check_answers(answers: Answers, settings: Settings) -> None:
    """Refuse a nature outside the list, a level out of range or a territory not cultivated."""
    if answers.nature is not None and answers.nature not in NATURES:
        raise ReseauError(
            f"'{answers.nature}' is not a nature of link{_did_you_mean(answers.nature, NATURES)}"
            f" (one of: {', '.join(NATURES)})"
        )
    levels = [answers.strength, answers.sharing, answers.pleasure, answers.efficiency]
    if any(level not in (None, *LEVELS) for level in [*levels, *answers.influence.values()]):
        raise ReseauError("a level is from 0 to 3")
    territories = settings.territories
    for territory in answers.influence:
        if territory not in territories:
            hint = _did_you_mean(territory, territories) or "; add it to territories in reseau.yaml"
            raise ReseauError(f"'{territory}' is not a territory of reseau.yaml{hint}")


def merged(current: Qualification | None, answers: Answers, today: date) -> Qualification:
    """The qualification once `answers` are applied, qualified on `today`."""
    base = current or Qualification()
    changes: dict[str, Any] = {"influence": {**base.influence, **answers.influence}, "on": today}
    for key in ("nature", "strength", "sharing", "pleasure", "efficiency"):
        value = getattr(answers, key)
        if value is not None:
            changes[key] = value
    return base.model_copy(update=changes)


def as_text(qualification: Qualification) -> dict[str, Any]:
    """The qualification as the file writes it: text values, contract order, no empty key."""
    out: dict[str, Any] = {}
    for key in QUALIFICATION_KEYS:
        value = getattr(qualification, key)
        if key == "influence":
            if value:
                out[key] = {territory: str(level) for territory, level in value.items()}
        elif isinstance(value, date):
            out[key] = value.isoformat()
        elif value is not None:
            out[key] = str(value)
    return out


def edit_qualification(document: Document, old: Qualification | None, new: Qualification) -> None:
    """Write `new` over `old` in the contact file, touching only the values that change."""
    wanted = as_text(new)
    current = document.get(("qualification",))
    if not isinstance(current, dict):
        document.set(("qualification",), wanted, order=CONTACT_KEYS)
        return
    before = as_text(old or Qualification())
    for key, value in wanted.items():
        if value == before.get(key):
            continue
        if key == "influence" and isinstance(document.get(("qualification", key)), dict):
            for territory, level in value.items():
                if before.get(key, {}).get(territory) != level:
                    document.set(("qualification", key, territory), level)
        else:
            document.set(("qualification", key), value, order=QUALIFICATION_KEYS)


@dataclass(frozen=True, slots=True)
class Outcome:
    """A contact before and after its qualification was written."""

    slug: str
    relpath: str
    before: Contact
    after: Contact


def qualify_contact(
    root: Path, network: Network, slug: str, answers: Answers, today: date
) -> Outcome:
    """Apply `answers` to the contact's file through the write path."""
    from reseau.files.writer import update

    check_answers(answers, network.settings)
    relpath = network.contact_path(slug)
    seen: list[Contact] = []

    def edit(document: Document, contact: Contact) -> None:
        seen.append(contact)
        edit_qualification(
            document, contact.qualification, merged(contact.qualification, answers, today)
        )

    after = update(root, relpath, Contact, edit)
    return Outcome(slug, relpath, seen[0], after)


def score_text(contact: Contact, settings: Settings) -> str:
    """`83 (A)`, or `unqualified (?)`."""
    value = scoring.score(contact, settings)
    tier = scoring.tier_of(value, settings)
    return f"unqualified ({tier})" if value is None else f"{value} ({tier})"


def outcome_lines(outcome: Outcome, settings: Settings) -> list[str]:
    before = score_text(outcome.before, settings)
    after = score_text(outcome.after, settings)
    lines = [
        f"qualified {clean(outcome.after.name)} ({clean(outcome.relpath)})",
        f"score: {before} -> {after}",
    ]
    missing = to_do(outcome.after, settings)
    if missing:
        lines.append(f"still to rate: {', '.join(missing)}")
    return lines


def outcome_json(outcome: Outcome, settings: Settings) -> dict[str, Any]:
    def figures(contact: Contact) -> dict[str, Any]:
        value = scoring.score(contact, settings)
        return {"score": value, "tier": scoring.tier_of(value, settings)}

    qualification = outcome.after.qualification or Qualification()
    return {
        "slug": outcome.slug,
        "file": outcome.relpath,
        "before": figures(outcome.before),
        "after": {**figures(outcome.after), "missing": to_do(outcome.after, settings)},
        "qualification": qualification.model_dump(mode="json", exclude_none=True),
    }


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
    for slug, contact in network.contacts.items():
        if not contact.is_active:
            continue
        missing = to_do(contact, network.settings)
        on = contact.qualification.on if contact.qualification else None
        if missing or is_outdated(on, today):
            met = activity.last_met(contact, today)
            count = sum(1 for i in contact.interactions if i.date <= today)
            found.append(ToQualify(slug, contact, missing, on, met, count))
    return sorted(found, key=_best_known)


def _best_known(row: ToQualify) -> tuple[int, int, int, str, str]:
    met = row.last_met.toordinal() if row.last_met else 0
    return (row.last_met is None, -met, -row.interactions, fold(row.contact.name), row.slug)


def to_qualify_table(rows: list[ToQualify]) -> list[str]:
    if not rows:
        return ["every active contact is qualified, all within the last year"]
    headers = ["slug", "name", "last met", "exchanges", "qualified", "to rate"]
    body = [
        [
            row.slug,
            row.contact.name,
            _iso(row.last_met) or "never",
            str(row.interactions),
            _iso(row.qualified_on) or ("undated" if row.contact.qualification else "never"),
            _to_do_text(row.missing),
        ]
        for row in rows
    ]
    count = len(rows)
    noun = "contact" if count == 1 else "contacts"
    summary = f"{count} active {noun} to qualify; `reseau qualify WHO` asks each criterion"
    return [*table(headers, body, numeric=[3]), summary]


def _to_do_text(missing: list[str]) -> str:
    if not missing:
        return "review"
    if len(missing) == 1 + len(CRITERIA):
        return "all"
    return ",".join(missing)


def _did_you_mean(word: str, choices: Sequence[str]) -> str:
    close = suggest(word, choices)
    return f"; did you mean '{close}'?" if close else ""


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
