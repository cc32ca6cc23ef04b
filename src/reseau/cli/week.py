"""reseau week: the Monday ritual's agenda, and `--done` to record the session."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reseau.cli.output import emit_json, say, say_lines, warn
from reseau.cli.state import State, state_of

if TYPE_CHECKING:
    from reseau.files.model import Journal
    from reseau.method.agenda import Agenda, Item

WIDE = 140
_WHO_MIN = 16
_ACTION_MIN = 24
_NAMES_SHOWN = 4
_GUTTER = 8  # two spaces, the minutes (`240m`), two spaces: where names and reasons start
_MARGIN = " " * _GUTTER
_SUBTITLES = {
    "keep": "what you promised: due by Sunday, or late",
    "plan": "the quarter's plan: due by Sunday, or late",
    "meet": "not met in person within {days} days",
    "touch": "past their keep-in-touch rhythm",
    "give": "give back, and introductions to make",
    "events": "this week, from the plan",
    "health": "",
}


def week(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    done: Annotated[
        bool, typer.Option("--done", help="Record today's session in journal.yaml.")
    ] = False,
    minutes: Annotated[
        int | None,
        typer.Option(
            "--minutes",
            min=1,
            max=1440,
            help="With --done: how long it took (default: the ritual's minutes).",
        ),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="With --done: what you did.")] = None,
) -> None:
    """The week's agenda: plan, meet, touch, give, events, health, in the ritual's minutes."""
    if not done and (minutes is not None or note is not None):
        raise typer.BadParameter("only with --done", param_hint="'--minutes' / '--note'")
    state = state_of(ctx)
    if done:
        record_done(state, minutes, note, as_json)
        return
    from reseau.files.cache import recall, remember, result_key

    root = state.root()
    style, width = Style.for_stream(sys.stdout), _width()
    key = result_key(root, "week", state.today.isoformat(), as_json, style.enabled, width)
    output = recall(root, "week", key)
    if output is None:
        output = _agenda_output(root, state.today, as_json, style, width)
        remember(root, "week", key, output)
    lines, warnings = output
    for line in warnings:
        warn(line)
    say_lines(lines)


def _agenda_output(
    root: Path, today: date, as_json: bool, style: Style, width: int | None
) -> tuple[list[str], list[str]]:
    """What `reseau week` prints: the lines on stdout, and the warnings for stderr."""
    from reseau.cli.render import to_json
    from reseau.files.store import load_network, load_warnings
    from reseau.method.agenda import unknown_durations, week_agenda

    network = load_network(root)
    warnings = [_unknown_duration(key) for key in unknown_durations(network.settings)]
    warnings += load_warnings(network)
    agenda = week_agenda(network, today)
    if as_json:
        return [to_json(agenda.to_json())], warnings
    return agenda_lines(agenda, style, width), warnings


def _unknown_duration(key: str) -> str:
    from reseau.files.validation import suggest
    from reseau.method.agenda import DEFAULT_MINUTES

    close = suggest(key, DEFAULT_MINUTES)
    hint = f"did you mean '{close}'?" if close else f"the kinds: {', '.join(DEFAULT_MINUTES)}"
    return f"reseau.yaml: durations: '{key}' is not a kind of item; {hint}"


def _width() -> int | None:
    from reseau.cli.render import terminal_width

    return terminal_width()


# --done ------------------------------------------------------------------------------------


def record_done(state: State, minutes: int | None, note: str | None, as_json: bool) -> None:
    """Append today's session to journal.yaml (created when missing); print the streak.

    A second --done on the same day changes that day's session (its minutes, its note) with
    what is given, and nothing when nothing is: the journal holds one session a day.
    """
    from reseau.actions.journal import session_note, write_session
    from reseau.method.ritual import ritual_state

    root = state.root()
    outcome, journal = write_session(root, state.today, minutes, session_note(note))
    ritual = ritual_state(journal, state.today)
    if as_json:
        emit_json({"recorded": outcome, "date": state.today.isoformat(), **ritual.to_json()})
        return
    say(_done_message(outcome, journal, state.today))
    say(f"streak: {_weeks(ritual.streak)} in a row")


def _done_message(outcome: str, journal: Journal, today: date) -> str:
    from reseau.method.ritual import session_index

    index = session_index(journal, today)
    session = journal.sessions[index] if index is not None else None
    minutes = f" ({session.minutes} minutes)" if session and session.minutes else ""
    what = f"the session of {today.isoformat()}{minutes}"
    return {
        "created": f"created journal.yaml with {what}",
        "added": f"recorded {what} in journal.yaml",
        "updated": f"updated {what} in journal.yaml",
        "unchanged": f"{what} is already in journal.yaml; --minutes or --note change it",
    }[outcome]


def _weeks(count: int) -> str:
    return f"{count} week{'s' * (count != 1)}"


# the text face --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Style:
    """ANSI styles, only for a terminal that wants colour (https://no-color.org)."""

    enabled: bool = False

    @classmethod
    def for_stream(cls, stream: object) -> Style:
        isatty = getattr(stream, "isatty", None)
        wanted = not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
        return cls(bool(wanted and callable(isatty) and isatty()))

    def paint(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled and text else text

    def bold(self, text: str) -> str:
        return self.paint(text, "1")

    def dim(self, text: str) -> str:
        return self.paint(text, "2")

    def red(self, text: str) -> str:
        return self.paint(text, "31")

    def green(self, text: str) -> str:
        return self.paint(text, "32")

    def yellow(self, text: str) -> str:
        return self.paint(text, "33")


@dataclass(frozen=True, slots=True)
class Page:
    """Where the lines go: their width (None: not a terminal, nothing is cut) and style."""

    style: Style
    width: int | None

    @property
    def wide(self) -> bool:
        return self.width is None or self.width >= WIDE

    def fit(self, text: str, used: int = 0) -> str:
        from reseau.files.text import fit

        return text if self.width is None else fit(text, max(self.width - used, 1))


def agenda_lines(agenda: Agenda, style: Style, width: int | None) -> list[str]:
    """The agenda as text: a header, then each section; two lines an item below WIDE."""
    page = Page(style, width)
    shared = _Columns.of(agenda.items, page)
    lines = _header(agenda, page)
    for section in ("keep", "plan", "meet", "touch", "give", "events"):
        if section == "keep" and not agenda.kept_in(section) and not agenda.cut_in(section):
            continue  # no promise due: a network that makes none never sees the section
        columns = shared if page.wide else _Columns.of(agenda.kept_in(section), page)
        lines += ["", *_section_lines(agenda, section, page, columns)]
    lines += ["", *_health_lines(agenda, page)]
    return lines


def _header(agenda: Agenda, page: Page) -> list[str]:
    from reseau.files.text import clean
    from reseau.method.agenda import day_label

    owner = agenda.owner
    span = f"{day_label(agenda.start)} – {day_label(agenda.end)} {agenda.end.year}"
    title = f"Week {agenda.week} · {span}" + (f" · {clean(owner)}" if owner else "")
    budget = f"{agenda.planned_minutes} of {agenda.budget_minutes} minutes planned"
    more = f"+{agenda.more} more did not fit" if agenda.more else "everything fits"
    return [page.style.bold(page.fit(title)), page.fit(f"{budget} · {more}")]


@dataclass(frozen=True, slots=True)
class _Columns:
    """The widths of the who and action columns, shared by every section."""

    who: int
    action: int

    @classmethod
    def of(cls, items: Sequence[Item], page: Page) -> _Columns:
        """Below WIDE, each section has its own (`items` are the section's); else all share."""
        from reseau.files.text import clean, width

        whos = [width(clean(i.who)) for i in items]
        actions = [width(clean(i.action)) for i in items]
        who, action = max(whos, default=0), max(actions, default=0)
        if page.width is None:
            return cls(who, action)
        who = min(who, max(_WHO_MIN, page.width * 2 // 5))
        if not page.wide:
            return cls(who, action)
        reasons = [width(clean(i.reason)) for i in items]
        room = page.width - _GUTTER - who - 4
        return cls(who, _least_cut(actions, reasons, room))


def _least_cut(actions: list[int], reasons: list[int], room: int) -> int:
    """The action column's width that cuts the least, an action's character counting double."""

    def lost(size: int) -> int:
        cut_actions = sum(max(0, a - size) for a in actions)
        return 2 * cut_actions + sum(max(0, r - (room - size)) for r in reasons)

    widest = max(actions, default=0)
    sizes = range(min(_ACTION_MIN, widest), max(min(widest, room - _ACTION_MIN), 0) + 1)
    return min(sizes, key=lambda size: (lost(size), -size), default=widest)


def _section_lines(agenda: Agenda, section: str, page: Page, columns: _Columns) -> list[str]:
    kept, cut = agenda.kept_in(section), agenda.cut_in(section)
    lines = [_section_title(section, kept, agenda, page)]
    for item in kept:
        lines += _item_lines(item, page, columns, agenda.today)
    if cut:
        lines.append(_cut_line(cut, agenda, page))
    if not kept and not cut:
        lines.append(page.style.dim(page.fit(f"{_MARGIN}nothing this week")))
    return lines


def _section_title(section: str, kept: list[Item], agenda: Agenda, page: Page) -> str:
    """`PLAN    the quarter's plan ...     6 items · 130 min`, the figures flush right."""
    from reseau.files.text import width

    name = section.upper()
    text = f"{name:<8}{_SUBTITLES[section].format(days=agenda.health.met_within_days)}"
    total = sum(item.minutes for item in kept)
    figures = f"{len(kept)} item{'s' * (len(kept) != 1)} · {total} min" if kept else ""
    gap = 2 if page.width is None else page.width - width(text) - width(figures)
    if figures and gap < 2:
        text, gap = page.fit(text, width(figures) + 2), 2
    tail = " " * gap + figures if figures else ""
    return page.style.bold(name) + text[len(name) :] + tail


def _item_lines(item: Item, page: Page, columns: _Columns, today: date) -> list[str]:
    from reseau.files.text import clean, fit, pad

    minutes = f"  {item.minutes:>3}m"
    who = pad(fit(clean(item.who), columns.who), columns.who)
    if item.when is not None and item.when < today:
        who = page.style.red(who)
    action, reason = clean(item.action), clean(item.reason)
    if page.wide:
        head = f"{minutes}  {who}  {pad(fit(action, columns.action), columns.action)}  "
        used = _GUTTER + columns.who + 2 + columns.action + 2
        return [head + page.style.dim(page.fit(reason, used))]
    used = _GUTTER + columns.who + 2
    return [
        f"{minutes}  {who}  {page.fit(action, used)}",
        " " * _GUTTER + page.style.dim(page.fit(reason, _GUTTER)),
    ]


def _cut_line(cut: list[Item], agenda: Agenda, page: Page) -> str:
    from reseau.files.text import clean

    names = [clean(item.who) for item in cut]
    shown = ", ".join(names[:_NAMES_SHOWN]) + (", …" if len(names) > _NAMES_SHOWN else "")
    minutes = sum(item.minutes for item in cut)
    return page.style.dim(page.fit(f"{_MARGIN}+{len(cut)} more ({minutes} min): {shown}"))


def _health_lines(agenda: Agenda, page: Page) -> list[str]:
    rows = list(health_rows(agenda))
    size = max(len(label) for label, _ in rows)
    lines = [page.style.bold("HEALTH")]
    for label, text in rows:
        line = page.fit(f"  {label:<{size}}  {text}")
        lines.append(page.style.yellow(line) if label == "reminder" else line)
    return lines


def health_rows(agenda: Agenda) -> Iterator[tuple[str, str]]:
    from reseau.files.text import clean
    from reseau.method.agenda import date_label

    health = agenda.health
    over = ": over the Dunbar limit" if health.active > health.dunbar_limit else " (Dunbar limit)"
    yield "active", f"{health.active} of {health.dunbar_limit}{over}"
    names = [clean(agenda.names.get(s, s)) for s in health.new_contacts]
    listed = ", ".join(names[:_NAMES_SHOWN]) + (", …" if len(names) > _NAMES_SHOWN else "")
    yield "new", f"{len(names)} in 90 days" + (f": {listed}" if names else "")
    coverage = f" ({health.coverage_percent}%)" if health.coverage_percent is not None else ""
    yield (
        "met in person",
        f"{health.met_in_person} of {health.active} active within "
        f"{health.met_within_days} days{coverage}",
    )
    ritual = health.ritual
    yield "ritual", f"{_weeks(ritual.streak)} in a row · {ritual.recent_weeks_held} of the last 12"
    if ritual.this_week is not None:
        yield "last session", f"this week, {date_label(ritual.this_week)}"
    elif ritual.last_session is not None:
        days = ritual.days_since_last
        yield (
            "last session",
            f"{date_label(ritual.last_session)}, {days} day{'s' * (days != 1)} ago",
        )
    else:
        yield "last session", "none recorded yet"
    if health.reminder:
        yield "reminder", health.reminder
