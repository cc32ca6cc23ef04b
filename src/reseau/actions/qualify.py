"""Qualifying a contact (recommendation 3): the edit of its file.

An edit changes only the qualification keys whose value changes, plus `on`, in the order of
the contract; every other byte of the file stays as the user wrote it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from reseau.files.i18n import _
from reseau.files.model import (
    CONTACT_KEYS,
    NATURES,
    Contact,
    Qualification,
    Settings,
    field_names,
)
from reseau.files.problems import ReseauError
from reseau.files.store import Network
from reseau.files.validation import suggest
from reseau.files.yamledit import Document, Typed

QUALIFICATION_KEYS = field_names(Qualification)
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
        raise ValueError(_("'{text}' is not TERRITORY=LEVEL, like export=2").format(text=text))
    if level not in {str(n) for n in LEVELS}:
        raise ValueError(_("the level in '{text}' must be 0, 1, 2 or 3").format(text=text))
    return territory, int(level)


def check_answers(answers: Answers, settings: Settings) -> None:
    """Refuse a nature outside the list, a level out of range or a territory not cultivated."""
    if answers.nature is not None and answers.nature not in NATURES:
        raise ReseauError(
            _("'{value}' is not a nature of link{hint} (one of: {choices})").format(
                value=answers.nature,
                hint=_did_you_mean(answers.nature, NATURES),
                choices=", ".join(NATURES),
            )
        )
    levels = [answers.strength, answers.sharing, answers.pleasure, answers.efficiency]
    if any(level not in (None, *LEVELS) for level in [*levels, *answers.influence.values()]):
        raise ReseauError(_("a level is from 0 to 3"))
    territories = settings.territories
    for territory in answers.influence:
        if territory not in territories:
            hint = _did_you_mean(territory, territories) or _(
                "; add it to territories in reseau.yaml"
            )
            raise ReseauError(
                _("'{territory}' is not a territory of reseau.yaml{hint}").format(
                    territory=territory, hint=hint
                )
            )


def merged(current: Qualification | None, answers: Answers, today: date) -> Qualification:
    """The qualification once `answers` are applied, qualified on `today`."""
    base = current or Qualification()
    changes: dict[str, Any] = {"influence": {**base.influence, **answers.influence}, "on": today}
    for key in ("nature", "strength", "sharing", "pleasure", "efficiency"):
        value = getattr(answers, key)
        if value is not None:
            changes[key] = value
    return dataclasses.replace(base, **changes)


def as_text(qualification: Qualification) -> dict[str, Any]:
    """The qualification as the file writes it: text values, contract order, no empty key."""
    out: dict[str, Any] = {}
    for key in QUALIFICATION_KEYS:
        value = getattr(qualification, key)
        if key == "influence":
            if value:
                out[key] = {territory: Typed(level) for territory, level in value.items()}
        elif isinstance(value, date):
            out[key] = Typed(value.isoformat())
        elif isinstance(value, int):
            out[key] = Typed(value)
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


def _did_you_mean(word: str, choices: Sequence[str]) -> str:
    close = suggest(word, choices)
    return _("; did you mean '{close}'?").format(close=close) if close else ""


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
