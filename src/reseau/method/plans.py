"""Quarterly plans (recommendation 4): each item's state on a given day and the quarter's
progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from reseau.files.folder import PLANS_DIR
from reseau.files.i18n import _
from reseau.files.model import AnimateItem, Contact, Interaction, MeetItem, Plan, ReputationItem
from reseau.files.problems import ReseauError
from reseau.files.quarters import Quarter, iso_week, week_bounds
from reseau.files.store import Network

Item = MeetItem | AnimateItem | ReputationItem
SECTIONS = ("meet", "animate", "reputation")
ITEM_KEYS: dict[str, tuple[str, ...]] = {
    "meet": tuple(MeetItem.model_fields),
    "animate": tuple(AnimateItem.model_fields),
    "reputation": tuple(ReputationItem.model_fields),
}


class PlanError(ReseauError):
    pass


@dataclass(frozen=True, slots=True)
class ItemState:
    """One plan item on a given day: done (and when, and how), late, due this week, or later."""

    section: str
    index: int
    number: int
    item: Item
    state: str
    done_on: date | None
    done_by: Interaction | None = None

    @property
    def when(self) -> date | None:
        return self.item.on if isinstance(self.item, AnimateItem) else self.item.by

    @property
    def is_done(self) -> bool:
        return self.state == "done"

    def to_json(self) -> dict[str, Any]:
        met = self.done_by
        return {
            "number": self.number,
            "section": self.section,
            "state": self.state,
            "done_on": self.done_on.isoformat() if self.done_on else None,
            "done_by": None if met is None else _interaction_json(met),
            # `owner` is a team network's: said only where it is set
            **self.item.model_dump(
                mode="json", by_alias=True, exclude=None if self.item.owner else {"owner"}
            ),
        }


def _interaction_json(interaction: Interaction) -> dict[str, Any]:
    return {
        "date": interaction.date.isoformat(),
        "kind": interaction.kind,
        "note": interaction.note,
    }


def meeting_in_quarter(
    contact: Contact | None, quarter: Quarter, today: date | None = None
) -> Interaction | None:
    """The first in-person interaction with `contact` dated inside `quarter` (up to `today`)."""
    if contact is None:
        return None
    met = [
        i
        for i in contact.interactions
        if i.is_in_person and i.date in quarter and (today is None or i.date <= today)
    ]
    return min(met, key=lambda i: i.date, default=None)


def item_states(plan: Plan, contacts: dict[str, Contact], today: date) -> list[ItemState]:
    """Every item of the plan in order (meet, animate, reputation), numbered from 1."""
    quarter = Quarter.parse(plan.quarter)
    _monday, sunday = week_bounds(today)
    states: list[ItemState] = []
    for section in SECTIONS:
        items: list[Item] = list(getattr(plan, section))
        for index, item in enumerate(items):
            number = len(states) + 1
            states.append(_state_of(section, index, number, item, contacts, quarter, today, sunday))
    return states


def _state_of(
    section: str,
    index: int,
    number: int,
    item: Item,
    contacts: dict[str, Contact],
    quarter: Quarter,
    today: date,
    sunday: date,
) -> ItemState:
    if item.done is not None:
        return ItemState(section, index, number, item, "done", item.done)
    if isinstance(item, MeetItem):
        meeting = meeting_in_quarter(contacts.get(item.contact), quarter, today)
        if meeting is not None:
            return ItemState(section, index, number, item, "done", meeting.date, meeting)
    when = item.on if isinstance(item, AnimateItem) else item.by
    if when is None:
        state = "later" if today <= quarter.end else "late"
    elif when < today:
        state = "late"
    elif when <= sunday:
        state = "this week"
    else:
        state = "later"
    return ItemState(section, index, number, item, state, None)


@dataclass(frozen=True, slots=True)
class Completion:
    """How many of a group of items are done."""

    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    def to_json(self) -> dict[str, int]:
        return {"done": self.done, "total": self.total, "percent": self.percent}


@dataclass(frozen=True, slots=True)
class FocusProgress:
    """An objective in focus: its active members, and those met in person this quarter."""

    circle: str
    members: tuple[str, ...]
    met: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "circle": self.circle,
            "members": len(self.members),
            "met": len(self.met),
            "met_contacts": list(self.met),
        }


@dataclass(frozen=True, slots=True)
class PlanProgress:
    """A quarter's plan on a given day: every item's state, completion, and the focus."""

    quarter: Quarter
    today: date
    states: list[ItemState]
    sections: dict[str, Completion]
    overall: Completion
    focus: list[FocusProgress]

    def to_json(self) -> dict[str, Any]:
        progress = {name: value.to_json() for name, value in self.sections.items()}
        return {
            "quarter": str(self.quarter),
            "file": plan_relpath(self.quarter),
            "today": self.today.isoformat(),
            "week": iso_week(self.today),
            "progress": {**progress, "overall": self.overall.to_json()},
            "focus": [focus.to_json() for focus in self.focus],
            "items": [state.to_json() for state in self.states],
        }


def completion(states: list[ItemState]) -> Completion:
    return Completion(sum(state.is_done for state in states), len(states))


def met_in_quarter(contact: Contact, quarter: Quarter, today: date) -> bool:
    """Met in person inside `quarter`, on or before `today`."""
    return any(
        i.is_in_person and i.date in quarter and i.date <= today for i in contact.interactions
    )


def focus_progress(
    circles: list[str], contacts: dict[str, Contact], quarter: Quarter, today: date
) -> list[FocusProgress]:
    progress = []
    for circle in circles:
        members = tuple(slug for slug, c in contacts.items() if c.is_active and circle in c.circles)
        met = tuple(slug for slug in members if met_in_quarter(contacts[slug], quarter, today))
        progress.append(FocusProgress(circle, members, met))
    return progress


def plan_progress(plan: Plan, contacts: dict[str, Contact], today: date) -> PlanProgress:
    quarter = Quarter.parse(plan.quarter)
    states = item_states(plan, contacts, today)
    sections = {
        section: completion([s for s in states if s.section == section]) for section in SECTIONS
    }
    return PlanProgress(
        quarter=quarter,
        today=today,
        states=states,
        sections=sections,
        overall=completion(states),
        focus=focus_progress(plan.focus, contacts, quarter, today),
    )


def plan_relpath(quarter: Quarter) -> str:
    return f"{PLANS_DIR}/{quarter}.yaml"


def find_plan(network: Network, quarter: Quarter) -> Plan:
    """The quarter's plan; a missing or invalid file is an error that says what to do."""
    plan = network.plans.get(str(quarter))
    if plan is not None:
        return plan
    relpath = plan_relpath(quarter)
    if relpath in network.skipped:
        raise PlanError(
            _("{relpath} does not validate; run `reseau check` and fix it first").format(
                relpath=relpath
            )
        )
    raise PlanError(
        _("no plan for {quarter} ({relpath}); `reseau plan new {quarter}` drafts one").format(
            quarter=quarter, relpath=relpath
        )
    )


def pick_item(states: list[ItemState], number: int | None, slug: str | None) -> ItemState | None:
    """The item with that number, or the meet item for that contact (the first undone one)."""
    if number is not None:
        return next((s for s in states if s.number == number), None)
    meets = [s for s in states if isinstance(s.item, MeetItem) and s.item.contact == slug]
    return next((s for s in meets if not s.is_done), meets[0] if meets else None)
