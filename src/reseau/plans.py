"""Quarterly plans (recommendation 4): the state of each item on a given day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reseau.model import AnimateItem, Contact, Interaction, MeetItem, Plan, ReputationItem
from reseau.quarters import Quarter, week_bounds

Item = MeetItem | AnimateItem | ReputationItem
SECTIONS = ("meet", "animate", "reputation")


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


def meeting_in_quarter(contact: Contact | None, quarter: Quarter) -> Interaction | None:
    """The first in-person interaction with `contact` dated inside `quarter`."""
    if contact is None:
        return None
    return next((i for i in contact.interactions if i.is_in_person and i.date in quarter), None)


def item_states(plan: Plan, contacts: dict[str, Contact], today: date) -> list[ItemState]:
    """Every item of the plan in order (meet, animate, reputation), numbered from 1."""
    quarter = Quarter.parse(plan.quarter)
    _, sunday = week_bounds(today)
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
        meeting = meeting_in_quarter(contacts.get(item.contact), quarter)
        if meeting is not None and meeting.date <= today:
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
