"""reseau promise: a next step promised to a contact; `promise done` when it is kept."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from reseau.cli.interactions import DateOption, WhoArgument, parse_date_option
from reseau.cli.output import say, say_lines
from reseau.cli.state import state_of
from reseau.files.i18n import _, ngettext

if TYPE_CHECKING:
    from reseau.actions.log import Written

ByOption = Annotated[
    str,
    typer.Option(
        "--by",
        metavar="DATE",
        help="When it is due: YYYY-MM-DD, today, tomorrow, or a weekday (the next one).",
    ),
]
_SUBCOMMANDS = ("done", "make")


class PromiseGroup(TyperGroup):
    """`reseau promise WHO WHAT --by DATE` makes one; `reseau promise done WHO` keeps one."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in _SUBCOMMANDS and args[0] not in ("-h", "--help"):
            args = ["make", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=PromiseGroup,
    help="A next step promised to a contact: reseau promise WHO WHAT --by DATE; "
    "reseau promise done WHO [N] when it is kept.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.command("make")
def make(
    ctx: typer.Context,
    who: WhoArgument,
    what: Annotated[str, typer.Argument(help="What you promised, in a few words.")],
    by: ByOption,
) -> None:
    """Record what you promised a contact, and by when (the default command)."""
    from reseau.actions.log import find_target
    from reseau.actions.promise import NewPromise, add_promise

    state = state_of(ctx)
    new = NewPromise(what.strip(), parse_due_option(by, state.today), state.today)
    network = state.network()
    slug = find_target(network, who)
    written = add_promise(network.root, network, slug, new)
    _report(written)
    say(f"{_name(written)}: {_open_count(written)}")


@app.command("done")
def done(
    ctx: typer.Context,
    who: WhoArgument,
    number: Annotated[
        int | None,
        typer.Argument(min=1, help="Which open promise, as `reseau show` numbers them."),
    ] = None,
    log: Annotated[
        bool, typer.Option("--log", help="Also log it as an interaction that gave.")
    ] = False,
    kind: Annotated[
        str, typer.Option("--kind", help="With --log: the interaction's kind.")
    ] = "message",
    when: DateOption = None,
) -> None:
    """Mark a promise kept; with --log, record the interaction that gave it."""
    from reseau.actions.log import find_target
    from reseau.actions.promise import close_promise
    from reseau.cli.interactions import check_choice

    state = state_of(ctx)
    day = parse_date_option(when, state.today)
    if log:
        kind = check_choice(kind, "--kind")
    network = state.network()
    slug = find_target(network, who)
    closed = close_promise(network.root, network, slug, number, day, kind if log else None)
    _report(closed.written)
    kept = (
        _("{name}: kept on time; {open}")
        if day <= closed.promise.by
        else _("{name}: kept late (due {due}); {open}")
    )
    say(
        kept.format(
            name=_name(closed.written), due=closed.promise.by, open=_open_count(closed.written)
        )
    )


def parse_due_option(value: str, today: date) -> date:
    from reseau.actions.promise import parse_due
    from reseau.files.dates import DateError
    from reseau.files.text import clean

    try:
        return parse_due(value, today)
    except DateError as exc:
        raise typer.BadParameter(clean(str(exc)), param_hint="--by") from None


def _report(written: Written) -> None:
    import textwrap

    from reseau.files.text import clean

    say(_("changed {path}:").format(path=clean(written.relpath)))
    lines = textwrap.dedent("\n".join(written.lines)).splitlines()
    say_lines(f"  {clean(line)}" for line in lines)


def _name(written: Written) -> str:
    from reseau.files.text import clean

    return clean(written.contact.name)


def _open_count(written: Written) -> str:
    from reseau.method.promises import open_promises

    count = len(open_promises(written.contact))
    return ngettext("{count} open promise", "{count} open promises", count).format(count=count)
