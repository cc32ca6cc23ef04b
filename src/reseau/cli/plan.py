"""reseau plan [QUARTER], reseau plan new [QUARTER], reseau plan done ITEM."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from reseau.cli.output import emit_json, say, say_lines, warn
from reseau.cli.state import state_of
from reseau.files import labels
from reseau.files.i18n import N_, _, ngettext
from reseau.files.problems import ReseauError

if TYPE_CHECKING:
    from reseau.actions.plan_done import Meeting
    from reseau.actions.plan_new import Draft
    from reseau.cli.palette import Screen
    from reseau.files.quarters import Quarter
    from reseau.files.store import Network
    from reseau.method.plans import ItemState, PlanProgress

DEFAULT_COMMAND = "show"
ITEM_STATES = ("done", "late", "this week", "later")
_SUBCOMMANDS = ("show", "new", "done")


class PlanGroup(TyperGroup):
    """`reseau plan 2026-Q4` shows that quarter: what is not a subcommand goes to `show`.

    A group cannot take an optional argument of its own without swallowing the name of
    its subcommands (`new` would be read as a quarter), so the default is routed instead.
    """

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        first = args[0] if args else None
        if first is None or (first not in self.commands and first not in ctx.help_option_names):
            args = [DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=PlanGroup,
    help="The quarterly action plan (plans/YYYY-Qn.yaml): progress, next draft, done.",
    add_completion=False,
    rich_markup_mode=None,
)


@app.command(DEFAULT_COMMAND)
def show(
    ctx: typer.Context,
    quarter: Annotated[
        str | None,
        typer.Argument(
            metavar="QUARTER",
            help="A quarter like 2026-Q4 (default: the current one).",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """The quarter's progress: each item's state, completion, the focus. `reseau plan` runs it."""
    from reseau.files.quarters import Quarter
    from reseau.method.plans import find_plan, plan_progress

    state = state_of(ctx)
    chosen = _quarter(quarter) if quarter else Quarter.of(state.today)
    network = state.network()
    plan = find_plan(network, chosen)
    if plan.quarter != str(chosen):
        warn(
            _("reseau: plans/{chosen}.yaml says quarter {quarter}; run `reseau check`").format(
                chosen=chosen, quarter=plan.quarter
            )
        )
    progress = plan_progress(plan, network.contacts, state.today)
    if as_json:
        emit_json(progress.to_json())
        return
    from reseau.cli.palette import Screen

    say_lines(_progress_lines(progress, network, Screen.stdout()))


@app.command("new")
def new(
    ctx: typer.Context,
    quarter: Annotated[
        str | None,
        typer.Argument(
            metavar="QUARTER",
            help="The quarter to draft (default: the current one while it has no plan, "
            "else the next).",
            show_default=False,
        ),
    ] = None,
    meet: Annotated[
        int, typer.Option("--meet", min=0, help="How many people to propose to meet first.")
    ] = 12,
    focus: Annotated[
        list[str] | None,
        typer.Option(
            "--focus", help="An objective in focus (repeat; default: the previous plan's)."
        ),
    ] = None,
) -> None:
    """Draft a quarter's plan: carry over what is undone, propose who to meet first."""
    from reseau.actions.plan_new import draft_plan, write_draft
    from reseau.files.quarters import Quarter
    from reseau.files.text import clean

    state = state_of(ctx)
    network = state.network()
    chosen = _quarter(quarter) if quarter else _to_draft(network, Quarter.of(state.today))
    draft = draft_plan(network, chosen, state.today, meet=meet, focus=focus)
    text = write_draft(network, draft)
    say(clean(text.rstrip("\n"), multiline=True))
    say()
    say_lines(_draft_summary(draft, network))


@app.command("done")
def done(
    ctx: typer.Context,
    item: Annotated[
        str,
        typer.Argument(
            metavar="ITEM",
            help="The item's number as `reseau plan` shows it, or a contact (for a meet item).",
            show_default=False,
        ),
    ],
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            help="For a meet item: how you met, meeting, meal or event (asked in a terminal; "
            "default: meeting).",
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(
            "--note", help="For a meet item: what the meeting was about (asked in a terminal)."
        ),
    ] = None,
) -> None:
    """Mark an item of the current quarter's plan done today; a meet item's meeting is
    recorded in the contact's file."""
    from reseau.actions.plan_done import find_item, mark_done
    from reseau.files.model import MeetItem
    from reseau.files.quarters import Quarter
    from reseau.files.text import clean

    kind = _check_kind(kind)
    state = state_of(ctx)
    network = state.network()
    quarter = Quarter.of(state.today)
    target = find_item(network, quarter, item, state.today)
    meeting = None
    if isinstance(target.item, MeetItem) and not target.is_done:
        meeting = _meeting(kind, note, _item_label(target, network))
    marked = mark_done(network, quarter, item, state.today, meeting)
    label = _item_label(marked.state, network)
    number, path = marked.state.number, marked.relpath
    if not marked.changed:
        already = _("{path}: item {number} is already done: {label}")
        say(already.format(path=path, number=number, label=label))
        say(f"  {_done_detail(marked.state)}")
        return
    done_now = _("{path}: item {number} done on {day}: {label}")
    say(done_now.format(path=path, number=number, day=state.today, label=label))
    if marked.meeting is not None and marked.contact_relpath is not None:
        say(_("added to {path}:").format(path=clean(marked.contact_relpath)))
        say_lines(f"  {clean(line)}" for line in _dedented(marked.meeting))
    elif isinstance(marked.state.item, MeetItem):
        slug = clean(marked.state.item.contact)
        nowhere = _("{slug} has no file in contacts/: the meeting is recorded nowhere else")
        say("  " + nowhere.format(slug=slug))


def _check_kind(kind: str | None) -> str | None:
    """The kind of meeting in person `kind` means (`repas` is `meal`), or a usage error."""
    from reseau.files.model import IN_PERSON_KINDS, KINDS
    from reseau.files.vocabulary import meant_value

    in_person = [k for k in KINDS if k in IN_PERSON_KINDS]
    if kind is None:
        return None
    meant = meant_value(kind, in_person)
    if meant is None:
        from reseau.files.text import clean

        raise typer.BadParameter(
            _("'{kind}' is not a kind of meeting in person; use one of: {kinds}").format(
                kind=clean(kind), kinds=", ".join(in_person)
            ),
            param_hint="--kind",
        )
    return meant


def _meeting(kind: str | None, note: str | None, label: str) -> Meeting:
    """How the meeting went: from --kind and --note, else asked in a terminal, else a plain
    meeting with no note (a script never waits for an answer)."""
    import sys

    from reseau.actions.plan_done import Meeting

    if kind is None and note is None and sys.stdin.isatty():
        try:
            kind, note = _ask_meeting(label)
        except KeyboardInterrupt:
            sys.stderr.write("\n")
            raise ReseauError(_("stopped; nothing was written")) from None
    return Meeting(kind or "meeting", note or None)


def _ask_meeting(label: str) -> tuple[str | None, str | None]:
    import sys

    from reseau.files.model import IN_PERSON_KINDS, KINDS
    from reseau.files.vocabulary import meant_value

    in_person = [k for k in KINDS if k in IN_PERSON_KINDS]
    kinds = ", ".join(in_person)
    recorded = _("{label}: recorded as a meeting today in the contact's file.")
    sys.stderr.write(recorded.format(label=label) + "\n")
    while True:
        sys.stderr.write(_("kind ({kinds}) [meeting]: ").format(kinds=kinds))
        sys.stderr.flush()
        kind = sys.stdin.readline().strip().lower()
        if not kind:
            break
        meant = meant_value(kind, in_person)
        if meant is not None:
            kind = meant
            break
        sys.stderr.write("  " + _("'{kind}' is not one of: {kinds}").format(kind=kind, kinds=kinds))
        sys.stderr.write("\n")
    sys.stderr.write(_("note (Enter for none): "))
    sys.stderr.flush()
    note = sys.stdin.readline().strip()
    return kind or None, note or None


def _dedented(lines: list[str]) -> list[str]:
    import textwrap

    return textwrap.dedent("\n".join(lines)).splitlines()


def _quarter(text: str) -> Quarter:
    from reseau.files.quarters import Quarter
    from reseau.files.validation import suggest

    try:
        return Quarter.parse(text)
    except ValueError as exc:
        close = suggest(text, _SUBCOMMANDS)
        hint = _(", or did you mean `reseau plan {close}`?").format(close=close) if close else ""
        raise typer.BadParameter(f"{exc}{hint}", param_hint="QUARTER") from None


def _to_draft(network: Network, current: Quarter) -> Quarter:
    """The current quarter while it has no plan file (valid or not), else the next one."""
    from reseau.method.plans import plan_relpath

    if not (network.root / plan_relpath(current)).exists():
        return current
    return _following(current)


def _following(current: Quarter) -> Quarter:
    """The quarter after `current`, when it is still one reseau accepts."""
    from reseau.files.problems import ReseauError
    from reseau.files.quarters import Quarter

    try:
        return Quarter.parse(str(current.next()))
    except ValueError as exc:
        raise ReseauError(str(exc)) from None


# What `reseau plan` prints.

_DETAIL_HEADER = {"meet": N_("why"), "animate": N_("invite"), "reputation": N_("channel")}
_WHAT_HEADER = {"meet": N_("contact"), "animate": N_("what"), "reputation": N_("what")}


def _progress_lines(progress: PlanProgress, network: Network, screen: Screen) -> list[str]:
    from reseau.cli.layout import wrap_line
    from reseau.files.localized import percent
    from reseau.files.quarters import iso_week
    from reseau.method.plans import SECTIONS, plan_relpath

    overall = progress.overall
    title = ngettext(
        "{path} on {day} ({week}): {done} of {total} item done ({percent})",
        "{path} on {day} ({week}): {done} of {total} items done ({percent})",
        overall.total,
    ).format(
        path=plan_relpath(progress.quarter),
        day=progress.today,
        week=iso_week(progress.today),
        done=overall.done,
        total=overall.total,
        percent=percent(overall.percent),
    )
    lines = [screen.style.bold(line) for line in wrap_line(title, screen.width)]
    lines.extend(_focus_lines(progress))
    for section in SECTIONS:
        lines.append("")
        lines.extend(_section_lines(progress, section, network, screen))
    if overall.done < overall.total:
        hint = _("mark one done: reseau plan done NUMBER (or a contact, for a meet item)")
        lines.extend(["", *wrap_line(hint, screen.width)])
    return lines


def _focus_lines(progress: PlanProgress) -> list[str]:
    from reseau.cli.render import table

    if not progress.focus:
        return ["", _("focus: none (add objectives under focus: in the plan)")]
    rows = [
        [f.circle, _of(len(f.met), len(f.members)), _percent(len(f.met), len(f.members))]
        for f in progress.focus
    ]
    headers = [_("focus"), _("met in person this quarter"), ""]
    return ["", *table(headers, rows, numeric=[2])]


def _of(part: int, whole: int) -> str:
    """`5 of 11` (`5 sur 11`)."""
    return _("{part} of {whole}").format(part=part, whole=whole)


def _section_lines(
    progress: PlanProgress, section: str, network: Network, screen: Screen
) -> list[str]:
    from reseau.cli.layout import Column, short_date, table
    from reseau.files.localized import percent

    states = [s for s in progress.states if s.section == section]
    completion = progress.sections[section]
    name = labels.section(section)
    if not states:
        return [_("{section}: nothing planned").format(section=name)]
    heading = ngettext(
        "{section}: {done} of {total} done ({percent})",
        "{section}: {done} of {total} done ({percent})",
        completion.total,
    ).format(
        section=name,
        done=completion.done,
        total=completion.total,
        percent=percent(completion.percent),
    )
    rows = [_row(state, progress.states, network) for state in states]
    dates = [state.done_on if state.is_done else state.when for state in states]
    columns = [
        Column("#", "#", [row[0] for row in rows], right=True),
        Column(
            "state",
            _("state"),
            [row[1] for row in rows],
            paint=screen.style.state,
            values=[state.state for state in states],
        ),
        Column(
            "date",
            _("date"),
            [row[2] for row in rows],
            compact=[short_date(day, progress.today, never="") for day in dates],
        ),
        Column("what", _(_WHAT_HEADER[section]), [row[3] for row in rows], wrap=section != "meet"),
        Column("detail", _(_DETAIL_HEADER[section]), [row[4] for row in rows], wrap=True),
    ]
    notes = {i: _done_detail(state) for i, state in enumerate(states) if state.done_by}
    return [heading, *table(columns, screen.width, notes)]


def _row(state: ItemState, states: list[ItemState], network: Network) -> list[str]:
    from reseau.files.model import AnimateItem, MeetItem
    from reseau.files.text import pad, width

    item = state.item
    when = state.done_on if state.is_done else state.when
    if isinstance(item, MeetItem):
        contact = network.contacts.get(item.contact)
        what, detail = (contact.name if contact else item.contact), item.why or ""
    elif isinstance(item, AnimateItem):
        what, detail = item.what, ", ".join(item.invite)
    else:
        what, detail = item.what, item.channel or ""
    if item.carried:
        carried = _("(carried from {quarter})").format(quarter=item.carried)
        detail = f"{detail} {carried}".lstrip()
    number = str(state.number).rjust(len(str(len(states))))
    widest = max(width(labels.plan_state(s)) for s in ITEM_STATES)
    return [number, pad(labels.plan_state(state.state), widest), str(when or ""), what, detail]


def _done_detail(state: ItemState) -> str:
    from reseau.files.text import clean

    met = state.done_by
    if met is None:
        return _("done on {day}").format(day=state.done_on)
    kind = labels.kind(met.kind)
    if met.note:
        text = _("met in person on {day} ({kind}): {note}")
    else:
        text = _("met in person on {day} ({kind})")
    return text.format(day=met.date, kind=kind, note=clean(met.note or ""))


def _item_label(state: ItemState, network: Network) -> str:
    from reseau.files.model import MeetItem
    from reseau.files.text import clean

    item = state.item
    if isinstance(item, MeetItem):
        contact = network.contacts.get(item.contact)
        name = contact.name if contact else item.contact
        return _("meet {name}").format(name=clean(name))
    return f"{labels.section(state.section)} {clean(item.what)}"


def _percent(part: int, whole: int) -> str:
    from reseau.files.localized import percent

    return percent(round(100 * part / whole)) if whole else ""


# What `reseau plan new` prints after the draft.


def _draft_summary(draft: Draft, network: Network) -> list[str]:
    carried = len(draft.carried)
    proposed = len(draft.proposals)
    if draft.previous_found:
        source = ngettext(
            "{count} undone item carried over from {quarter}",
            "{count} undone items carried over from {quarter}",
            carried,
        ).format(count=carried, quarter=draft.previous)
    else:
        source = _("no plan for {quarter}, nothing carried over").format(quarter=draft.previous)
    lines = [
        ngettext(
            "wrote {path}: {source}, {count} person proposed to meet first",
            "wrote {path}: {source}, {count} people proposed to meet first",
            proposed,
        ).format(path=draft.relpath, source=source, count=proposed),
    ]
    for state in draft.dropped:
        label = _item_label(state, network)
        lines.append(
            _("not carried: item {number} ({label}): that contact no longer exists").format(
                number=state.number, label=label
            )
        )
    lines.append(_("next: edit it (why, channel, dates), then run `reseau check`"))
    return lines
