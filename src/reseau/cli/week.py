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
from reseau.files.i18n import N_, _, ngettext

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
    "keep": N_("what you promised: due by Sunday, or late"),
    "plan": N_("the quarter's plan: due by Sunday, or late"),
    "meet": N_("not met in person within {days} days"),
    "touch": N_("past their keep-in-touch rhythm"),
    "give": N_("give back, and introductions to make"),
    "events": N_("this week, from the plan"),
    "health": "",
}
# The sections' names as the agenda shows them (upper case); --json keeps the English keys.
_NAMES = {
    "keep": N_("KEEP"),
    "plan": N_("PLAN"),
    "meet": N_("MEET"),
    "touch": N_("TOUCH"),
    "give": N_("GIVE"),
    "events": N_("EVENTS"),
    "health": N_("HEALTH"),
}
_HEALTH_LABELS = {
    "active": N_("active"),
    "new": N_("new"),
    "met in person": N_("met in person"),
    "ritual": N_("ritual"),
    "last session": N_("last session"),
    "reminder": N_("reminder"),
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
    whole_team: Annotated[
        bool, typer.Option("--team", help="In a team network: the whole team's agenda.")
    ] = False,
) -> None:
    """The week's agenda: plan, meet, touch, give, events, health, in the ritual's minutes."""
    if not done and (minutes is not None or note is not None):
        raise typer.BadParameter(_("only with --done"), param_hint="'--minutes' / '--note'")
    state = state_of(ctx)
    if done:
        record_done(state, minutes, note, as_json)
        return
    from reseau.files.cache import recall, remember, result_key

    root = state.root()
    member = None if whole_team else state.member(root)
    style, width = Style.for_stream(sys.stdout), _width()
    asked = state.today.isoformat() + (f" {member}" if member else "")
    key = result_key(root, "week", asked, as_json, style.enabled, width)
    output = recall(root, "week", key)
    if output is None:
        output = _agenda_output(root, state.today, as_json, style, width, member)
        remember(root, "week", key, output)
    lines, warnings = output
    for line in warnings:
        warn(line)
    say_lines(lines)


def _agenda_output(
    root: Path, today: date, as_json: bool, style: Style, width: int | None, member: str | None
) -> tuple[list[str], list[str]]:
    """What `reseau week` prints: the lines on stdout, and the warnings for stderr."""
    from reseau.cli.render import to_json
    from reseau.files.store import load_network, load_warnings
    from reseau.method.agenda import unknown_durations, week_agenda

    network = load_network(root)
    warnings = [_unknown_duration(key) for key in unknown_durations(network.settings)]
    warnings += load_warnings(network)
    agenda = week_agenda(network, today, member)
    if as_json:
        return [to_json(agenda.to_json())], warnings
    return agenda_lines(agenda, style, width), warnings


def _unknown_duration(key: str) -> str:
    from reseau.files.validation import suggest
    from reseau.method.agenda import DEFAULT_MINUTES

    close = suggest(key, DEFAULT_MINUTES)
    if close:
        hint = _("did you mean '{close}'?").format(close=close)
    else:
        hint = _("the kinds: {kinds}").format(kinds=", ".join(DEFAULT_MINUTES))
    return _("reseau.yaml: durations: '{key}' is not a kind of item; {hint}").format(
        key=key, hint=hint
    )


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
    member = state.member(root, required=True)
    outcome, journal = write_session(root, state.today, minutes, session_note(note), member)
    ritual = ritual_state(journal, state.today)
    if as_json:
        emit_json({"recorded": outcome, "date": state.today.isoformat(), **ritual.to_json()})
        return
    say(_done_message(outcome, journal, state.today, member))
    say(_("streak: {weeks} in a row").format(weeks=_weeks(ritual.streak)))


def _done_message(outcome: str, journal: Journal, today: date, member: str | None) -> str:
    from reseau.method.ritual import session_index

    index = session_index(journal, today, member)
    session = journal.sessions[index] if index is not None else None
    minutes = ""
    if session and session.minutes:
        minutes = _(" ({minutes} minutes)").format(minutes=session.minutes)
    what = _("the session of {day}{minutes}").format(day=today.isoformat(), minutes=minutes)
    return {
        "created": _("created journal.yaml with {what}"),
        "added": _("recorded {what} in journal.yaml"),
        "updated": _("updated {what} in journal.yaml"),
        "unchanged": _("{what} is already in journal.yaml; --minutes or --note change it"),
    }[outcome].format(what=what)


def _weeks(count: int) -> str:
    return ngettext("{count} week", "{count} weeks", count).format(count=count)


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
    title = _("Week {week} · {span}").format(week=agenda.week, span=span)
    title += f" · {clean(owner)}" if owner else ""
    budget = _("{planned} of {budget} minutes planned").format(
        planned=agenda.planned_minutes, budget=agenda.budget_minutes
    )
    if agenda.more:
        more = _("+{count} more did not fit").format(count=agenda.more)
    else:
        more = _("everything fits")
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
        lines.append(page.style.dim(_MARGIN + _("nothing this week")))
    return lines


def _section_title(section: str, kept: list[Item], agenda: Agenda, page: Page) -> list[str]:
    """`PLAN    the quarter's plan ...     6 items · 130 min`, the figures flush right; when
    the line would not fit, the subtitle goes on the next line."""
    from reseau.files.text import width

    name = _(_NAMES[section])
    subtitle = _(_SUBTITLES[section]).format(days=agenda.health.met_within_days)
    total = sum(item.minutes for item in kept)
    figures = ""
    if kept:
        figures = ngettext("{count} item · {total} min", "{count} items · {total} min", len(kept))
        figures = figures.format(count=len(kept), total=total)
    label = f"{name:<8}" if len(name) < 8 else f"{name}  "
    text = label + subtitle
    if page.width is None:
        return [page.style.bold(name) + text[len(name) :] + (f"  {figures}" if figures else "")]
    if width(text) + 2 + width(figures) <= page.width:
        gap = " " * (page.width - width(text) - width(figures)) if figures else ""
        return [page.style.bold(name) + text[len(name) :] + gap + figures]
    head = label + " " * max(page.width - len(label) - width(figures), 2) + figures
    return [page.style.bold(name) + head[len(name) :], *page.wrap(_MARGIN + subtitle)]


def _item_lines(item: Item, page: Page, columns: _Columns, today: date) -> list[str]:
    from reseau.files.text import clean, pad

    minutes = f"  {item.minutes:>3}m"
    who = pad(clean(item.who), columns.who)
    if item.when is not None and item.when < today:
        who = page.style.red(who)
    action, reason = clean(item.action), clean(item.reason)
    if item.member is not None:
        reason = _("for {member} · {reason}").format(member=clean(item.member), reason=reason)
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
    head = _MARGIN + _("+{count} more ({minutes} min): ").format(count=len(cut), minutes=minutes)
    return [page.style.dim(line) for line in wrap_names(head, shown, page.width, _GUTTER + 2)]


def _health_lines(agenda: Agenda, page: Page) -> list[str]:
    rows = list(health_rows(agenda))
    size = max(len(_(_HEALTH_LABELS[label])) for label, _text in rows)
    lines = [page.style.bold(_(_NAMES["health"]))]
    from reseau.cli.layout import wrap_names

    for label, text in rows:
        shown = _(_HEALTH_LABELS[label])
        head, _colon, listed = text.partition(": ")
        wrapped = (
            wrap_names(f"  {shown:<{size}}  {head}: ", listed.split(", "), page.width, size + 4)
            if label == "new" and listed
            else page.wrap(f"  {shown:<{size}}  {text}", size + 4)
        )
        for line in wrapped:
            lines.append(page.style.yellow(line) if label == "reminder" else line)
    return lines


def health_rows(agenda: Agenda) -> Iterator[tuple[str, str]]:
    from reseau.files.localized import percent
    from reseau.files.text import clean
    from reseau.method.agenda import date_label

    health = agenda.health
    if health.active > health.dunbar_limit:
        active = _("{active} of {limit}: over the Dunbar limit")
    else:
        active = _("{active} of {limit} (Dunbar limit)")
    yield "active", active.format(active=health.active, limit=health.dunbar_limit)
    names = [clean(agenda.names.get(s, s)) for s in health.new_contacts]
    listed = ", ".join(names[:_NAMES_SHOWN]) + (", …" if len(names) > _NAMES_SHOWN else "")
    new = _("{count} in 90 days").format(count=len(names))
    yield "new", new + (_(": {names}").format(names=listed) if names else "")
    coverage = ""
    if health.coverage_percent is not None:
        coverage = f" ({percent(health.coverage_percent)})"
    met = _("{met} of {active} active within {days} days").format(
        met=health.met_in_person, active=health.active, days=health.met_within_days
    )
    yield "met in person", met + coverage
    ritual = health.ritual
    yield (
        "ritual",
        _("{weeks} in a row · {held} of the last 12").format(
            weeks=_weeks(ritual.streak), held=ritual.recent_weeks_held
        ),
    )
    if ritual.this_week is not None:
        yield "last session", _("this week, {day}").format(day=date_label(ritual.this_week))
    elif ritual.last_session is not None:
        days = ritual.days_since_last or 0
        ago = ngettext("{day}, {count} day ago", "{day}, {count} days ago", days)
        yield "last session", ago.format(day=date_label(ritual.last_session), count=days)
    else:
        yield "last session", _("none recorded yet")
    if health.reminder:
        yield "reminder", health.reminder
