"""reseau qualify WHO, reseau qualify --missing."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from reseau.cli.output import emit_json, say_lines
from reseau.cli.state import state_of
from reseau.files.i18n import _
from reseau.files.problems import ReseauError

if TYPE_CHECKING:
    from reseau.actions.qualify import Answers
    from reseau.files.model import Contact
    from reseau.files.store import Network

FLAGS = "--nature, --strength, --sharing, --influence TERRITORY=LEVEL, --pleasure, --efficiency"


class CancelledError(ReseauError):
    pass


class QualifyUsageError(ReseauError):
    exit_code = 2


def qualify(
    ctx: typer.Context,
    who: Annotated[
        str | None,
        typer.Argument(
            help="A slug, a unique prefix of one, or part of a name.", show_default=False
        ),
    ] = None,
    missing: Annotated[
        bool,
        typer.Option("--missing", help="List the active contacts to qualify, or to qualify again."),
    ] = False,
    nature: Annotated[
        str | None,
        typer.Option(
            metavar="NATURE",
            help="client, prospect, prescriber, partner, peer, colleague, supplier, mentor, "
            "friend, family or other; a unique start will do (clien).",
        ),
    ] = None,
    strength: Annotated[
        int | None, typer.Option(metavar="0-3", help="How strong the tie is.")
    ] = None,
    sharing: Annotated[
        int | None, typer.Option(metavar="0-3", help="Do they open their network to you.")
    ] = None,
    influence: Annotated[
        list[str] | None,
        typer.Option(
            metavar="TERRITORY=LEVEL",
            help="Influence 0-3 on a territory of reseau.yaml (repeat).",
        ),
    ] = None,
    pleasure: Annotated[
        int | None, typer.Option(metavar="0-3", help="How much you enjoy the exchange.")
    ] = None,
    efficiency: Annotated[
        int | None, typer.Option(metavar="0-3", help="What the exchange brings.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Qualify a contact: asks each criterion in a terminal, or takes them as options."""
    from reseau.actions.qualify import Answers

    answers = Answers(
        nature=_nature(nature),
        strength=_level(strength, "--strength"),
        sharing=_level(sharing, "--sharing"),
        influence=_influence(influence or []),
        pleasure=_level(pleasure, "--pleasure"),
        efficiency=_level(efficiency, "--efficiency"),
    )
    if missing:
        if who is not None or not answers.is_empty():
            raise QualifyUsageError(_("--missing lists contacts; it takes no WHO and no criterion"))
        _list_missing(ctx, as_json)
        return
    if who is None:
        raise QualifyUsageError(_("say who to qualify (reseau qualify WHO), or use --missing"))
    _qualify_one(ctx, who, answers, as_json)


def _qualify_one(ctx: typer.Context, who: str, answers: Answers, as_json: bool) -> None:
    from reseau.actions.qualify import qualify_contact
    from reseau.cli.views import outcome_json, outcome_lines
    from reseau.files.who import find_contact

    state = state_of(ctx)
    network = state.network()
    slug = find_contact(network, who)
    if answers.is_empty():
        answers = _interview(network.contacts[slug], network.contact_path(slug), network)
    outcome = qualify_contact(state.root(), network, slug, answers, state.today)
    if as_json:
        emit_json(outcome_json(outcome, network.settings))
    else:
        say_lines(outcome_lines(outcome, network.settings))


def _interview(contact: Contact, relpath: str, network: Network) -> Answers:
    from reseau.cli.questionnaire import interview

    if not sys.stdin.isatty():
        raise QualifyUsageError(
            _("no criterion given and no terminal to ask in; pass {flags}").format(flags=FLAGS)
        )
    try:
        return interview(contact, relpath, network.settings, _ask, _tell)
    except (EOFError, KeyboardInterrupt):
        sys.stderr.write("\n")
        raise CancelledError(_("stopped; nothing was written")) from None


def _ask(prompt: str) -> str:
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\r\n")


def _tell(line: str) -> None:
    sys.stderr.write(line + "\n")


def _list_missing(ctx: typer.Context, as_json: bool) -> None:
    from reseau.cli.palette import Screen
    from reseau.cli.views import shared_names, to_qualify_table
    from reseau.method.qualification import to_qualify

    state = state_of(ctx)
    network = state.network()
    rows = to_qualify(network, state.today)
    if as_json:
        emit_json([row.to_json() for row in rows])
    else:
        screen = Screen.stdout()
        say_lines(to_qualify_table(rows, state.today, screen, shared_names(network)))


def _nature(value: str | None) -> str | None:
    """A nature by its name, its number in the list, or a unique start of its name."""
    from reseau.files.model import NATURES
    from reseau.files.text import clean
    from reseau.files.validation import suggest
    from reseau.method.qualification import natures_named

    if value is None:
        return None
    named = natures_named(value)
    if len(named) == 1:
        return named[0]
    if named:
        hint = _("; it starts {natures}: type more of it").format(natures=", ".join(named))
    else:
        close = suggest(value, NATURES)
        if close:
            hint = _("; did you mean '{close}'?").format(close=close)
        else:
            hint = _("; one of: {choices}").format(choices=", ".join(NATURES))
    message = _("'{value}' is not a nature of link{hint}").format(value=clean(value), hint=hint)
    raise typer.BadParameter(message, param_hint="--nature")


def _level(value: int | None, option: str) -> int | None:
    if value is None or 0 <= value <= 3:
        return value
    raise typer.BadParameter(
        _("must be 0, 1, 2 or 3, got {value}").format(value=value), param_hint=option
    )


def _influence(values: list[str]) -> dict[str, int]:
    from reseau.actions.qualify import parse_influence

    levels = {}
    for value in values:
        try:
            territory, level = parse_influence(value)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--influence") from None
        levels[territory] = level
    return levels
