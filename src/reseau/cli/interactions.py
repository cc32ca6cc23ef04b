"""reseau log, reseau intro."""

from __future__ import annotations

import textwrap
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from reseau.cli.output import say, say_lines
from reseau.cli.state import state_of
from reseau.files.i18n import _

if TYPE_CHECKING:
    from reseau.actions.log import Also, Written
    from reseau.cli.state import State
    from reseau.files.store import Network

WhoArgument = Annotated[
    str, typer.Argument(help="A slug, a unique prefix of one, or part of a name.")
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="When: YYYY-MM-DD, today, yesterday, 3 days ago, -3d or a weekday (the latest one,"
        " today included); not after today.",
    ),
]


def log(
    ctx: typer.Context,
    who: WhoArgument,
    note: Annotated[str, typer.Argument(help="What happened, in a few words.")],
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            help="meeting, meal, event (in person), call, video, message, email, intro, "
            "invite or service.",
        ),
    ] = "meeting",
    when: DateOption = None,
    gave: Annotated[
        str | None, typer.Option("--gave", help="What you gave them (give before you take).")
    ] = None,
    received: Annotated[str | None, typer.Option("--received", help="What they gave you.")] = None,
    with_: Annotated[
        list[str] | None,
        typer.Option("--with", help="Another contact involved (repeat, or separate by commas)."),
    ] = None,
    tone: Annotated[
        str | None, typer.Option("--tone", help="positive, neutral or negative.")
    ] = None,
    remote: Annotated[
        bool, typer.Option("--remote", help="A meeting, meal or event that was not in person.")
    ] = False,
    next_step: Annotated[
        str | None,
        typer.Option("--next", help="A next step you promised (with --by): a promise."),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option("--by", metavar="DATE", help="With --next: when it is due."),
    ] = None,
) -> None:
    """Record an interaction with a contact, in its place in the timeline."""
    from reseau.actions.log import Entry, log_interaction

    state = state_of(ctx)
    day = parse_date_option(when, state.today)
    also = _promise_edit(next_step, by, state.today, made=day)
    kind = check_choice(kind, "--kind")
    if tone is not None:
        tone = check_choice(tone, "--tone")
    network, slug, others = _targets(state, who, with_ or [])
    member = state.member(network.root, required=True)
    entry = Entry(
        day,
        kind,
        remote=remote,
        tone=tone,
        note=note,
        gave=gave,
        received=received,
        with_=others,
        by=member,
    )
    written = log_interaction(network.root, network, slug, entry, also)
    _report(written, state.today, network)


def _promise_edit(next_step: str | None, by: str | None, today: date, made: date) -> Also | None:
    """The promise that `--next WHAT --by DATE` adds in the same write, checked first."""
    if next_step is None:
        if by is not None:
            raise typer.BadParameter(_("only with --next WHAT"), param_hint="--by")
        return None
    if by is None:
        raise typer.BadParameter(_("--next needs --by DATE: when it is due"), param_hint="--next")
    from functools import partial

    from reseau.actions.promise import NewPromise, check_promise, insert_promise
    from reseau.cli.promise import parse_due_option

    new = NewPromise(next_step.strip(), parse_due_option(by, today), made)
    check_promise(new)
    return partial(insert_promise, new=new)


def _targets(state: State, who: str, names: list[str]) -> tuple[Network, str, tuple[str, ...]]:
    """WHO and the --with contacts; the whole folder is read only when file names do not say."""
    from reseau.actions.log import distinct_others, find_target, resolve_others, split_names
    from reseau.files.store import Network
    from reseau.files.who import by_file_name

    root = state.root()
    slug = by_file_name(root, who)
    found = [by_file_name(root, name) for name in split_names(names)]
    if slug is not None and None not in found:
        return Network(root), slug, distinct_others([s for s in found if s], slug)
    network = state.network()
    slug = find_target(network, who)
    return network, slug, resolve_others(network, names, slug)


def intro(
    ctx: typer.Context,
    first: Annotated[str, typer.Argument(help="One of the two people (like WHO).")],
    second: Annotated[str, typer.Argument(help="The other one.")],
    note: Annotated[str | None, typer.Argument(help="Why you introduced them.")] = None,
    when: DateOption = None,
) -> None:
    """Record that you introduced two contacts: an intro in both files, or in neither."""
    from reseau.actions.log import find_target, introduce

    state = state_of(ctx)
    day = parse_date_option(when, state.today)
    network = state.network()
    a, b = find_target(network, first), find_target(network, second)
    member = state.member(network.root, required=True)
    written = introduce(state.root(), network, a, b, day, note, member)
    for item in written:
        _report(item, state.today, network)


def _report(written: Written, today: date, network: Network) -> None:
    """What was added, and where the contact stands. The introductions other files record
    count in the balance when the folder was read; a `log` whose names were found from the
    file names alone reads no other file, to stay as fast with 10,000 contacts as with 10."""
    from reseau.files.text import clean
    from reseau.method import activity

    contact = written.contact
    say(_("added to {value}:").format(value=clean(written.relpath)))
    lines = textwrap.dedent("\n".join(written.lines)).splitlines()
    say_lines(f"  {clean(line)}" for line in lines)
    seen = activity.seen_elsewhere(network.contacts).get(written.slug, ())
    met = activity.last_met(contact, today, seen)
    elsewhere = activity.intros_in(seen)
    say(
        _(
            "{value}: last met in person {value2}, balance {value3:+d} over the last 365 days"
        ).format(
            value=clean(contact.name),
            value2=met or _("never"),
            value3=activity.balance(contact, today, elsewhere),
        )
    )


def parse_date_option(value: str | None, today: date) -> date:
    from reseau.cli.dates import INTERACTION, date_option

    return today if value is None else date_option(value, today, "--date", past=INTERACTION)


def check_choice(value: str, option: str) -> str:
    """The kind or tone `value` means (`repas` is `meal`, see files/vocabulary.py), or a usage
    error naming the choices."""
    from reseau.files.model import KINDS, TONES
    from reseau.files.text import clean
    from reseau.files.validation import suggest
    from reseau.files.vocabulary import meant_value

    choices = KINDS if option == "--kind" else TONES
    meant = meant_value(value, choices)
    if meant is not None:
        return meant
    close = suggest(value, choices)
    hint = _("; did you mean '{close}'?").format(close=close) if close else ""
    raise typer.BadParameter(
        _("'{value}' is not one of: {value2}{hint}").format(
            value=clean(value), value2=", ".join(choices), hint=hint
        ),
        param_hint=option,
    )
