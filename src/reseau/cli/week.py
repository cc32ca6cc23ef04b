"""reseau week: the Monday ritual's agenda, and `--done` to record the session."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reseau.cli.output import emit_json, say, say_lines, warn
from reseau.cli.palette import Style
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
class Page:
    """Where the lines go: their width (None: not a terminal, nothing is fitted) and style.

    Nothing is cut: a line too long wraps between words, its continuation indented, so a
    name, a slug or a command stays whole.
    """

    style: Style
    width: int | None

    @property
    def wide(self) -> bool:
        return self.width is None or self.width >= WIDE

    def wrap(self, text: str, hang: int | None = None) -> list[str]:
        from reseau.cli.layout import wrap_line

        return wrap_line(text, self.width, hang)

    def fit(self, text: str, used: int = 0) -> str:
        """The first line of `text` wrapped to what is left after `used` columns."""
        from reseau.cli.layout import wrap

        return text if self.width is None else wrap(text, max(self.width - used, 12))[0]


def agenda_lines(agenda: Agenda, style: Style, width: int | None) -> list[str]:
    """The agenda as text: a header, then each section; two lines an item below WIDE."""
    page = Page(style, width)
    shared = _Columns.of(agenda.items, page)
    lines = _header(agenda, page)
    for section in ("keep", "plan", "meet", "touch", "give", "events"):
        if section == "keep" and not agenda.kept_in(section) and not agenda.cut_in(section):
            continue  # no promise due: a network that makes none never sees the section
        columns = shared if shared.one_line else _Columns.of(agenda.kept_in(section), page)
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
    return [*map(page.style.bold, page.wrap(title)), *page.wrap(f"{budget} · {more}")]


_REASON_MIN = 40  # one aligned line an item only when the reasons keep this much room


@dataclass(frozen=True, slots=True)
class _Columns:
    """The widths of the who and action columns; one aligned line an item when wide."""

    who: int
    action: int
    one_line: bool

    @classmethod
    def of(cls, items: Sequence[Item], page: Page) -> _Columns:
        """Whole names and actions: a column is as wide as its widest cell."""
        from reseau.files.text import clean, width

        who = max((width(clean(i.who)) for i in items), default=0)
        action = max((width(clean(i.action)) for i in items), default=0)
        if page.width is None:
            return cls(who, action, True)
        room = page.width - _GUTTER - who - 2 - action - 2
        return cls(who, action, page.wide and room >= _REASON_MIN)


def _section_lines(agenda: Agenda, section: str, page: Page, columns: _Columns) -> list[str]:
    kept, cut = agenda.kept_in(section), agenda.cut_in(section)
    lines = _section_title(section, kept, agenda, page)
    for item in kept:
        lines += _item_lines(item, page, columns, agenda.today)
    if cut:
        lines += _cut_lines(cut, page)
    if not kept and not cut:
        lines.append(page.style.dim(f"{_MARGIN}nothing this week"))
    return lines


def _section_title(section: str, kept: list[Item], agenda: Agenda, page: Page) -> list[str]:
    """`PLAN    the quarter's plan ...     6 items · 130 min`, the figures flush right; when
    the line would not fit, the subtitle goes on the next line."""
    from reseau.files.text import width

    name = section.upper()
    subtitle = _SUBTITLES[section].format(days=agenda.health.met_within_days)
    total = sum(item.minutes for item in kept)
    figures = f"{len(kept)} item{'s' * (len(kept) != 1)} · {total} min" if kept else ""
    text = f"{name:<8}{subtitle}"
    if page.width is None:
        return [page.style.bold(name) + text[len(name) :] + (f"  {figures}" if figures else "")]
    if width(text) + 2 + width(figures) <= page.width:
        gap = " " * (page.width - width(text) - width(figures)) if figures else ""
        return [page.style.bold(name) + text[len(name) :] + gap + figures]
    head = f"{name:<8}" + " " * max(page.width - 8 - width(figures), 2) + figures
    return [page.style.bold(name) + head[len(name) :], *page.wrap(_MARGIN + subtitle)]


def _item_lines(item: Item, page: Page, columns: _Columns, today: date) -> list[str]:
    from reseau.files.text import clean, pad

    minutes = f"  {item.minutes:>3}m"
    who = pad(clean(item.who), columns.who)
    if item.when is not None and item.when < today:
        who = page.style.red(who)
    action, reason = clean(item.action), clean(item.reason)
    if columns.one_line:
        used = _GUTTER + columns.who + 2 + columns.action + 2
        head = f"{minutes}  {who}  {pad(action, columns.action)}  "
        first, *rest = page.wrap(" " * used + reason, used) if reason else [""]
        return [head + page.style.dim(first[used:]), *(page.style.dim(r) for r in rest)]
    hang = _GUTTER + columns.who + 2
    first, *rest = page.wrap(" " * hang + action, hang)
    lines = [f"{minutes}  {who}  {first[hang:]}", *rest]
    if reason:
        lines += [page.style.dim(line) for line in page.wrap(_MARGIN + reason, _GUTTER)]
    return lines


def _cut_lines(cut: list[Item], page: Page) -> list[str]:
    from reseau.cli.layout import wrap_names
    from reseau.files.text import clean

    names = [clean(item.who) for item in cut]
    shown = names[:_NAMES_SHOWN] + (["…"] if len(names) > _NAMES_SHOWN else [])
    minutes = sum(item.minutes for item in cut)
    head = f"{_MARGIN}+{len(cut)} more ({minutes} min): "
    return [page.style.dim(line) for line in wrap_names(head, shown, page.width, _GUTTER + 2)]


def _health_lines(agenda: Agenda, page: Page) -> list[str]:
    rows = list(health_rows(agenda))
    size = max(len(label) for label, _ in rows)
    lines = [page.style.bold("HEALTH")]
    from reseau.cli.layout import wrap_names

    for label, text in rows:
        head, _, listed = text.partition(": ")
        wrapped = (
            wrap_names(f"  {label:<{size}}  {head}: ", listed.split(", "), page.width, size + 4)
            if label == "new" and listed
            else page.wrap(f"  {label:<{size}}  {text}", size + 4)
        )
        for line in wrapped:
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
