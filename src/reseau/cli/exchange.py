"""reseau import and reseau export."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reseau.cli.groups import SuggestingGroup
from reseau.cli.output import say, say_lines, warn
from reseau.cli.state import state_of
from reseau.files.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from reseau.actions.calendar_import import CalendarReport
    from reseau.actions.importing import ImportReport
    from reseau.files.store import Network
    from reseau.formats.exporters import Selection
    from reseau.formats.importers.calendar import Meeting

import_app = typer.Typer(
    cls=SuggestingGroup,
    help="Bring people in from other tools, and meetings from a calendar.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
export_app = typer.Typer(
    cls=SuggestingGroup,
    help="Write the network for phones, spreadsheets and calendars.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

FileArg = Annotated[Path, typer.Argument(help="The file to import.", exists=True, dir_okay=False)]
DryRun = Annotated[bool, typer.Option("--dry-run", help="Say what would happen; write nothing.")]
Circles = Annotated[list[str] | None, typer.Option("--circle", help="Put everyone in this circle.")]
Tags = Annotated[list[str] | None, typer.Option("--tag", help="Give everyone this tag.")]
Status = Annotated[
    str | None,
    typer.Option(
        "--status",
        help="Status of new contacts: active, dormant or archived (default: the card's "
        "X-RESEAU-STATUS, else dormant).",
    ),
]
Encoding = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        help="The file's encoding when it is not UTF-8, e.g. cp1252; over any CHARSET= in it.",
    ),
]
Output = Annotated[
    Path | None, typer.Option("-o", "--output", help="Write to this file, not stdout.")
]
VcardPrivate = Annotated[bool, typer.Option("--private", help="Also write the notes (NOTE).")]
CsvPrivate = Annotated[
    bool,
    typer.Option(
        "--private",
        help="Also write nature, score, tier, last met, gave, received, balance and notes.",
    ),
]
CircleFilter = Annotated[str | None, typer.Option("--circle", help="Only this circle.")]
TagFilter = Annotated[str | None, typer.Option("--tag", help="Only this tag.")]
StatusFilter = Annotated[str | None, typer.Option("--status", help="Only this status.")]


def _import_command(kind: str, doc: str) -> Callable[..., None]:
    """One `reseau import KIND FILE` command; the three formats share every option."""

    def command(
        ctx: typer.Context, file: FileArg, dry_run: DryRun = False, circle: Circles = None,
        tag: Tags = None, status: Status = None, encoding: Encoding = None,
    ) -> None:  # fmt: skip
        _import(ctx, kind, file, dry_run, circle, tag, status, encoding)

    command.__doc__ = doc
    return command


for _kind, _doc in (
    ("vcard", N_("Import a .vcf address book (vCard 2.1, 3.0 or 4.0).")),
    ("linkedin", N_("Import LinkedIn's Connections.csv.")),
    ("google", N_("Import a Google Contacts CSV export.")),
):
    import_app.command(_kind)(_import_command(_kind, _doc))


@import_app.command("ics")
def import_ics(ctx: typer.Context, file: FileArg, dry_run: DryRun = False) -> None:
    """Log the past meetings of a calendar export (.ics) on the contacts who took part."""
    from reseau.actions.calendar_import import import_meetings, read_calendar_file

    state = state_of(ctx)
    network = state.network()
    read = read_calendar_file(file, _end_of(state.today))
    report = import_meetings(network.root, network, read, dry_run=dry_run)
    say_lines(calendar_report_lines(report, network))


def _end_of(today: date) -> datetime:
    """Now, on the real today; the end of the day given as --today otherwise."""
    now = datetime.now().astimezone()
    if today == now.date():
        return now
    return datetime.combine(today, time(23, 59, 59)).astimezone()


def calendar_report_lines(report: CalendarReport, network: Network) -> list[str]:
    """What was logged, per contact and meeting; what was skipped, counted by reason."""
    from reseau.actions.calendar_import import ALREADY_LOGGED
    from reseau.files.text import clean

    logged_on = _("would log on {slug} ({name}): {meetings}") if report.dry_run else None
    logged_on = logged_on or _("logged on {slug} ({name}): {meetings}")
    lines = []
    for slug, items in report.by_contact().items():
        name = clean(network.contacts[slug].name)
        meetings = ngettext("{count} meeting", "{count} meetings", len(items))
        lines.append(
            logged_on.format(
                slug=clean(slug), name=name, meetings=meetings.format(count=len(items))
            )
        )
        for item in items:
            others = _(" · with {names}").format(names=", ".join(item.with_)) if item.with_ else ""
            lines.append(f"  {_meeting_text(item.meeting)}{others}")
    for slug, meeting in report.already:
        lines.append(
            _("skipped  {meeting}: {reason} on {slug}").format(
                meeting=_meeting_text(meeting), reason=_(ALREADY_LOGGED), slug=clean(slug)
            )
        )
    lines.append(_calendar_summary(report))
    return lines


def _calendar_summary(report: CalendarReport) -> str:
    logged, contacts = len(report.logged), len(report.by_contact())
    interactions = ngettext("{count} interaction", "{count} interactions", logged)
    on = ngettext("{count} contact", "{count} contacts", contacts)
    summary = (
        _("{interactions} would be logged on {contacts}")
        if report.dry_run
        else _("{interactions} logged on {contacts}")
    ).format(interactions=interactions.format(count=logged), contacts=on.format(count=contacts))
    if report.left_out:
        reasons = ", ".join(f"{n} {_(why)}" for why, n in sorted(report.left_out.items()))
        left = sum(report.left_out.values())
        events = ngettext("{count} event", "{count} events", left).format(count=left)
        summary += _("; {events} skipped: {reasons}").format(events=events, reasons=reasons)
    return summary + (_(" (dry run: nothing written)") if report.dry_run else "")


def _meeting_text(meeting: Meeting) -> str:
    from reseau.files.text import clean

    how = _("video") if meeting.remote else _("in person")
    title = clean(meeting.title) if meeting.title else _("(no title)")
    return f"{meeting.start:%Y-%m-%d %H:%M}  {how}  {title}"


def _import(
    ctx: typer.Context,
    kind: str,
    file: Path,
    dry_run: bool,
    circles: list[str] | None,
    tags: list[str] | None,
    status: str | None,
    encoding: str | None,
) -> None:
    from reseau.actions.importing import ImportOptions, import_people, read_export

    if status is not None and status not in ("active", "dormant", "archived"):
        raise typer.BadParameter(_("active, dormant or archived"), param_hint="--status")
    state = state_of(ctx)
    parsed = read_export(kind, file, encoding)
    options = ImportOptions(circles or [], tags or [], status, dry_run)
    report = import_people(state.root(), parsed, options)
    say_lines(report_lines(report, file.name))
    if report.skipped:
        raise typer.Exit(1)


# What became of each person imported.
CREATED, MERGED = N_("created"), N_("merged")
WOULD_CREATE, WOULD_MERGE = N_("would be created"), N_("would be merged")


def report_lines(report: ImportReport, source: str) -> list[str]:
    from reseau.files.text import clean

    source = clean(source)
    lines = [f"{source}: {clean(w)}" for w in report.warnings]
    labels = (WOULD_CREATE, WOULD_MERGE) if report.dry_run else (CREATED, MERGED)
    for label, outcomes in zip(labels, (report.created, report.merged), strict=True):
        for outcome in outcomes:
            notes = [f"+{key}" for key in outcome.added]
            notes += [_("{item} left out").format(item=clean(item)) for item in outcome.dropped]
            detail = f"  {', '.join(notes)}" if notes else ""
            slug = clean(outcome.slug)
            lines.append(f"{_(label)}  {slug}  {source}:{outcome.line}{detail}")
    for skipped in report.skipped:
        lines.append(
            _("skipped  {source}:{line}: {value}").format(
                source=source, line=skipped.line, value=clean(skipped.reason)
            )
        )
    figures = {
        "created": len(report.created),
        "merged": len(report.merged),
        "unchanged": len(report.unchanged),
        "skipped": len(report.skipped),
    }
    if report.dry_run:
        template = _(
            "{created} would be created, {merged} would be merged, {unchanged} unchanged, "
            "{skipped} skipped"
        )
    else:
        template = _("{created} created, {merged} merged, {unchanged} unchanged, {skipped} skipped")
    counts = template.format(**figures)
    lines.append(counts + (_(" (dry run: nothing written)") if report.dry_run else ""))
    return lines


Vdir = Annotated[
    Path | None,
    typer.Option(
        "--vdir",
        help="Write one DIR/<slug>.vcf per contact instead (the folder vdirsyncer syncs): "
        "only changed cards rewritten, cards of contacts gone removed.",
        metavar="DIR",
    ),
]


@export_app.command("vcard")
def export_vcard(
    ctx: typer.Context, circle: CircleFilter = None, tag: TagFilter = None,
    status: StatusFilter = None, private: VcardPrivate = False, output: Output = None,
    vdir: Vdir = None,
) -> None:  # fmt: skip
    """vCard 3.0, one card per contact."""
    from reseau.formats.exporters import select
    from reseau.formats.exporters.vcard import contact_card, contacts_to_vcard

    if output is not None and vdir is not None:
        raise typer.BadParameter(_("give -o FILE or --vdir DIR, not both"), param_hint="--vdir")
    state = state_of(ctx)
    if vdir is None:
        from reseau.cli.remembered import remembered_output

        def produce(network: Network) -> str:
            chosen = select(network.contacts, _selection(network, circle, tag, status))
            return contacts_to_vcard(chosen, private=private)

        parts = (circle, tag, status, private)
        _deliver(remembered_output(state, "vcard", parts, produce).encode(), output)
        return
    network = state.network()
    chosen = select(network.contacts, _selection(network, circle, tag, status))
    from reseau.actions.vdir import is_reseau_card, write_vdir
    from reseau.files.problems import ReseauError
    from reseau.files.store import contacts_folder_problem
    from reseau.files.text import clean

    missing = contacts_folder_problem(network.root)
    if missing is not None and any(is_reseau_card(p) for p in vdir.glob("*.vcf")):
        # mirroring "no contacts" would remove every card from every phone
        raise ReseauError(
            _("{path}: {message}; nothing was exported").format(
                path=missing.path, message=missing.message
            )
        )
    cards = {slug: contact_card(slug, contact, private=private) for slug, contact in chosen}
    report = write_vdir(vdir, cards, keep=network.skipped_slugs())
    say(
        _("{value}: {count} written, {count2} unchanged, {count3} removed").format(
            value=clean(str(vdir)),
            count=len(report.written),
            count2=len(report.unchanged),
            count3=len(report.removed),
        )
    )
    for name in report.foreign:
        warn(
            _("reseau: {name} is a card reseau did not write; it was left as it is").format(
                name=clean(name)
            )
        )


@export_app.command("csv")
def export_csv(
    ctx: typer.Context, circle: CircleFilter = None, tag: TagFilter = None,
    status: StatusFilter = None, private: CsvPrivate = False, output: Output = None,
) -> None:  # fmt: skip
    """CSV for spreadsheets, formulas neutralised."""
    from reseau.formats.exporters import select
    from reseau.formats.exporters.spreadsheet import contacts_to_csv
    from reseau.method.activity import intros_naming, seen_elsewhere

    state = state_of(ctx)
    network = state.network()
    chosen = select(network.contacts, _selection(network, circle, tag, status))
    seen = seen_elsewhere(network.contacts) if private else None
    mentions = intros_naming(network.contacts, seen) if private else None
    text = contacts_to_csv(
        chosen, network.settings, state.today, private=private, mentions=mentions, seen=seen
    )
    _deliver(text.encode("utf-8"), output)


def _selection(
    network: Network, circle: str | None, tag: str | None, status: str | None
) -> Selection:
    """The export's filters, each checked: a typo is an error, not an empty export."""
    from reseau.cli.filters import check_circle, check_status
    from reseau.formats.exporters import Selection

    check_status(status)
    check_circle(circle, network)
    return Selection(circle, tag, status)


@export_app.command("ics")
def export_ics(
    ctx: typer.Context,
    weeks: Annotated[
        int, typer.Option("--weeks", min=1, max=52, help="Follow-ups due within.")
    ] = 4,
    output: Output = None,
) -> None:
    """A calendar: the weekly ritual, the plan's dated items, the follow-ups due."""
    from reseau.formats.exporters.ics import calendar_events, events_to_ics, local_zone

    state = state_of(ctx)
    network = state.network()
    events = calendar_events(network, state.today, weeks)
    zone, owner = local_zone(network.settings), network.settings.owner
    _deliver(events_to_ics(events, state.today, zone=zone, owner=owner), output)


def _deliver(data: bytes, output: Path | None) -> None:
    import sys

    from reseau.actions.export import write_export

    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_export(data, output)
    say(_("wrote {output}").format(output=output))
