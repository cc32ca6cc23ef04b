"""Drafting next quarter's plan (recommendation 4): what is carried over, who to meet first.

The draft is written as text, commented for the person who will edit it, then parsed back
and compared with the data it was meant to hold before it is written: a value that would
not read back exactly as it was is never written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from reseau.files.i18n import N_, _
from reseau.files.model import AnimateItem, MeetItem, Plan
from reseau.files.quarters import Quarter
from reseau.files.store import Network
from reseau.files.text import clean
from reseau.files.validation import suggest
from reseau.files.yamledit import render_inline, render_key
from reseau.files.yamlio import parse_text
from reseau.method import activity, scoring
from reseau.method.plans import (
    ITEM_KEYS,
    SECTIONS,
    Item,
    ItemState,
    PlanError,
    item_states,
    plan_relpath,
)

DEFAULT_MEET = 12
TIER_ORDER = {"A": 0, "B": 1, "C": 2}
COMMENT_COLUMN = 35
_LINE_BREAKS = str.maketrans({"\u2028": " ", "\u2029": " "})


@dataclass(frozen=True, slots=True)
class Proposal:
    """An active contact proposed to meet first, and what put them on the list."""

    slug: str
    tier: str
    score: int | None
    last_met: date | None
    focus: tuple[str, ...]

    @property
    def reason(self) -> str:
        if self.score is None:
            value = _("unqualified")
        else:
            value = _("tier {tier} (score {score})").format(tier=self.tier, score=self.score)
        parts = [value]
        if self.focus:
            parts.append(_("{circles} in focus").format(circles=", ".join(self.focus)))
        if self.last_met is None:
            parts.append(_("never met in person"))
        else:
            parts.append(_("last met {day}").format(day=self.last_met))
        return ", ".join(parts)


@dataclass(slots=True)
class Draft:
    """Next quarter's plan before it is written: its parts, and the text that holds them."""

    quarter: Quarter
    today: date
    focus: list[str]
    focus_source: str | None
    previous_found: bool
    carried: list[ItemState] = field(default_factory=list)
    dropped: list[ItemState] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)

    @property
    def relpath(self) -> str:
        return plan_relpath(self.quarter)

    @property
    def previous(self) -> Quarter:
        return self.quarter.previous()


def draft_plan(
    network: Network,
    quarter: Quarter,
    today: date,
    *,
    meet: int = DEFAULT_MEET,
    focus: list[str] | None = None,
) -> Draft:
    """Carry over the previous quarter's undone items, then propose up to `meet` people."""
    previous = quarter.previous()
    old_plan = _previous_plan(network, previous)
    draft = Draft(quarter, today, [], None, previous_found=old_plan is not None)
    if focus is not None:
        draft.focus, draft.focus_source = _known_circles(network, focus), "--focus"
    elif old_plan is not None and old_plan.focus:
        draft.focus, draft.focus_source = list(old_plan.focus), str(previous)
    if old_plan is not None:
        undone = [s for s in item_states(old_plan, network.contacts, today) if not s.is_done]
        draft.carried = [s for s in undone if _still_exists(network, s.item)]
        draft.dropped = [s for s in undone if not _still_exists(network, s.item)]
    planned = {s.item.contact for s in draft.carried if isinstance(s.item, MeetItem)}
    draft.proposals = propose_meetings(network, quarter, draft.focus, planned, today)[:meet]
    return draft


def _previous_plan(network: Network, previous: Quarter) -> Plan | None:
    relpath = plan_relpath(previous)
    if relpath in network.skipped:
        raise PlanError(
            _(
                "{path} does not validate, so its undone items cannot be carried over;"
                " fix it first (`reseau check`)"
            ).format(path=relpath)
        )
    return network.plans.get(str(previous))


def _known_circles(network: Network, circles: list[str]) -> list[str]:
    objectives = network.settings.objectives
    for circle in circles:
        if circle not in objectives:
            close = suggest(circle, objectives)
            hint = _("; did you mean '{close}'?").format(close=close) if close else ""
            raise PlanError(
                _("--focus: '{circle}' is not an objective of reseau.yaml{hint}").format(
                    circle=circle, hint=hint
                )
            )
    return list(dict.fromkeys(circles))


def _still_exists(network: Network, item: Item) -> bool:
    """A meet item's contact still has a file, valid or not this time."""
    return not isinstance(item, MeetItem) or network.has_contact_file(item.contact)


def propose_meetings(
    network: Network, quarter: Quarter, focus: list[str], planned: set[str], today: date
) -> list[Proposal]:
    """Active contacts not met in person since the previous quarter began (up to `today`),
    best first.

    Tier A first, then B, C and the unqualified; within a tier, never met before met,
    the circles in focus before the others, then the longest since last met, then score.
    """
    recent = quarter.previous().start
    proposals = []
    seen = activity.seen_elsewhere(network.contacts)
    for slug, contact in network.contacts.items():
        met = activity.last_met(contact, today, seen.get(slug, ()))
        if not contact.is_active or slug in planned or (met is not None and met >= recent):
            continue
        value = scoring.score(contact, network.settings)
        in_focus = tuple(circle for circle in focus if circle in contact.circles)
        tier = scoring.tier_of(value, network.settings)
        proposals.append(Proposal(slug, tier, value, met, in_focus))
    return sorted(proposals, key=_rank)


def _rank(proposal: Proposal) -> tuple[int, bool, bool, date, int, str]:
    return (
        TIER_ORDER.get(proposal.tier, len(TIER_ORDER)),
        proposal.last_met is not None,
        not proposal.focus,
        proposal.last_met or date.min,
        -(proposal.score or 0),
        proposal.slug,
    )


# The text of the draft.


@dataclass(slots=True)
class _Entry:
    """One item of a section: its fields in the file's key order, and a comment per key."""

    fields: dict[str, Any]
    notes: dict[str, str] = field(default_factory=dict)


def render_draft(draft: Draft, network: Network) -> tuple[str, dict[str, Any]]:
    """The draft's text, and the data it must read back as."""
    sections = _sections(draft)
    data: dict[str, Any] = {"quarter": str(draft.quarter), "focus": list(draft.focus)}
    lines = [*_header(draft), f"quarter: {draft.quarter}"]
    lines.append(_commented(f"focus: {render_inline(draft.focus)}", _focus_note(draft, network)))
    for section in SECTIONS:
        entries = sections[section]
        data[section] = [entry.fields for entry in entries] or None
        lines.extend(["", _commented(f"{section}:", _(_SECTION_NOTES[section]))])
        lines.extend(_section_lines(draft, section, entries))
    return "\n".join(lines) + "\n", data


def _header(draft: Draft) -> list[str]:
    header = _(
        "The action plan for {quarter}, drafted by `reseau plan new` on {today}.\n"
        "It is yours: reorder, complete or delete items, then run `reseau check`.\n"
        "  focus       the objectives of reseau.yaml to push this quarter\n"
        "  meet        who to meet in person first, in priority order: why, through which\n"
        "              channel (lunch, visit, coffee...) and by when (a date in {quarter})\n"
        "  animate     events for your communities: what, on (a date), invite (circles\n"
        "              or contacts)\n"
        "  reputation  what builds your image there: what, channel, by\n"
        "  done        a date: `reseau plan done ITEM` sets it; a meet item is also done by\n"
        "              an in-person interaction with the contact during the quarter\n"
        "  carried     the quarter an unfinished item comes from"
    ).format(quarter=draft.quarter, today=draft.today)
    return [f"# {line}".rstrip() for line in header.splitlines()]


_SECTION_NOTES = {
    "meet": N_("who to meet first, in priority order"),
    "animate": N_("animate the community (recommendation 8)"),
    "reputation": N_("build your reputation in it"),
}


def _focus_note(draft: Draft, network: Network) -> str:
    if draft.focus_source == "--focus":
        return _("chosen with --focus")
    if draft.focus_source:
        return _("as in {source}; change at will").format(source=draft.focus_source)
    objectives = ", ".join(network.settings.objectives) or _("none in reseau.yaml yet")
    return _("objectives to choose from: {objectives}").format(objectives=objectives)


def _sections(draft: Draft) -> dict[str, list[_Entry]]:
    sections: dict[str, list[_Entry]] = {section: [] for section in SECTIONS}
    for state in draft.carried:
        sections[state.section].append(_carried_entry(state, draft.previous))
    sections["meet"].extend(_proposal_entry(p) for p in draft.proposals)
    return sections


def _carried_entry(state: ItemState, previous: Quarter) -> _Entry:
    item = state.item
    values = item.model_dump(mode="json", by_alias=True)
    fields = {key: values.get(key) for key in ITEM_KEYS[state.section]}
    entry = _Entry(fields)
    date_key = "on" if isinstance(item, AnimateItem) else "by"
    if fields[date_key] is not None:
        entry.notes[date_key] = _("was {day}; set a date in the new quarter").format(
            day=fields[date_key]
        )
        fields[date_key] = None
    if item.carried:
        entry.notes["carried"] = _("already carried from {quarter}").format(quarter=item.carried)
    fields["done"] = None
    fields["carried"] = str(previous)
    return entry


def _proposal_entry(proposal: Proposal) -> _Entry:
    keys = [key for key in ITEM_KEYS["meet"] if key != "carried"]
    fields: dict[str, Any] = dict.fromkeys(keys)
    fields["contact"] = proposal.slug
    return _Entry(fields, {"contact": proposal.reason})


def _section_lines(draft: Draft, section: str, entries: list[_Entry]) -> list[str]:
    carried = [e for e in entries if "carried" in e.fields]
    proposed = [e for e in entries if "carried" not in e.fields]
    lines: list[str] = []
    if carried:
        undone = _("not done in {quarter} as of {today}: give it a new date, or delete it")
        lines.append("  # " + undone.format(quarter=draft.previous, today=draft.today))
        lines.extend(line for entry in carried for line in _entry_lines(entry))
    if proposed:
        proposed_note = _(
            "proposed: active contacts not met in person since {day},\n"
            "best tier first, never met first, the circles in focus first"
        ).format(day=draft.previous.start)
        lines.extend(f"  # {line}" for line in proposed_note.splitlines())
        lines.extend(line for entry in proposed for line in _entry_lines(entry))
    if not entries:
        lines.extend(_example_lines(draft.quarter, section))
    return lines


def _entry_lines(entry: _Entry) -> list[str]:
    lines = []
    for position, (key, value) in enumerate(entry.fields.items()):
        lead = "  - " if position == 0 else "    "
        line = f"{lead}{render_key(key)}: {render_inline(value)}"
        lines.append(_commented(line, entry.notes.get(key)))
    return lines


def _example_lines(quarter: Quarter, section: str) -> list[str]:
    day = quarter.start + timedelta(days=40)
    examples = {
        "meet": [
            "contact: a-slug",
            "why: " + _("what you want to give or learn"),
            f"by: {day}",
        ],
        "animate": ["what: " + _("Breakfast for the circle"), f"on: {day}", "invite: [a-circle]"],
        "reputation": [
            "what: " + _("An article, a talk, a testimonial"),
            "channel: linkedin",
            f"by: {day}",
        ],
    }
    first, *rest = examples[section]
    return [
        "  # " + _("for example:"),
        f"  # - {first}",
        *(f"  #   {line}" for line in rest),
    ]


def _commented(line: str, note: str | None) -> str:
    if not note:
        return line
    text = " ".join(clean(note).translate(_LINE_BREAKS).split())
    return f"{line.ljust(COMMENT_COLUMN - 1)} # {text}" if text else line


# Writing it.


def write_draft(network: Network, draft: Draft) -> str:
    """Write the draft under the folder's lock; an existing file is never replaced."""
    from reseau.files import writer

    text, data = render_draft(draft, network)
    loaded = parse_text(text, draft.relpath)
    if loaded.data != data:
        raise PlanError(
            _("the draft of {path} would not read back as meant; not written").format(
                path=draft.relpath
            )
        )
    with writer.folder_lock(network.root):
        refuse_existing(network, draft.relpath)
        writer.create(network.root, draft.relpath, text, Plan)
    return text


def refuse_existing(network: Network, relpath: str) -> None:
    if os.path.lexists(network.root / relpath):
        raise PlanError(
            _("{path} already exists; edit it, or remove it to draft it again").format(path=relpath)
        )
